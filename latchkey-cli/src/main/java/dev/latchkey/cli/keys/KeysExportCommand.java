package dev.latchkey.cli.keys;

import dev.latchkey.cli.session.AccountParameter;
import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.Session;
import dev.latchkey.formats.CredentialExport;
import dev.latchkey.formats.CredentialFormat;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey keys export ACCOUNT --format F --reveal -o FILE}: writes an account in a format
 * another tool reads. The file holds the secrets in plain text, so the command insists on {@code
 * --reveal}, creates the file 0600 and never replaces one without {@code --force}.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write an account in another tool's format (plain text).",
      "Formats: tw-json, twurlrc, dotenv, smapy, twarc, twarc2, massmine. The file holds the"
          + " secrets in plain text: --reveal is required, and the file is created readable"
          + " only by you (mode 0600)."
    })
public final class KeysExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KeychainOption keychainOption;

  @Mixin AccountParameter account;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "FORMAT",
      converter = FormatConverter.class,
      description = "tw-json, twurlrc, dotenv, smapy, twarc, twarc2 or massmine.")
  CredentialFormat format;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE",
      description = "Where to write ('-' for standard output).")
  String output;

  @Option(names = "--reveal", description = "Confirm that the secrets are to be written in full.")
  boolean reveal;

  @Option(names = "--force", description = "Replace FILE if it exists.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    if (!reveal) {
      throw CliException.usage(
          "export writes the secrets of " + account + " in plain text; add --reveal to confirm");
    }
    boolean toStdout = "-".equals(output);
    Path file = toStdout ? null : Path.of(output).toAbsolutePath();
    if (file != null && !force && Files.exists(file)) {
      throw new CliException(file + " exists; add --force to replace it");
    }
    try (Keychain keychain = session.keychain().open(false)) {
      Account found = account.stored(keychain);
      AccountId id = found.id();
      String text;
      try {
        text = CredentialExport.write(found, format);
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage());
      }
      if (toStdout) {
        session.out().print(text);
        session.out().flush();
        session.warn("printed the secrets of " + id + " in plain text");
        return ExitCode.OK;
      }
      PrivateFile.write(file, text, force);
      session.warn(
          file + " holds the secrets of " + id + " in plain text; delete it when you are done");
      session.out().println("exported " + id + " to " + file + " (" + format + ")");
      session.out().flush();
      return ExitCode.OK;
    }
  }
}
