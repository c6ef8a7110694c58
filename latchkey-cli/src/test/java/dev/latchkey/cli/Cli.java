package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.account.KeychainAccess;
import dev.latchkey.account.Keyring;
import dev.latchkey.cli.session.CliContext;
import dev.latchkey.cli.session.ExitCode;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * Runs {@code latchkey} in-process the way a user would, with a temporary {@code LATCHKEY_HOME}, a
 * passphrase in the environment and a weak work factor (so each run takes milliseconds), and keeps
 * every byte it printed for leak checks.
 */
public final class Cli {
  static final String PASSPHRASE = "correct horse battery staple";

  final Path home;
  public final Map<String, String> env = new HashMap<>();
  Keyring keyring = FakeKeyring.working();
  public Consumer<CommandLine> customize = c -> {};
  private final List<String> transcript = new ArrayList<>();

  public Cli(Path home) {
    this.home = home;
    env.put("LATCHKEY_HOME", home.toString());
    env.put("LATCHKEY_PASSPHRASE", PASSPHRASE);
    // Nothing listens there: a command that talks to a platform must be pointed at a sandbox,
    // so no test ever reaches the real X or Tumblr.
    env.put("LATCHKEY_SANDBOX", "http://127.0.0.1:9");
    env.put(KeychainAccess.TEST_WORK_FACTOR, "10");
  }

  /** What one run returned and printed. */
  public record Result(int exitCode, String out, String err) {
    /** Standard error without the weak-work-factor warning every test run prints. */
    public String errors() {
      return err.lines()
          .filter(l -> !l.contains(KeychainAccess.TEST_WORK_FACTOR))
          .reduce("", (a, b) -> a + b + "\n");
    }

    public Result assertOk() {
      assertThat(exitCode).as("exit code; stderr: %s", err).isEqualTo(ExitCode.OK);
      return this;
    }

    /** Exit code 1 and exactly one {@code latchkey: ...} line about the problem. */
    public Result assertFailure(String expectedFragment) {
      assertThat(exitCode).as("exit code; stderr: %s", err).isEqualTo(ExitCode.FAILURE);
      assertOneErrorLine(expectedFragment);
      return this;
    }

    /** Exit code 1 and the message somewhere on standard error (a stack trace may follow). */
    public Result assertVerboseFailure(String expectedFragment) {
      assertThat(exitCode).as("exit code; stderr: %s", err).isEqualTo(ExitCode.FAILURE);
      assertThat(err).contains(expectedFragment).contains("\tat ");
      return this;
    }

    public Result assertUsage(String expectedFragment) {
      assertThat(exitCode).as("exit code; stderr: %s", err).isEqualTo(ExitCode.USAGE);
      assertThat(err).contains(expectedFragment).doesNotContain("\tat ");
      return this;
    }

    /** The error is the last line, {@code latchkey: ...}, with no stack trace before it. */
    private void assertOneErrorLine(String fragment) {
      List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
      assertThat(lines).isNotEmpty();
      assertThat(lines.get(lines.size() - 1)).startsWith("latchkey: ").contains(fragment);
      assertThat(err)
          .doesNotContain("\tat ")
          .doesNotContainPattern("[a-z]+\\.[a-z.]+[A-Za-z]+Exception");
    }
  }

  public Result run(String... args) {
    return runWithInput("", args);
  }

  public Result runWithInput(String stdin, String... args) {
    CliContext context =
        CliContext.of(
            env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), keyring);
    return run(context, args);
  }

  public Result run(CliContext context, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = LatchkeyCommand.newCommandLine(context);
    customize.accept(commandLine);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    Result result = new Result(code, out.toString(), err.toString());
    transcript.add(result.out);
    transcript.add(result.err);
    return result;
  }

  /** Everything every run printed so far. */
  public String transcript() {
    return String.join("\n", transcript);
  }
}
