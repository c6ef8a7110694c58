package dev.latchkey.cli.keys;

import dev.latchkey.cli.session.AccountParameter;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.Session;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code latchkey keys label ACCOUNT TEXT}: sets the note shown next to an account. */
@Command(
    name = "label",
    mixinStandardHelpOptions = true,
    description = "Set an account's label ('' clears it).")
public final class KeysLabelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KeychainOption keychainOption;

  @Mixin AccountParameter account;

  @Parameters(index = "1", paramLabel = "TEXT", description = "The label; '' clears it.")
  String text;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    String label = Labels.checked(text);
    try (Keychain keychain = session.keychain().forWriting().open(false)) {
      Account found = account.stored(keychain);
      AccountId id = found.id();
      keychain.put(found.withLabel(label));
      session
          .out()
          .println(label == null ? "cleared the label of " + id : "labelled " + id + ": " + label);
      session.out().flush();
      return ExitCode.OK;
    }
  }
}
