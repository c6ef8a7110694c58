package dev.latchkey.cli.keys;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.latchkey.account.KeychainAccess;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.Session;
import dev.latchkey.cli.terminal.Table;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.Keychain;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code latchkey keys list}: every account, its default mark, label, contents and masked key. */
@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description = "List the accounts (secrets masked).")
public final class KeysListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KeychainOption keychainOption;

  @Parameters(arity = "0..1", paramLabel = "PLATFORM", description = "Only this platform's.")
  String platform;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    KeychainAccess access = session.keychain();
    if (!access.exists()) {
      if (json) {
        session.printJson(Session.json().createArrayNode());
      } else {
        session
            .out()
            .println(
                "no keychain at "
                    + access.path()
                    + " yet; add an account with: latchkey keys add twitter/NAME");
        session.out().flush();
      }
      return ExitCode.OK;
    }
    try (Keychain keychain = access.open(false)) {
      List<Account> accounts =
          platform == null
              ? keychain.accounts()
              : keychain.accounts(platform.toLowerCase(Locale.ROOT));
      print(session, keychain, accounts);
    }
    return ExitCode.OK;
  }

  private void print(Session session, Keychain keychain, List<Account> accounts) {
    if (json) {
      ArrayNode array = Session.json().createArrayNode();
      for (Account account : accounts) {
        array.add(AccountView.listJson(account, AccountView.isDefault(keychain, account.id())));
      }
      session.printJson(array);
      return;
    }
    if (accounts.isEmpty()) {
      session.out().println("no accounts yet; add one with: latchkey keys add twitter/NAME");
      session.out().flush();
      return;
    }
    Table table = new Table().row("ACCOUNT", "DEFAULT", "LABEL", "HOLDS", "KEY");
    for (Account account : accounts) {
      table.row(
          account.id().toString(),
          AccountView.isDefault(keychain, account.id()) ? "*" : "",
          Labels.shown(account.label()),
          String.join(",", AccountView.holds(account)),
          AccountView.maskedKey(account));
    }
    table.print(session.out());
  }
}
