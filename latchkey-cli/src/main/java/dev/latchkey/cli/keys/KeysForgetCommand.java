package dev.latchkey.cli.keys;

import dev.latchkey.account.KeychainAccess;
import dev.latchkey.account.Keyring;
import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey keys forget}: removes the passphrase {@code keys remember} stored, and the opt-in
 * record, so the keyring is no longer asked.
 */
@Command(
    name = "forget",
    mixinStandardHelpOptions = true,
    description = "Remove the keychain passphrase from the OS keyring.")
public final class KeysForgetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KeychainOption keychainOption;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    KeychainAccess access = session.keychain();
    boolean optedIn = access.removeKeyringOptIn();
    boolean removed;
    try {
      removed = access.keyring().delete(access.path().toString());
    } catch (Keyring.Unavailable e) {
      if (optedIn) {
        throw new CliException(
            "latchkey no longer asks the OS keyring for the passphrase of "
                + access.path()
                + ", but the keyring did not answer ("
                + e.getMessage()
                + "); remove the entry with your keyring's own tool if it is still there");
      }
      throw new CliException(
          "no OS keyring available (" + e.getMessage() + "); there is nothing to forget");
    }
    session
        .out()
        .println(
            removed
                ? "the OS keyring no longer remembers the passphrase of " + access.path()
                : "the OS keyring did not remember the passphrase of " + access.path());
    session.out().flush();
    return ExitCode.OK;
  }
}
