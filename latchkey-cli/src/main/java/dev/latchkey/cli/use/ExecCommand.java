package dev.latchkey.cli.use;

import dev.latchkey.account.KeychainAccess;
import dev.latchkey.cli.keys.FormatConverter;
import dev.latchkey.cli.keys.PrivateFile;
import dev.latchkey.cli.scan.ScanCommand;
import dev.latchkey.cli.session.AccountParameter;
import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.Session;
import dev.latchkey.formats.CredentialExport;
import dev.latchkey.formats.CredentialFormat;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.PassphraseSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey exec ACCOUNT -- COMMAND…}: runs a program with the account's credentials in its
 * environment only (as {@code aws-vault exec} does), optionally also as a private credentials file
 * that is removed when the program ends. The credentials are never on a command line and never
 * printed; the program's exit code is passed through.
 */
@Command(
    name = "exec",
    mixinStandardHelpOptions = true,
    description = {
      "Run COMMAND with an account's credentials in its environment only, under",
      "the names tools read (default: TWITTER_CONSUMER_KEY... and twarc's",
      "CONSUMER_KEY, BEARER_TOKEN...). Nothing is printed and nothing is put on a",
      "command line. With --file FORMAT they are also written, mode 0600, to a",
      "file in a private directory that is removed when COMMAND ends; its path is",
      "in LATCHKEY_CREDENTIALS_FILE. The exit code is COMMAND's. Put -- before",
      "COMMAND when it has options of its own.",
      "",
      "  latchkey exec twitter/alice -- twarc2 timeline jack",
      "  latchkey exec twitter/alice --file tw-json -- python collect.py"
    })
public final class ExecCommand implements Callable<Integer> {
  /** Where {@code --file} puts the path of the credentials file. */
  static final String FILE_VARIABLE = "LATCHKEY_CREDENTIALS_FILE";

  @Spec CommandSpec spec;

  @Mixin AccountParameter account;

  @Mixin KeychainOption keychainOption;

  @Parameters(
      index = "1..*",
      paramLabel = "COMMAND",
      arity = "1..*",
      description = "The program to run and its arguments (after --), looked up on PATH.")
  List<String> command = new ArrayList<>();

  @Option(
      names = "--file",
      paramLabel = "FORMAT",
      converter = FormatConverter.class,
      description =
          "Also write the credentials in this format (tw-json, twurlrc, dotenv, smapy,"
              + " twarc, twarc2, massmine) to a private file for COMMAND.")
  CredentialFormat file;

  @Mixin CredentialEnvironment environment;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    Account chosen;
    try (Keychain keychain = session.keychain().open(false)) {
      chosen = account.stored(keychain);
    }
    Map<String, String> variables = environment.variables(chosen);
    String fileText = null;
    if (file != null) {
      try {
        fileText = CredentialExport.write(chosen, file);
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage());
      }
    }
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    Map<String, String> env = builder.environment();
    env.clear();
    env.putAll(session.context().environment());
    // The program gets the account's credentials, not the keychain's passphrase.
    env.remove(PassphraseSources.PASSPHRASE_ENV);
    env.remove(PassphraseSources.PASSPHRASE_FILE_ENV);
    env.remove(KeychainAccess.NEW_PASSPHRASE_FILE);
    env.putAll(variables);
    env.put("LATCHKEY_ACCOUNT", chosen.id().toString());
    Path dir = null;
    Thread cleanup = null;
    try {
      if (fileText != null) {
        dir =
            Files.createTempDirectory(
                "latchkey-exec-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path credentials = dir.resolve(fileName(file, chosen));
        PrivateFile.write(credentials, fileText, false);
        env.put(FILE_VARIABLE, credentials.toString());
        Path remove = dir;
        cleanup = new Thread(() -> removeQuietly(remove), "latchkey-exec-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup); // also on Ctrl-C or kill
      }
      Process child;
      try {
        child = builder.start();
      } catch (IOException e) {
        String why = String.valueOf(e.getMessage());
        if (why.contains("error=13")) {
          throw new CliException(126, ScanCommand.shorten(command.get(0)) + ": permission denied");
        }
        throw new CliException(127, ScanCommand.shorten(command.get(0)) + ": command not found");
      }
      try {
        return child.waitFor();
      } catch (InterruptedException e) {
        child.destroy();
        Thread.currentThread().interrupt();
        return ExitCode.FAILURE;
      }
    } finally {
      if (dir != null) {
        removeQuietly(dir);
      }
      if (cleanup != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
          // shutting down: the hook runs anyway
        }
      }
    }
  }

  /** The file name the format's own tool expects. */
  static String fileName(CredentialFormat format, Account account) {
    return switch (format) {
      case TW_JSON -> "tw.json";
      case SMAPY -> "smapy.json";
      case TWURLRC -> ".twurlrc";
      case TWARC -> ".twarc";
      case TWARC2 -> "config";
      case DOTENV -> ".env";
      case MASSMINE -> account.id().platform() + "_cred";
    };
  }

  /** Overwrites, then deletes the credentials file and its directory. */
  private static void removeQuietly(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        try {
          long size = Files.size(f);
          Files.write(f, new byte[(int) Math.min(size, 1 << 20)]);
        } catch (IOException e) {
          // delete it anyway
        }
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // gone already
    }
  }
}
