package dev.latchkey.cli.keys;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code latchkey keys}: the accounts in the keychain, and the keychain's passphrase. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Manage the accounts in the keychain.",
    subcommands = {
      KeysAddCommand.class,
      KeysListCommand.class,
      KeysShowCommand.class,
      KeysRmCommand.class,
      KeysRenameCommand.class,
      KeysLabelCommand.class,
      KeysDefaultCommand.class,
      KeysImportCommand.class,
      KeysExportCommand.class,
      KeysPasswdCommand.class,
      KeysRememberCommand.class,
      KeysForgetCommand.class
    })
public final class KeysCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
