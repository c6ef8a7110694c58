package dev.latchkey.cli.keys;

import dev.latchkey.account.AccountReference;
import dev.latchkey.cli.session.AccountOption;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.Session;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey keys default ACCOUNT}: makes an account its platform's default, the one used when
 * a command is given only the platform. With a platform alone, prints the current default.
 */
@Command(
    name = "default",
    mixinStandardHelpOptions = true,
    description = "Make an account its platform's default (with PLATFORM alone: print it).")
public final class KeysDefaultCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KeychainOption keychainOption;

  @Parameters(
      index = "0",
      paramLabel = "ACCOUNT",
      converter = AccountOption.Converter.class,
      description =
          "The account to make its platform's default, or a PLATFORM alone to print its"
              + " default.")
  AccountReference account;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    try (Keychain keychain = session.keychain().forWriting().open(false)) {
      if (account.isPlatformOnly()) {
        session.out().println(account.resolve(keychain, null));
        session.out().flush();
        return ExitCode.OK;
      }
      AccountId id = account.resolve(keychain, null);
      keychain.setDefault(id);
      session.out().println(id + " is now the default " + id.platform() + " account");
      session.out().flush();
      return ExitCode.OK;
    }
  }
}
