package dev.latchkey.cli.keys;

import dev.latchkey.cli.session.AccountParameter;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.Session;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.Keychain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latchkey keys show ACCOUNT}: every credential of one account, masked unless asked. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show one account (secrets masked unless --reveal).")
public final class KeysShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KeychainOption keychainOption;

  @Mixin AccountParameter account;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Option(names = "--reveal", description = "Print the secrets in full.")
  boolean reveal;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    try (Keychain keychain = session.keychain().open(false)) {
      Account found = account.stored(keychain);
      boolean isDefault = AccountView.isDefault(keychain, found.id());
      if (json) {
        session.printJson(AccountView.showJson(found, isDefault, reveal));
      } else {
        AccountView.showTable(found, isDefault, reveal).print(session.out());
      }
      return ExitCode.OK;
    }
  }
}
