package dev.latchkey.collect.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.collect.CollectedRecord;
import dev.latchkey.collect.Job;
import dev.latchkey.collect.Provenance;
import dev.latchkey.collect.RecordType;
import dev.latchkey.collect.TaskKind;
import dev.latchkey.collect.governor.Decision;
import dev.latchkey.collect.governor.ServerClock;
import dev.latchkey.collect.governor.WindowReading;
import dev.latchkey.sandbox.LocalPostgres;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The PostgreSQL store against a real server (never a mock): schema, leases, fences, budgets. */
class PostgresStoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Job JOB =
      new Job(TaskKind.TIMELINE, List.of("ada", "brook", "cy", "dee", "eve", "fay"), null);

  private static String schema(String url) {
    return url.substring(url.indexOf("?schema=") + 8);
  }

  private static CollectedRecord tweet(String id, String task) {
    ObjectNode j = JSON.createObjectNode().put("id", id).put("text", "tweet " + id);
    return new CollectedRecord(
        RecordType.TWEET,
        id,
        j,
        new Provenance(
            "https://api.x.com/2/users/1/tweets",
            Instant.EPOCH,
            "twitter/ada",
            "t",
            task,
            null,
            null));
  }

  private static Page page(Lease lease, String... ids) {
    List<CollectedRecord> records = new ArrayList<>();
    for (String id : ids) {
      records.add(tweet(id, lease.task().describe()));
    }
    ObjectNode cursor = JSON.createObjectNode().put("token", "after-" + ids[ids.length - 1]);
    return new Page(
        records,
        List.of(JSON.createObjectNode().put("page", ids[0])),
        records.get(0).provenance(),
        lease.checkpoint().next(cursor, false, records.size(), 0));
  }

  private static PostgresStore open(String url) throws StoreException {
    PostgresStore s = PostgresStore.connect(TestPostgres.location(url), "job-1");
    s.open(JOB, false);
    return s;
  }

  @Test
  void workersStartingAtOnceCreateTheSchemaOnceAndShareOneJob() throws Exception {
    String url = TestPostgres.freshUrl();
    int n = 6;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    List<Future<PostgresStore>> opened = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      opened.add(
          pool.submit(
              () -> {
                go.await();
                return open(url);
              }));
    }
    go.countDown();
    List<PostgresStore> stores = new ArrayList<>();
    for (Future<PostgresStore> f : opened) {
      stores.add(f.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    try (Connection c = TestPostgres.jdbc(schema(url));
        ResultSet r =
            c.createStatement()
                .executeQuery(
                    "SELECT (SELECT COUNT(*) FROM jobs), (SELECT COUNT(*) FROM tasks),"
                        + " (SELECT value FROM latchkey_meta WHERE key = 'schema_version')")) {
      r.next();
      assertThat(r.getLong(1)).isEqualTo(1);
      assertThat(r.getLong(2)).isEqualTo(JOB.tasks().size());
      assertThat(r.getString(3)).isEqualTo(Integer.toString(PostgresStore.SCHEMA_VERSION));
    }
    for (PostgresStore s : stores) {
      s.close();
    }
  }

  @Test
  void aSchemaFromANewerLatchkeyIsRefusedWithTheFix() throws Exception {
    String url = TestPostgres.freshUrl();
    open(url).close();
    try (Connection c = TestPostgres.jdbc(schema(url))) {
      c.createStatement()
          .execute("UPDATE latchkey_meta SET value = '99' WHERE key = 'schema_version'");
    }
    assertThatThrownBy(() -> open(url))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("schema 99")
        .hasMessageContaining("upgrade latchkey")
        .satisfies(
            e ->
                assertThat(((StoreException) e).reason())
                    .isEqualTo(StoreException.Reason.NEWER_SCHEMA));
  }

  @Test
  void tablesLatchkeyDidNotMakeAreLeftAlone() throws Exception {
    String url = TestPostgres.freshUrl();
    try (Connection c = TestPostgres.jdbc(null)) {
      c.createStatement().execute("CREATE SCHEMA " + schema(url));
      c.createStatement().execute("CREATE TABLE " + schema(url) + ".tweets (id int)");
    }
    assertThatThrownBy(() -> open(url))
        .hasMessageContaining("that Latchkey did not make")
        .hasMessageContaining("?schema=");
  }

  @Test
  void anotherCommandUnderTheSameJobNameIsRefusedWithTheFix() throws Exception {
    String url = TestPostgres.freshUrl();
    open(url).close();
    try (PostgresStore s = PostgresStore.connect(TestPostgres.location(url), "job-1")) {
      assertThatThrownBy(() -> s.open(new Job(TaskKind.TIMELINE, List.of("zed"), null), false))
          .hasMessageContaining("latchkey collect timeline ada brook cy")
          .hasMessageContaining("--restart");
    }
  }

  @Test
  void concurrentWorkersClaimEveryTaskExactlyOnce() throws Exception {
    String url = TestPostgres.freshUrl();
    open(url).close();
    Set<Integer> claimed = ConcurrentHashMap.newKeySet();
    AtomicInteger claims = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      String worker = "w" + w;
      done.add(
          pool.submit(
              () -> {
                try (PostgresStore s = open(url)) {
                  Optional<Lease> l;
                  while ((l = s.claim(worker, Instant.now(), Duration.ofMinutes(1))).isPresent()) {
                    claims.incrementAndGet();
                    claimed.add(l.get().task().index());
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(claims.get()).isEqualTo(JOB.tasks().size());
    assertThat(claimed).hasSize(JOB.tasks().size());
  }

  @Test
  void aLapsedLeaseIsTakenOverFromItsCheckpointAndTheOldHolderCommitsNothing() throws Exception {
    String url = TestPostgres.freshUrl();
    try (PostgresStore a = open(url);
        PostgresStore b = open(url)) {
      Lease first = a.claim("a", Instant.now(), Duration.ofMillis(300)).orElseThrow();
      Page one = page(first, "1", "2");
      a.commit(first, one, Instant.now(), Duration.ofMillis(300));
      Lease afterOne = new Lease(first.task(), one.next(), "a", first.expires());
      Thread.sleep(600); // a's lease lapses: a is "dead"
      Lease taken = b.claim("b", Instant.now(), Duration.ofMinutes(1)).orElseThrow();
      assertThat(taken.task()).isEqualTo(first.task());
      assertThat(taken.checkpoint().cursor().get("token").asText()).isEqualTo("after-2");
      assertThat(taken.checkpoint().pages()).isEqualTo(1);

      assertThatThrownBy(
              () ->
                  a.commit(
                      afterOne, page(afterOne, "3", "4"), Instant.now(), Duration.ofMinutes(1)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("taken over by worker b")
          .satisfies(
              e ->
                  assertThat(((StoreException) e).reason())
                      .isEqualTo(StoreException.Reason.LEASE_LOST));
      assertThat(b.commit(taken, page(taken, "3", "5"), Instant.now(), Duration.ofMinutes(1)))
          .hasSize(2);
      assertThat(exportedIds(b)).containsExactly("1", "2", "3", "5");
    }
  }

  @Test
  void aCommitTriedAgainAfterItsAnswerWasLostWritesNothingTwice() throws Exception {
    String url = TestPostgres.freshUrl();
    try (PostgresStore s = open(url)) {
      Lease l = s.claim("a", Instant.now(), Duration.ofMinutes(1)).orElseThrow();
      Page p = page(l, "7", "8");
      assertThat(s.commit(l, p, Instant.now(), Duration.ofMinutes(1))).hasSize(2);
      s.commit(l, p, Instant.now(), Duration.ofMinutes(1)); // the same call again
      assertThat(exportedIds(s)).containsExactly("7", "8");
      ByteArrayOutputStream pages = new ByteArrayOutputStream();
      assertThat(s.export(OutputFormat.PAGES, pages)).isEqualTo(1);
      var line = JSON.readTree(pages.toString(StandardCharsets.UTF_8));
      assertThat(line.get("__twarc").get("url").asText())
          .isEqualTo("https://api.x.com/2/users/1/tweets");
      assertThat(s.status().running())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.worker()).isEqualTo("a");
                assertThat(r.pages()).isEqualTo(1);
              });
    }
  }

  @Test
  void aRecordSeenByTwoTasksIsKeptOnce() throws Exception {
    String url = TestPostgres.freshUrl();
    try (PostgresStore s = open(url)) {
      Lease a = s.claim("a", Instant.now(), Duration.ofMinutes(1)).orElseThrow();
      Lease b = s.claim("a", Instant.now(), Duration.ofMinutes(1)).orElseThrow();
      assertThat(s.commit(a, page(a, "1", "2"), Instant.now(), Duration.ofMinutes(1))).hasSize(2);
      assertThat(s.commit(b, page(b, "2", "3"), Instant.now(), Duration.ofMinutes(1)))
          .extracting(CollectedRecord::id)
          .containsExactly("3");
      assertThat(s.status().records()).containsEntry("tweets", 3L);
    }
  }

  @Test
  void workersSharingOneCredentialNeverReserveMoreThanTheWindowHolds() throws Exception {
    String url = TestPostgres.freshUrl();
    ServerClock clock = new ServerClock();
    Instant reset =
        Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    try (PostgresStore seed = open(url)) {
      BudgetLedger ledger = seed.ledger().orElseThrow();
      Decision first =
          ledger.change(
              "twitter/ada user",
              "/2/users/:id/tweets",
              "seed",
              b -> b.reserve("f", Instant.now(), clock, new SplittableRandom(1)));
      assertThat(first.isGo()).isTrue();
      ledger.change(
          "twitter/ada user",
          "/2/users/:id/tweets",
          "seed",
          b -> {
            b.answered(List.of(new WindowReading("rate limit", 10, 9, reset, false)));
            return null;
          });
    }
    AtomicInteger gone = new AtomicInteger();
    List<Instant> wakes = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(5);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < 5; w++) {
      String worker = "w" + w;
      done.add(
          pool.submit(
              () -> {
                try (PostgresStore s = open(url)) {
                  BudgetLedger ledger = s.ledger().orElseThrow();
                  SplittableRandom random = new SplittableRandom(worker.hashCode());
                  for (int i = 0; i < 6; i++) {
                    Decision d =
                        ledger.change(
                            "twitter/ada user",
                            "/2/users/:id/tweets",
                            worker,
                            b -> b.reserve("f", Instant.now(), clock, random));
                    if (d.isGo()) {
                      gone.incrementAndGet();
                    } else {
                      wakes.add(d.until());
                    }
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(gone.get()).isEqualTo(9);
    assertThat(wakes).hasSize(30 - 9);
    assertThat(new HashSet<>(wakes))
        .as("waiters spread over the reset, not one herd")
        .hasSize(wakes.size());
    assertThat(Collections.min(wakes)).isEqualTo(clock.localWhenServerReaches(reset));
  }

  @Test
  void theDatabaseGoingAwayIsAnOutageNotAFailureAndNamesNoPassword() throws Exception {
    String url = TestPostgres.freshUrl();
    LocalPostgres pg = TestPostgres.server();
    try (PostgresStore s = open(url)) {
      pg.stop();
      try {
        assertThatThrownBy(() -> s.claim("a", Instant.now(), Duration.ofMinutes(1)))
            .isInstanceOf(StoreException.class)
            .satisfies(
                e ->
                    assertThat(((StoreException) e).reason())
                        .isEqualTo(StoreException.Reason.UNAVAILABLE))
            .hasMessageContaining("cannot be reached")
            .hasMessageNotContaining(pg.password());
      } finally {
        pg.restart();
      }
      assertThat(s.claim("a", Instant.now(), Duration.ofMinutes(1))).isPresent();
    }
  }

  @Test
  void aWrongPasswordIsRefusedWithTheFixAndNotShown() throws Exception {
    String url =
        TestPostgres.server()
            .url()
            .replace("postgresql://latchkey@", "postgresql://latchkey:wrong-Secret-9@");
    assertThatThrownBy(
            () ->
                PostgresStore.connect(
                    PostgresLocation.parse(
                        url, java.util.Map.of(), java.nio.file.Path.of("/nonexistent"), "x"),
                    "j"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("refused the login")
        .hasMessageContaining("PGPASSWORD")
        .hasMessageNotContaining("wrong-Secret-9");
  }

  @Test
  void aRecordHoldingU0000IsKeptExactlyThoughPostgresCannotStoreThatCharacter() throws Exception {
    String url = TestPostgres.freshUrl();
    try (PostgresStore s = open(url)) {
      Lease l = s.claim("a", Instant.now(), Duration.ofMinutes(1)).orElseThrow();
      Page p = page(l, "41", "42");
      ObjectNode nul = (ObjectNode) p.records().get(0).json();
      nul.put("text", "before\u0000after");
      ObjectNode escaped = (ObjectNode) p.records().get(1).json();
      escaped.put("text", "a backslash and u0000: \\u0000");
      assertThat(s.commit(l, p, Instant.now(), Duration.ofMinutes(1))).hasSize(2);

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      s.export(OutputFormat.JSONL, out);
      List<String> texts = new ArrayList<>();
      for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
        texts.add(JSON.readTree(line).get("text").asText());
      }
      assertThat(texts).containsExactly("before\u0000after", "a backslash and u0000: \\u0000");
      try (Connection c = TestPostgres.jdbc(schema(url));
          ResultSet r =
              c.createStatement()
                  .executeQuery("SELECT id, text, json->>'text', raw FROM tweets ORDER BY id")) {
        r.next();
        assertThat(r.getString(2)).isEqualTo("before\uFFFDafter");
        assertThat(r.getString(3)).isEqualTo("before\uFFFDafter");
        assertThat(r.getString(4)).contains("before\\u0000after");
        r.next();
        assertThat(r.getString(3)).isEqualTo("a backslash and u0000: \\u0000");
        assertThat(r.getString(4)).as("kept whole in json, no raw needed").isNull();
      }
    }
  }

  @Test
  void aVersion1SchemaIsMigratedInPlace() throws Exception {
    String url = TestPostgres.freshUrl();
    open(url).close();
    try (Connection c = TestPostgres.jdbc(schema(url))) {
      c.createStatement().execute("ALTER TABLE tweets DROP COLUMN raw");
      c.createStatement().execute("ALTER TABLE users DROP COLUMN raw");
      c.createStatement().execute("ALTER TABLE follows DROP COLUMN raw");
      c.createStatement().execute("ALTER TABLE posts DROP COLUMN raw");
      c.createStatement().execute("ALTER TABLE blogs DROP COLUMN raw");
      c.createStatement().execute("ALTER TABLE errors DROP COLUMN raw");
      c.createStatement()
          .execute("UPDATE latchkey_meta SET value = '1' WHERE key = 'schema_version'");
    }
    try (PostgresStore s = open(url)) {
      Lease l = s.claim("a", Instant.now(), Duration.ofMinutes(1)).orElseThrow();
      assertThat(s.commit(l, page(l, "1", "2"), Instant.now(), Duration.ofMinutes(1))).hasSize(2);
      assertThat(exportedIds(s)).containsExactly("1", "2");
    }
  }

  private static List<String> exportedIds(PostgresStore s) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    s.export(OutputFormat.JSONL, out);
    List<String> ids = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        var n = JSON.readTree(line);
        assertThat(n.get("__latchkey").get("type").asText()).isEqualTo("tweet");
        ids.add(n.get("id").asText());
      }
    }
    return ids;
  }
}
