package dev.latchkey.cli.keys;

import dev.latchkey.account.AccountReference;
import dev.latchkey.cli.session.AccountOption;
import dev.latchkey.cli.session.CliException;
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

/** {@code latchkey keys rename OLD NEW}: renames an account, keeping its default mark. */
@Command(
    name = "rename",
    aliases = "mv",
    mixinStandardHelpOptions = true,
    description = "Rename an account (NEW is a name, or platform/name).")
public final class KeysRenameCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KeychainOption keychainOption;

  @Parameters(
      index = "0",
      paramLabel = "OLD",
      converter = AccountOption.Converter.class,
      description = "The account to rename: " + AccountOption.DESCRIPTION)
  AccountReference from;

  @Parameters(
      index = "1",
      paramLabel = "NEW",
      description = "Its new name: NAME (same platform), or PLATFORM/NAME.")
  String to;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    try (Keychain keychain = session.keychain().forWriting().open(false)) {
      AccountId old = from.resolve(keychain, null);
      AccountId renamed = target(old);
      session.platform(renamed.platform());
      if (renamed.equals(old)) {
        throw CliException.usage("the new name is the old one: " + old);
      }
      if (keychain.get(renamed).isPresent()) {
        throw new CliException(
            "there is already an account " + renamed + "; remove it first or pick another name");
      }
      keychain.rename(old, renamed);
      session.out().println("renamed " + old + " to " + renamed);
      session.out().flush();
      return ExitCode.OK;
    }
  }

  private AccountId target(AccountId old) {
    try {
      return to.indexOf('/') >= 0 ? AccountId.parse(to) : new AccountId(old.platform(), to);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }
}
