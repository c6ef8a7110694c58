package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

class LatchkeyCommandTest {
  @TempDir Path home;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(home);
  }

  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("internal detail");
    }
  }

  @Test
  void helpListsTheKeysCommandAndExitsZero() {
    Cli.Result result = cli.run("--help").assertOk();
    assertThat(result.out()).contains("Usage: latchkey").contains("keys").contains("--verbose");
  }

  @Test
  void noArgumentsPrintsUsage() {
    assertThat(cli.run().assertOk().out()).contains("Usage: latchkey");
  }

  @Test
  void versionNamesTheCommand() {
    assertThat(cli.run("--version").assertOk().out()).startsWith("latchkey ");
  }

  @Test
  void authHelpNamesEachPlatformsDefaultScopesFromItsDescription() {
    String out = cli.run("auth", "--help").assertOk().out();
    for (dev.latchkey.platform.Platform p : dev.latchkey.platform.Platforms.builtIn().all()) {
      assertThat(out)
          .contains(
              p.displayName() + ": " + String.join(" ", p.oauth2().orElseThrow().defaultScopes()));
    }
  }

  @Test
  void keysHelpListsEverySubcommand() {
    String out = cli.run("keys", "--help").assertOk().out();
    for (String sub :
        new String[] {
          "add",
          "list",
          "show",
          "rm",
          "rename",
          "label",
          "default",
          "import",
          "export",
          "passwd",
          "remember",
          "forget"
        }) {
      assertThat(out).contains("  " + sub);
    }
  }

  @Test
  void unknownOptionIsAUsageErrorWithAHint() {
    Cli.Result result = cli.run("--frobnicate");
    result.assertUsage("latchkey: Unknown option: '--frobnicate'");
    assertThat(result.err()).contains("Try 'latchkey --help' for more information.");
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    cli.run("keys", "lsit").assertUsage("Unmatched argument");
  }

  @Test
  void missingAccountArgumentIsAUsageError() {
    Cli.Result result = cli.run("keys", "show");
    result.assertUsage("Missing required parameter: 'ACCOUNT'");
    assertThat(result.err()).contains("Try 'latchkey keys show --help'");
  }

  @Test
  void malformedAccountIsAUsageErrorNamingTheRule() {
    cli.run("keys", "show", "Twit ter/alice").assertUsage("is not valid");
    cli.run("keys", "show", "twitter/").assertUsage("PLATFORM/NAME");
  }

  @Test
  void unexpectedErrorIsOneLineWithoutStackTrace() {
    cli.customize = c -> c.addSubcommand(new Boom());
    Cli.Result result = cli.run("boom");
    assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(result.err())
        .isEqualTo(
            "latchkey: unexpected error (IllegalStateException); run with --verbose for details\n")
        .doesNotContain("internal detail");
  }

  @Test
  void verboseAnywhereOnTheLinePrintsTheStackTrace() {
    cli.customize = c -> c.addSubcommand(new Boom());
    Cli.Result before = cli.run("--verbose", "boom");
    Cli.Result after = cli.run("boom", "--verbose");
    for (Cli.Result result : new Cli.Result[] {before, after}) {
      assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
      assertThat(result.err())
          .startsWith("latchkey: unexpected error (IllegalStateException)\n")
          .contains("\tat dev.latchkey.cli.LatchkeyCommandTest$Boom.call");
    }
  }
}
