package dev.latchkey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/fuzz} keeps an input under {@code src/test/resources} only when it is a finding:
 * what libFuzzer writes when a slow input or the time cap ends a run would otherwise be replayed by
 * the default suite as if it were a crash. Exercises the script's bookkeeping ({@code --settle}) on
 * a fake module, without Maven.
 */
class FuzzScriptTest {
  static final Path SCRIPT = Path.of("..", "scripts", "fuzz").toAbsolutePath().normalize();

  @TempDir Path dir;
  Path resources;
  Path inputs;
  Path snapshot;
  Path leftovers;

  @BeforeEach
  void fakeModule() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(SCRIPT), "scripts/fuzz not found at " + SCRIPT);
    resources = dir.resolve("src/test/resources");
    inputs = resources.resolve("dev/latchkey/x/ParserFuzzTestInputs/parses");
    Files.createDirectories(inputs);
    Files.writeString(inputs.resolve("seed-valid"), "seed");
    snapshot = dir.resolve("snapshot");
    Files.writeString(snapshot, inputs.resolve("seed-valid") + "\n");
    leftovers = dir.resolve("leftovers");
  }

  String settle(int status, String log) throws Exception {
    return settle(status, log, "ParserFuzzTest#parses");
  }

  String settle(int status, String log, String target) throws Exception {
    Path logFile = dir.resolve("log");
    Files.writeString(logFile, log);
    Process p =
        new ProcessBuilder(
                "bash",
                SCRIPT.toString(),
                "--settle",
                resources.toString(),
                snapshot.toString(),
                Integer.toString(status),
                logFile.toString(),
                leftovers.toString(),
                target)
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  List<String> left() throws Exception {
    try (Stream<Path> files = Files.walk(resources)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> f.getFileName().toString())
          .sorted()
          .toList();
    }
  }

  @Test
  void aRunStoppedByItsTimeCapLeavesNoInputBehind() throws Exception {
    Files.writeString(inputs.resolve("slow-unit-9a7e16b4"), "slow");
    Files.writeString(inputs.resolve("crash-0a1b2c3d"), "cut off");

    String out = settle(124, "#19318\tpulse  cov: 744\n");

    assertThat(left()).containsExactly("seed-valid");
    assertThat(leftovers.resolve("parses-slow-unit-9a7e16b4")).exists();
    assertThat(leftovers.resolve("parses-crash-0a1b2c3d")).exists();
    assertThat(out).contains("moved 2 input(s)", "outcome: stopped by the time cap, no finding");
  }

  @Test
  void aSlowUnitOfARunThatEndedWellIsMovedAway() throws Exception {
    Files.writeString(inputs.resolve("slow-unit-9a7e16b4"), "slow");

    String out = settle(0, "Slowest unit: 11 s:\nDone 2 runs in 11 second(s)\n");

    assertThat(left()).containsExactly("seed-valid");
    assertThat(out).contains("outcome: ok, no finding");
  }

  @Test
  void aRealFindingKeepsItsCrashInputAndOnlyThat() throws Exception {
    Files.writeString(inputs.resolve("crash-0a1b2c3d"), "boom");
    Files.writeString(inputs.resolve("slow-unit-9a7e16b4"), "slow");

    // What Jazzer's JUnit integration prints for a finding (from a real run).
    String out =
        settle(
            1,
            "artifact_prefix='"
                + inputs
                + "/'; Test unit written to "
                + inputs.resolve("crash-0a1b2c3d")
                + "\nDone 1021892 runs in 186 second(s)\n"
                + "[ERROR] Tests run: 6, Failures: 0, Errors: 1, Skipped: 0 <<< FAILURE!\n"
                + "com.code_intelligence.jazzer.junit.FuzzTestFindingException: \n"
                + "org.opentest4j.AssertionFailedError: \n");

    assertThat(left()).containsExactly("crash-0a1b2c3d", "seed-valid");
    assertThat(out).contains("finding kept", "outcome: FINDING (1 input(s) kept)");
  }

  @Test
  void aFindingReportedTheCommandLineWayIsAFindingToo() throws Exception {
    Files.writeString(inputs.resolve("crash-0a1b2c3d"), "boom");

    String out = settle(1, "== Java Exception: java.lang.IllegalStateException: boom\n");

    assertThat(left()).containsExactly("crash-0a1b2c3d", "seed-valid");
    assertThat(out).contains("outcome: FINDING");
  }

  @Test
  void aSeedSomeoneAddsElsewhereDuringTheRunIsLeftAlone() throws Exception {
    Path otherMethod = inputs.resolveSibling("otherMethod");
    Files.createDirectories(otherMethod);
    Files.writeString(otherMethod.resolve("regression-seed"), "added by hand");
    Path otherClass = resources.resolve("dev/latchkey/y/OtherFuzzTestInputs/parses");
    Files.createDirectories(otherClass);
    Files.writeString(otherClass.resolve("regression-seed"), "added by hand");
    Files.writeString(inputs.resolve("slow-unit-9a7e16b4"), "slow");

    settle(124, "");

    assertThat(left()).containsExactly("regression-seed", "regression-seed", "seed-valid");
  }

  @Test
  void aFailedRunWithoutAFindingKeepsNothingNewAndSaysSo() throws Exception {
    Files.writeString(inputs.resolve("crash-0a1b2c3d"), "?");

    String out = settle(1, "[ERROR] COMPILATION ERROR\n");

    assertThat(left()).containsExactly("seed-valid");
    assertThat(out).contains("outcome: FAILED without a finding");
  }

  @Test
  void anInputsDirectoryLeftEmptyIsRemoved() throws Exception {
    Path fresh = resources.resolve("dev/latchkey/x/OtherFuzzTestInputs/other");
    Files.createDirectories(fresh);
    Files.writeString(fresh.resolve("slow-unit-1234"), "slow");

    settle(0, "", "OtherFuzzTest#other");

    assertThat(resources.resolve("dev/latchkey/x/OtherFuzzTestInputs")).doesNotExist();
    assertThat(inputs.resolve("seed-valid")).exists();
  }
}
