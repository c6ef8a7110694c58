package dev.latchkey.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code latchkey keys forget}: removes the passphrase {@code keys remember} stored. */
@Command(
    name = "forget",
    mixinStandardHelpOptions = true,
    description = "Remove the keychain passphrase from the OS keyring.")
final class KeysForgetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    KeychainAccess access = session.keychain();
    boolean removed;
    try {
      removed = session.keyring().delete(access.path().toString());
    } catch (OsKeyring.Unavailable e) {
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
