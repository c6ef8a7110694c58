package dev.latchkey.cli.keys;

import dev.latchkey.cli.session.AccountParameter;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.Session;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code latchkey keys rm ACCOUNT}: deletes an account from the keychain. */
@Command(
    name = "rm",
    aliases = "remove",
    mixinStandardHelpOptions = true,
    description = "Remove an account (it is not revoked at the platform).")
public final class KeysRmCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KeychainOption keychainOption;

  @Mixin AccountParameter account;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    try (Keychain keychain = session.keychain().forWriting().open(false)) {
      AccountId id = account.resolve(keychain);
      boolean wasDefault = AccountView.isDefault(keychain, id);
      keychain.remove(id);
      session.out().println("removed " + id);
      session.out().flush();
      if (wasDefault && !keychain.accounts(id.platform()).isEmpty()) {
        session.notice(
            id.platform()
                + " has no default account now; set one with: latchkey keys default "
                + id.platform()
                + "/NAME");
      }
      return ExitCode.OK;
    }
  }
}
