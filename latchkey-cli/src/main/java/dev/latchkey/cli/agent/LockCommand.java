package dev.latchkey.cli.agent;

import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.Session;
import dev.latchkey.keychain.KeychainAgent;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code latchkey lock}: the agent forgets the unlocked keychain now. */
@Command(
    name = "lock",
    mixinStandardHelpOptions = true,
    description = {
      "Make the agent started by latchkey unlock forget the keychain now; the next",
      "command asks for the passphrase again."
    })
public final class LockCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KeychainOption keychainOption;

  @Override
  public Integer call() {
    Session session = Session.of(spec);
    java.nio.file.Path path = session.keychain().path();
    if (KeychainAgent.lock(path, session.context().environment())) {
      session.out().println("locked " + path + ": the agent forgot it");
    } else {
      session.out().println("no agent holds " + path + "; it is locked already");
    }
    session.out().flush();
    return ExitCode.OK;
  }
}
