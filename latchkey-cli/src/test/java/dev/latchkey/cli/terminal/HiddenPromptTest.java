package dev.latchkey.cli.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.latchkey.cli.Main;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code latchkey} process under a pseudo-terminal (util-linux {@code script}) with its
 * standard output redirected to a file: Java then has no console, and the passphrase must still be
 * read with echo off. The pty transcript is what the person's screen shows.
 */
class HiddenPromptTest {
  private static final String PASSPHRASE = "tty-passphrase-never-echoed-42";

  @TempDir Path dir;

  @Test
  void passphraseTypedAtATerminalIsNotEchoedWhenOutputIsRedirected() throws Exception {
    assumeTrue(onPath("script") && onPath("stty"), "needs script and stty (util-linux, coreutils)");
    Path json = dir.resolve("tw.json");
    Files.writeString(
        json,
        "{\"consumer_key\":\"abcdefghijklmnop\",\"consumer_secret\":\"qrstuvwxyz0123456789\"}");
    Path out = dir.resolve("out.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        String.join(
            " ",
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "keys",
                "add",
                "--no-verify",
                "twitter/x",
                "--from-json",
                json.toString(),
                ">",
                out.toString()));
    ProcessBuilder builder =
        new ProcessBuilder("script", "-qec", command, "/dev/null").redirectErrorStream(true);
    builder.environment().put("LATCHKEY_HOME", dir.resolve("home").toString());
    builder.environment().put("LATCHKEY_INSECURE_TEST_WORK_FACTOR", "10");
    builder.environment().put("LATCHKEY_NO_KEYRING", "1");
    builder.environment().remove("LATCHKEY_PASSPHRASE");
    builder.environment().remove("LATCHKEY_PASSPHRASE_FILE");
    Process process = builder.start();

    StringBuilder screen = new StringBuilder();
    InputStream fromPty = process.getInputStream();
    OutputStream toPty = process.getOutputStream();
    awaitText(fromPty, screen, "New passphrase:");
    type(toPty, PASSPHRASE);
    awaitText(fromPty, screen, "Repeat the passphrase:");
    type(toPty, PASSPHRASE);
    screen.append(new String(fromPty.readAllBytes(), StandardCharsets.UTF_8));
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(screen.toString()).isZero();
    assertThat(Files.readString(out)).contains("added twitter/x");
    assertThat(screen.toString()).doesNotContain(PASSPHRASE);
    assertThat(dir.resolve("home").resolve("keychain.age")).exists();
  }

  private static void awaitText(InputStream in, StringBuilder screen, String text)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    byte[] buffer = new byte[256];
    while (!screen.toString().contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no prompt '" + text + "' on the terminal: " + screen);
      }
      int n = in.read(buffer);
      if (n < 0) {
        throw new AssertionError("the process ended before '" + text + "': " + screen);
      }
      screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
    }
  }

  private static void type(OutputStream toPty, String line) throws Exception {
    toPty.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    toPty.flush();
  }

  private static boolean onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }
}
