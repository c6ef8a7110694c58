package dev.latchkey.cli.keys;

import dev.latchkey.account.KeychainAccess;
import dev.latchkey.account.Keyring;
import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.Session;
import dev.latchkey.keychain.Keychain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey keys remember}: keeps the keychain passphrase in the OS keyring so that later
 * commands need no prompt, and records the opt-in beside the keychain (no secret in it). Opt-in,
 * because any program the user runs may be able to read that keyring; without it the keyring is
 * never asked.
 */
@Command(
    name = "remember",
    mixinStandardHelpOptions = true,
    description = {
      "Keep the keychain passphrase in the OS keyring.",
      "Commands then stop asking for it. Any program running as you may be able to read it."
    })
public final class KeysRememberCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KeychainOption keychainOption;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    if (session.insecureStorage()) {
      throw new CliException(
          "a keychain kept with --insecure-storage has no passphrase to remember");
    }
    KeychainAccess access = session.keychain();
    try (Keychain unlocked = access.openKeepingPassphrase()) {
      // Opening proves the passphrase is the right one before it is stored.
    }
    char[] passphrase = access.takePassphrase();
    try {
      if (access.source() == KeychainAccess.Source.KEYRING) {
        access.recordKeyringOptIn();
        session
            .out()
            .println("the OS keyring already remembers the passphrase of " + access.path());
        session.out().flush();
        return ExitCode.OK;
      }
      access.keyring().set(access.path().toString(), new String(passphrase));
      access.recordKeyringOptIn();
    } catch (Keyring.Unavailable e) {
      throw new CliException(
          "no OS keyring available ("
              + e.getMessage()
              + "); keep the passphrase in a file named by LATCHKEY_PASSPHRASE_FILE instead");
    } finally {
      KeychainAccess.wipe(passphrase);
    }
    session
        .out()
        .println(
            "the OS keyring now remembers the passphrase of "
                + access.path()
                + "; undo with: latchkey keys forget");
    session.out().flush();
    return ExitCode.OK;
  }
}
