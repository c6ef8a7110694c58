package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.session.ExitCode;
import java.nio.file.Path;
import java.util.List;
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

  /** Every command's path below {@code latchkey}, like {@code keys add}. */
  private static java.util.List<String[]> commandPaths(
      picocli.CommandLine commandLine, java.util.List<String> prefix) {
    java.util.List<String[]> out = new java.util.ArrayList<>();
    out.add(prefix.toArray(String[]::new));
    for (java.util.Map.Entry<String, picocli.CommandLine> e :
        commandLine.getSubcommands().entrySet()) {
      if (e.getValue().getCommandName().equals(e.getKey()) && !e.getKey().equals("help")) {
        java.util.List<String> next = new java.util.ArrayList<>(prefix);
        next.add(e.getKey());
        out.addAll(commandPaths(e.getValue(), next));
      }
    }
    return out;
  }

  @Test
  void everyHelpFitsEightyColumnsAndDescribesEveryOptionAndParameter() {
    org.assertj.core.api.SoftAssertions softly = new org.assertj.core.api.SoftAssertions();
    picocli.CommandLine root = LatchkeyCommand.newCommandLine(java.util.Map.of());
    for (String[] path : commandPaths(root, java.util.List.of())) {
      String[] args = java.util.Arrays.copyOf(path, path.length + 1);
      args[path.length] = "--help";
      String help = cli.run(args).assertOk().out();
      for (String line : help.lines().toList()) {
        softly
            .assertThat(line.length())
            .as("%s in the help of %s", line, String.join(" ", path))
            .isLessThanOrEqualTo(80);
      }
      List<String> lines = help.lines().toList();
      for (int i = 1; i < lines.size(); i++) {
        String before = lines.get(i - 1);
        String line = lines.get(i);
        softly
            .assertThat(
                before.matches(".*\\w\\.")
                    && line.trim().matches("[a-z].*")
                    && indent(line) > indent(before))
            .as(
                "a word broken at its dot in the help of %s:%n%s%n%s",
                String.join(" ", path), before, line)
            .isFalse();
      }
      picocli.CommandLine command = root;
      for (String p : path) {
        command = command.getSubcommands().get(p);
      }
      for (picocli.CommandLine.Model.ArgSpec arg : command.getCommandSpec().args()) {
        softly
            .assertThat(String.join(" ", arg.description()))
            .as("description of %s in %s", arg.paramLabel(), String.join(" ", path))
            .isNotBlank();
      }
      softly
          .assertThat(command.getCommandSpec().usageMessage().description())
          .as("summary of %s", String.join(" ", path))
          .isNotEmpty();
      softly
          .assertThat(command.getCommandSpec().usageMessage().description()[0])
          .as("summary of %s", String.join(" ", path))
          .doesNotEndWith(":")
          .hasSizeLessThanOrEqualTo(80);
      for (String line : command.getCommandSpec().usageMessage().footer()) {
        softly
            .assertThat(line)
            .as("footer line of %s", String.join(" ", path))
            .hasSizeLessThanOrEqualTo(80);
      }
    }
    softly.assertAll();
  }

  @Test
  void sandboxAndDemoDoNotListTheKeychainOptions() {
    for (String command : new String[] {"sandbox", "demo"}) {
      assertThat(cli.run(command, "--help").assertOk().out())
          .as(command)
          .doesNotContain("--keychain")
          .doesNotContain("--insecure-storage");
    }
    assertThat(cli.run("status", "--help").out()).contains("--keychain");
  }

  @Test
  void aMistypedCommandIsShownOnlyRealNeighbours() {
    assertThat(cli.run("stauts").assertUsage("Unmatched argument").err())
        .contains("Did you mean: status?");
    assertThat(cli.run("logout").assertUsage("Unmatched argument").err())
        .doesNotContain("Did you mean");
    assertThat(cli.run("configure").assertUsage("Unmatched argument").err())
        .doesNotContain("Did you mean");
    assertThat(cli.run("keys", "ad").assertUsage("Unmatched argument").err())
        .contains("Did you mean: add?");
  }

  private static int indent(String line) {
    return line.length() - line.stripLeading().length();
  }
}
