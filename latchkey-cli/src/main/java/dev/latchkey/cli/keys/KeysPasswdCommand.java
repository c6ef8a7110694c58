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
 * {@code latchkey keys passwd}: re-encrypts the keychain under a new passphrase, typed twice or
 * read from the file named by {@code LATCHKEY_NEW_PASSPHRASE_FILE}.
 */
@Command(
    name = "passwd",
    mixinStandardHelpOptions = true,
    description = {
      "Change the keychain passphrase.",
      "The new one is asked twice, or read from the file named by LATCHKEY_NEW_PASSPHRASE_FILE."
    })
public final class KeysPasswdCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KeychainOption keychainOption;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    KeychainAccess access = session.keychain();
    if (session.insecureStorage()) {
      throw new CliException("a keychain kept with --insecure-storage has no passphrase to change");
    }
    try (Keychain keychain = access.open(false)) {
      String file = session.context().env(KeychainAccess.NEW_PASSPHRASE_FILE);
      char[] fresh =
          file != null
              ? access.readPassphraseFile(file, KeychainAccess.NEW_PASSPHRASE_FILE)
              : access.newPassphrase("Choose the new passphrase for " + access.path());
      try {
        keychain.changePassphrase(fresh.clone());
        if (access.source() == KeychainAccess.Source.KEYRING || access.keyringOptedIn()) {
          try {
            access.keyring().set(access.path().toString(), new String(fresh));
            session.notice("updated the passphrase remembered in the OS keyring");
          } catch (Keyring.Unavailable e) {
            session.warn(
                "the OS keyring still holds the old passphrase ("
                    + e.getMessage()
                    + "); run 'latchkey keys forget'");
          }
        }
      } finally {
        KeychainAccess.wipe(fresh);
      }
      session.out().println("changed the passphrase of " + access.path());
      session.out().flush();
      return ExitCode.OK;
    }
  }
}
