package dev.latchkey.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxOptions;
import dev.latchkey.sandbox.SandboxPlatform;
import dev.latchkey.sandbox.SandboxUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Resume under real kills: a child JVM collects and is killed with SIGKILL at random moments, then
 * run again, until it completes; the records must be exactly those of an uninterrupted run.
 */
class KillResumeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int KILLS = Integer.getInteger("latchkey.kills", 4);
  private static Sandbox sandbox;
  private static final String UNTIL =
      java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private Process child(String format, Path out, long pauseMs) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(KillResumeChild.class.getName());
    cmd.add(sandbox.twitterBase().toString());
    cmd.add(format);
    cmd.add(out.toString());
    cmd.add(Long.toString(pauseMs));
    for (SandboxUser u : sandbox.users(SandboxPlatform.TWITTER)) {
      cmd.add(u.screenName());
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("child-" + System.nanoTime() + ".log").toFile());
    SandboxKeys k = sandbox.keys(SandboxPlatform.TWITTER);
    pb.environment().put("CK", k.consumerKey());
    pb.environment().put("CS", k.consumerSecret());
    pb.environment().put("AT", k.accessToken());
    pb.environment().put("AS", k.accessTokenSecret());
    pb.environment().put("UNTIL", UNTIL);
    return pb.start();
  }

  private List<String> ids(String format, Path out) throws Exception {
    List<String> ids = new ArrayList<>();
    if (format.equals("sqlite")) {
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out);
          ResultSet r = c.createStatement().executeQuery("SELECT id FROM tweets")) {
        while (r.next()) {
          ids.add(r.getString(1));
        }
      }
    } else {
      for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
        var n = JSON.readTree(line);
        // protected and suspended users give one error record each, committed with their end
        ids.add(
            n.has("error")
                ? "error " + n.get("error").get("target").asText()
                : n.get("id").asText());
      }
    }
    ids.sort(null);
    return ids;
  }

  @ParameterizedTest
  @ValueSource(strings = {"jsonl", "sqlite"})
  void everyKilledRunResumesToExactlyTheRecordsOfAnUninterruptedOne(String format)
      throws Exception {
    Path whole = dir.resolve("whole." + format);
    Process p = child(format, whole, 0);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    List<String> expected = ids(format, whole);
    assertThat(expected).hasSizeGreaterThan(500).doesNotHaveDuplicates();

    Path out = dir.resolve("killed." + format);
    SplittableRandom random = new SplittableRandom(format.hashCode());
    int killed = 0;
    for (int i = 0; i < KILLS; i++) {
      Process c = child(format, out, 15);
      long wait = 400 + random.nextLong(1200);
      if (c.waitFor(wait, TimeUnit.MILLISECONDS)) {
        break; // it finished before the kill
      }
      c.destroyForcibly(); // SIGKILL
      c.waitFor(10, TimeUnit.SECONDS);
      killed++;
    }
    Process last = child(format, out, 0);
    assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(last.exitValue()).isZero();

    assertThat(killed).isPositive();
    assertThat(ids(format, out)).isEqualTo(expected);
  }
}
