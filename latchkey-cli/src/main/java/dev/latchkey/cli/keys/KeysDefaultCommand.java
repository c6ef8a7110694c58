package dev.latchkey.cli.keys;

import dev.latchkey.cli.AccountRef;
import dev.latchkey.cli.ExitCode;
import dev.latchkey.cli.Session;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

  @Parameters(index = "0", paramLabel = "ACCOUNT", converter = AccountRef.Converter.class)
  AccountRef account;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    try (Keychain keychain = session.keychain().open(false)) {
      if (account.id() == null) {
        session.out().println(account.resolve(keychain));
        session.out().flush();
        return ExitCode.OK;
      }
      AccountId id = account.resolve(keychain);
      keychain.setDefault(id);
      session.out().println(id + " is now the default " + id.platform() + " account");
      session.out().flush();
      return ExitCode.OK;
    }
  }
}
