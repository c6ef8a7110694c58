package dev.latchkey.cli;

import dev.latchkey.account.KeychainAccess;
import dev.latchkey.account.Keyring;
import dev.latchkey.cli.session.CliContext;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxOptions;
import dev.latchkey.sandbox.SandboxPlatform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * The training run of the launcher's class-data archive (AppCDS): {@code ./latchkey} runs this once
 * with {@code -XX:ArchiveClassesAtExit} after building the jar, so that the classes a short command
 * needs (picocli and every command, the keychain, Jackson, the HTTP client, the collector) are
 * mapped from the archive instead of being read, verified and linked on every run. It runs the
 * common commands in-process against a throwaway keychain and the embedded sandbox; it prints
 * nothing.
 */
public final class CdsTraining {
  private CdsTraining() {}

  /** Runs the training commands; exits 0 whatever they answer (only the loaded classes count). */
  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("latchkey-cds-");
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().port(0).seed(0).build())) {
      SandboxKeys keys = sandbox.keys(SandboxPlatform.TWITTER);
      Path json = Files.writeString(dir.resolve("tw.json"), keys.twJson());
      Map<String, String> env = new HashMap<>();
      env.put("LATCHKEY_HOME", dir.resolve("home").toString());
      env.put("LATCHKEY_PASSPHRASE", "cds training only");
      env.put(KeychainAccess.TEST_WORK_FACTOR, "10");
      env.put(KeychainAccess.NO_KEYRING, "1");
      env.put(KeychainAccess.NO_AGENT, "1");
      env.put("LATCHKEY_SANDBOX", sandbox.baseUri().toString());
      env.put("XDG_RUNTIME_DIR", dir.toString());
      String[][] runs = {
        {"--version"},
        {"--help"},
        {"help", "keys"},
        {"keys", "add", "twitter/training", "--from-json", json.toString()},
        {"keys", "list"},
        {"keys", "show", "twitter/training"},
        {"api", "/1.1/account/verify_credentials.json"},
        {"status"},
        {"unlock", "--status"},
        {"scan", json.getParent().toString()},
        {"env", "twitter/training", "--format", "json"},
        // collect's classes too (its store, SQLite's driver, the dispatcher): a collection's
        // start-up is a fixed cost every run pays
        {
          "collect",
          "timeline",
          "capped_sandbox",
          "--limit",
          "150",
          "--quiet",
          "--output",
          dir.resolve("training.jsonl").toString()
        },
      };
      for (String[] run : runs) {
        CommandLine line =
            LatchkeyCommand.newCommandLine(
                CliContext.of(env, new ByteArrayInputStream(new byte[0]), Keyring.none()));
        line.setOut(new PrintWriter(Writer.nullWriter()));
        line.setErr(new PrintWriter(Writer.nullWriter()));
        line.execute(run);
      }
    } finally {
      delete(dir);
    }
    System.exit(0);
  }

  private static void delete(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
