package dev.latchkey.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.collect.store.OutputFormat;
import dev.latchkey.collect.store.SqliteStore;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * X's v2 streams against the sandbox, whose world runs 120 times faster here so that a stream
 * delivers dozens of tweets a second (they arrive at the pace of the sandbox's clock).
 */
class StreamsSandboxTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Sandbox sandbox;
  private static AccountGateway app;

  @TempDir Path dir;

  /** Real time, sped up from the moment it was made. */
  private static final class FastClock extends Clock {
    private final Instant start = Instant.now();
    private final long startNanos = System.nanoTime();
    private final long speed;

    FastClock(long speed) {
      this.speed = speed;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return start.plusNanos((System.nanoTime() - startNanos) * speed);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    sandbox =
        Sandbox.start(
            SandboxOptions.builder()
                .clock(new FastClock(120))
                .streamKeepAlive(Duration.ofMillis(500))
                .build());
    app = SandboxAccount.gatewayWithBearer(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private List<JsonNode> collect(TaskKind kind, List<String> rules, long limit) throws Exception {
    Path out = dir.resolve(kind.command() + ".jsonl");
    CollectionSummary s;
    try (SqliteStore store = SqliteStore.open(OutputFormat.JSONL, out, System.out)) {
      s =
          Collector.builder(app, store)
              .streamIdleTimeout(Duration.ofSeconds(5))
              .build()
              .run(new Job(kind, rules, new JobOptions(Api.V2, limit, null, null, false, false)));
    }
    assertThat(s.complete()).as("%s", s).isTrue();
    List<JsonNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(out)) {
      records.add(JSON.readTree(line));
    }
    return records;
  }

  @Test
  void theSampledStreamIsCollectedUntilTheLimit() throws Exception {
    List<JsonNode> r = collect(TaskKind.STREAM_SAMPLE, List.of(), 25);
    assertThat(r).hasSize(25);
    assertThat(r).allMatch(n -> n.has("id") && n.has("text") && n.has("__latchkey"));
  }

  @Test
  void theFilteredStreamKeepsTweetsMatchingOurRules() throws Exception {
    List<JsonNode> r = collect(TaskKind.STREAM_FILTER, List.of("sandbox"), 5);
    assertThat(r).hasSize(5);
    assertThat(r)
        .allMatch(n -> n.get("matching_rules").get(0).get("tag").asText().equals("latchkey"));
  }
}
