package dev.latchkey.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.collect.store.CollectionStatus;
import dev.latchkey.collect.store.OutputFormat;
import dev.latchkey.collect.store.SqliteStore;
import dev.latchkey.collect.store.StoreException;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxOptions;
import dev.latchkey.sandbox.SandboxPlatform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorSandboxTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Sandbox sandbox;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static Job timeline(Api api, String... users) {
    return new Job(
        TaskKind.TIMELINE, List.of(users), new JobOptions(api, null, null, null, false, false));
  }

  private static CollectionSummary collect(Job job, Path out, OutputFormat format)
      throws StoreException {
    return collect(job, out, format, false, new CollectionListener() {});
  }

  private static CollectionSummary collect(
      Job job, Path out, OutputFormat format, boolean restart, CollectionListener listener)
      throws StoreException {
    try (SqliteStore store = SqliteStore.open(format, out, System.out)) {
      return Collector.builder(SandboxAccount.gateway(sandbox, SandboxPlatform.TWITTER), store)
          .listener(listener)
          .restart(restart)
          .build()
          .run(job);
    }
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  private static List<String> ids(Path file) throws IOException {
    return lines(file).stream()
        .filter(n -> n.has("id"))
        .map(n -> n.get("id").asText())
        .sorted()
        .toList();
  }

  @Test
  void aV2TimelineIsCollectedToItsEndWithProvenanceAndNoSecret() throws Exception {
    Path out = dir.resolve("brook.jsonl");

    CollectionSummary s = collect(timeline(Api.V2, "brook_sandbox"), out, OutputFormat.JSONL);

    assertThat(s.complete()).isTrue();
    List<JsonNode> lines = lines(out);
    assertThat(lines).hasSizeGreaterThan(100);
    assertThat(s.records()).isEqualTo(lines.size());
    assertThat(ids(out)).doesNotHaveDuplicates();
    JsonNode meta = lines.get(0).get("__latchkey");
    assertThat(meta.get("type").asText()).isEqualTo("tweet");
    assertThat(meta.get("account").asText()).isEqualTo("twitter/ada_sandbox");
    assertThat(meta.get("url").asText()).contains("/2/users/").contains("/tweets?");
    assertThat(meta.get("task").asText()).isEqualTo("timeline brook_sandbox");
    assertThat(meta.has("retrieved_at") && meta.has("version")).isTrue();
    String text =
        Files.readString(out)
            + Files.readString(Path.of(out + ".latchkey-state"), StandardCharsets.ISO_8859_1);
    for (String secret : SandboxAccount.secrets(sandbox, SandboxPlatform.TWITTER)) {
      assertThat(text).doesNotContain(secret);
    }
  }

  @Test
  void v11AndV2CollectTheSameTweets() throws Exception {
    Path v2 = dir.resolve("v2.jsonl");
    Path v1 = dir.resolve("v1.jsonl");
    collect(timeline(Api.V2, "brook_sandbox"), v2, OutputFormat.JSONL);
    collect(timeline(Api.V1_1, "brook_sandbox"), v1, OutputFormat.JSONL);

    List<String> v1ids = lines(v1).stream().map(n -> n.get("id_str").asText()).sorted().toList();
    assertThat(v1ids).isEqualTo(ids(v2));
  }

  @Test
  void anUnknownUserBecomesAnErrorRecordAndTheOthersAreCollected() throws Exception {
    Path out = dir.resolve("two.jsonl");

    CollectionSummary s =
        collect(timeline(Api.V2, "nosuchuser_xyz", "brook_sandbox"), out, OutputFormat.JSONL);

    assertThat(s.complete()).isTrue();
    assertThat(s.errors()).isEqualTo(1);
    JsonNode error =
        lines(out).stream().filter(n -> n.has("error")).findFirst().orElseThrow().get("error");
    assertThat(error.get("target").asText()).isEqualTo("nosuchuser_xyz");
    assertThat(error.get("message").asText()).contains("Could not find user");
    assertThat(ids(out)).hasSize((int) s.records());
  }

  @Test
  void aStoppedRunWithATornLastLineResumesWithNothingLostOrDoubled() throws Exception {
    Path whole = dir.resolve("whole.jsonl");
    collect(timeline(Api.V2, "brook_sandbox", "ada_sandbox"), whole, OutputFormat.JSONL);
    Path out = dir.resolve("resumed.jsonl");
    Job job = timeline(Api.V2, "brook_sandbox", "ada_sandbox");
    AtomicInteger pages = new AtomicInteger();
    Collector[] holder = new Collector[1];
    try (SqliteStore store = SqliteStore.open(OutputFormat.JSONL, out, System.out)) {
      holder[0] =
          Collector.builder(SandboxAccount.gateway(sandbox, SandboxPlatform.TWITTER), store)
              .concurrency(1)
              .listener(
                  new CollectionListener() {
                    @Override
                    public void progress(Progress p) {
                      if (pages.incrementAndGet() == 3) {
                        holder[0].stop();
                      }
                    }
                  })
              .build();
      CollectionSummary first = holder[0].run(job);
      assertThat(first.interrupted()).isTrue();
      assertThat(first.complete()).isFalse();
    }
    long partial = Files.readAllLines(out).size();
    assertThat(partial).isBetween(1L, (long) ids(whole).size() - 1);
    // a kill in the middle of the next page: half a line with no checkpoint
    Files.writeString(out, "{\"id\":\"123\",\"text\":\"torn", StandardOpenOption.APPEND);

    CollectionSummary second = collect(job, out, OutputFormat.JSONL);

    assertThat(second.complete()).isTrue();
    assertThat(ids(out)).isEqualTo(ids(whole));
  }

  @Test
  void aDifferentCollectionIntoTheSameOutputIsRefusedWithTheFix() throws Exception {
    Path out = dir.resolve("one.jsonl");
    collect(timeline(Api.V2, "brook_sandbox"), out, OutputFormat.JSONL);
    long size = Files.size(out);

    assertThatThrownBy(() -> collect(timeline(Api.V2, "ada_sandbox"), out, OutputFormat.JSONL))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("holds another collection (latchkey collect timeline brook_sandbox)")
        .hasMessageContaining("--restart");
    assertThat(Files.size(out)).isEqualTo(size);

    CollectionSummary restarted =
        collect(
            timeline(Api.V2, "ada_sandbox"),
            out,
            OutputFormat.JSONL,
            true,
            new CollectionListener() {});
    assertThat(restarted.complete()).isTrue();
    assertThat(lines(out)).allMatch(n -> n.get("__latchkey").get("task").asText().contains("ada"));
  }

  @Test
  void aFileLatchkeyDidNotWriteIsNeverOverwritten() throws Exception {
    Path out = dir.resolve("mine.jsonl");
    Files.writeString(out, "my precious data\n");

    assertThatThrownBy(() -> collect(timeline(Api.V2, "brook_sandbox"), out, OutputFormat.JSONL))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("is not a Latchkey collection");
    assertThat(Files.readString(out)).isEqualTo("my precious data\n");
  }

  @Test
  void sqliteOutputHasTablesWithQueriedColumnsAndRawJson() throws Exception {
    Path out = dir.resolve("c.sqlite");

    CollectionSummary s = collect(timeline(Api.V2, "brook_sandbox"), out, OutputFormat.SQLITE);
    CollectionSummary again = collect(timeline(Api.V2, "brook_sandbox"), out, OutputFormat.SQLITE);

    assertThat(again.records()).isZero();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out);
        ResultSet r =
            c.createStatement()
                .executeQuery(
                    "SELECT COUNT(*), COUNT(DISTINCT id), MIN(length(json)) FROM tweets")) {
      r.next();
      assertThat(r.getLong(1)).isEqualTo(s.records());
      assertThat(r.getLong(2)).isEqualTo(s.records());
      assertThat(r.getLong(3)).isGreaterThan(10);
    }
    CollectionStatus status = SqliteStore.statusOf(out);
    assertThat(status.done()).isEqualTo(status.tasks());
    assertThat(status.records()).containsEntry("tweets", s.records());
    assertThat(status.runs()).hasSize(2);
  }

  @Test
  void pagesOutputKeepsEachPageAsThePlatformSentItWithTwarcMetadata() throws Exception {
    Path out = dir.resolve("pages.jsonl");

    CollectionSummary s = collect(timeline(Api.V2, "brook_sandbox"), out, OutputFormat.PAGES);

    List<JsonNode> pages = lines(out);
    assertThat(pages).hasSize((int) s.pages());
    assertThat(pages.get(0).has("data") && pages.get(0).has("meta")).isTrue();
    assertThat(pages.get(0).get("__twarc").get("url").asText()).contains("/tweets");
    int tweets = pages.stream().mapToInt(p -> p.path("data").size()).sum();
    assertThat((long) tweets).isEqualTo(s.records());
    // The author goes into each record of the other formats, never into the raw page.
    assertThat(pages.get(0).path("includes").path("users").size()).isPositive();
    for (JsonNode page : pages) {
      page.path("data").forEach(t -> assertThat(t.has("author")).as(t.toString()).isFalse());
    }
  }

  @Test
  void standardOutputGetsTheRecordsWhenNoFileIsGiven() throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    Job job =
        new Job(
            TaskKind.TIMELINE,
            List.of("brook_sandbox"),
            new JobOptions(Api.V2, 7L, null, null, false, false));
    try (SqliteStore store = SqliteStore.open(OutputFormat.JSONL, null, stdout)) {
      Collector.builder(SandboxAccount.gateway(sandbox, SandboxPlatform.TWITTER), store)
          .build()
          .run(job);
    }
    assertThat(stdout.toString(StandardCharsets.UTF_8).lines()).hasSize(7);
  }

  @Test
  void aFullDiskStopsWithAClearErrorAndACheckpointThatResumes() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.exists(Path.of("/dev/full")), "needs /dev/full to fill a disk");
    Path out = dir.resolve("full.jsonl");
    Files.createSymbolicLink(out, Path.of("/dev/full"));
    Job job = timeline(Api.V2, "brook_sandbox");

    assertThatThrownBy(() -> collect(job, out, OutputFormat.JSONL))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("the disk is full")
        .hasMessageContaining("run the same command again to resume");

    Files.delete(out); // space freed: the output is an ordinary file again
    Files.createFile(out);
    CollectionSummary resumed = collect(job, out, OutputFormat.JSONL);
    assertThat(resumed.complete()).isTrue();
    assertThat(ids(out)).hasSize((int) resumed.records()).doesNotHaveDuplicates();
    assertThat(SqliteStore.statusOf(out).runs()).hasSize(2);
  }
}
