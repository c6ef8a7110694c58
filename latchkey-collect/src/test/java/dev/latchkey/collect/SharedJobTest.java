package dev.latchkey.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.collect.store.OutputFormat;
import dev.latchkey.collect.store.PostgresStore;
import dev.latchkey.collect.store.StoreException;
import dev.latchkey.collect.store.TestPostgres;
import dev.latchkey.sandbox.LocalPostgres;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxOptions;
import dev.latchkey.sandbox.SandboxPlatform;
import dev.latchkey.sandbox.SandboxUser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One job shared by several workers through PostgreSQL (issue 11), against the sandbox under a
 * tight limit: together they collect exactly what one worker does, with zero 429s, even when one is
 * killed with SIGKILL mid-task or the database goes away for a while.
 */
class SharedJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FAMILY = "/2/users/:id/tweets";
  private static final int LIMIT = 3;
  private static final Duration WINDOW = Duration.ofSeconds(1);
  private static final Instant UNTIL = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static Sandbox sandbox;
  private static List<String> users;
  private static List<String> expected;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    TestPostgres.server(); // skips the class when PostgreSQL is not installed
    sandbox =
        Sandbox.start(SandboxOptions.builder().rateWindow(WINDOW).rateLimit(FAMILY, LIMIT).build());
    // popular_sandbox first, three pages under --limit: the task a worker is killed in.
    users = new ArrayList<>(List.of("popular_sandbox"));
    for (SandboxUser u : sandbox.users(SandboxPlatform.TWITTER)) {
      String name = u.screenName();
      if (!name.startsWith("prolific")
          && !name.startsWith("capped")
          && !name.startsWith("popular")) {
        users.add(name);
      }
    }
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  /** The job every worker runs (bounded to one instant: the sandbox's world moves on). */
  static Job job(List<String> users, Instant until) {
    return new Job(
        TaskKind.TIMELINE,
        users,
        new JobOptions(Api.V2, 250L, null, Bound.parse(until.toString()), false, false));
  }

  /**
   * Waits until the sandbox's window that an earlier run used has ended: a fresh schema knows
   * nothing of it, and a budget spent elsewhere can only be found out by a 429.
   */
  private static void afterTheLastWindow() throws InterruptedException {
    Thread.sleep(WINDOW.toMillis() + 1100);
  }

  private static Collector collector(PostgresStore store, String worker, CollectionListener l) {
    return Collector.builder(SandboxAccount.gateway(sandbox, SandboxPlatform.TWITTER), store)
        .concurrency(2)
        .worker(worker)
        .lease(Duration.ofSeconds(3))
        .listener(l)
        .build();
  }

  private static final class Counting implements CollectionListener {
    final AtomicInteger refused = new AtomicInteger();
    final AtomicLong pages = new AtomicLong();

    @Override
    public void notice(String message) {
      if (message.startsWith("429")) {
        System.out.println(Instant.now() + " " + message); // for the report when it fails
        refused.incrementAndGet();
      }
    }

    @Override
    public void progress(Progress p) {
      pages.incrementAndGet();
    }
  }

  /** The records of a job, each line without when it was retrieved, sorted. */
  private static List<String> exported(String url, String job) throws Exception {
    try (PostgresStore s = PostgresStore.connect(TestPostgres.location(url), job)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      s.export(OutputFormat.JSONL, out);
      List<String> lines = new ArrayList<>();
      for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
        if (!line.isEmpty()) {
          ObjectNode n = (ObjectNode) JSON.readTree(line);
          ((ObjectNode) n.get("__latchkey")).remove("retrieved_at");
          lines.add(n.toString());
        }
      }
      lines.sort(null);
      return lines;
    }
  }

  private static synchronized List<String> expected() throws Exception {
    if (expected == null) {
      String url = TestPostgres.freshUrl();
      afterTheLastWindow();
      Counting c = new Counting();
      try (PostgresStore store = PostgresStore.connect(TestPostgres.location(url), "alone")) {
        CollectionSummary s = collector(store, "alone", c).run(job(users, UNTIL));
        assertThat(s.complete()).isTrue();
      }
      assertThat(c.refused).hasValue(0);
      expected = exported(url, "alone");
      assertThat(expected).hasSizeGreaterThan(400);
      assertThat(c.pages.get()).as("enough requests for several windows").isGreaterThan(2L * LIMIT);
    }
    return expected;
  }

  @Test
  void threeWorkersOnOneCredentialCollectWhatOneDoesWithNo429s() throws Exception {
    List<String> want = expected();
    String url = TestPostgres.freshUrl();
    afterTheLastWindow();
    Counting c = new Counting();
    List<Thread> workers = new ArrayList<>();
    List<CollectionSummary> summaries = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int w = 0; w < 3; w++) {
      String name = "w" + w;
      Thread t =
          new Thread(
              () -> {
                try (PostgresStore store =
                    PostgresStore.connect(TestPostgres.location(url), "shared")) {
                  summaries.add(collector(store, name, c).run(job(users, UNTIL)));
                } catch (StoreException e) {
                  throw new IllegalStateException(e);
                }
              });
      t.start();
      workers.add(t);
    }
    for (Thread t : workers) {
      t.join(120_000);
    }
    assertThat(summaries).hasSize(3).allSatisfy(s -> assertThat(s.complete()).isTrue());
    assertThat(c.refused).hasValue(0);
    assertThat(summaries.stream().mapToLong(CollectionSummary::refused).sum()).isZero();
    assertThat(summaries).filteredOn(s -> s.pages() > 0).hasSizeGreaterThan(1);
    assertThat(exported(url, "shared")).isEqualTo(want);
  }

  @Test
  void aWorkerKilledMidTaskIsTakenOverWithNothingLostOrDoubled() throws Exception {
    List<String> want = expected();
    String url = TestPostgres.freshUrl();
    afterTheLastWindow();
    List<Process> children = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      logs.add(dir.resolve("worker-" + i + ".log"));
    }
    // Worker 0 claims popular_sandbox (task 0) first, and is killed after its first page of it.
    children.add(child(url, logs.get(0), 1000));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(logs.get(0))
        || !Files.readString(logs.get(0)).contains("PAGE timeline popular_sandbox")) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(10);
    }
    children.add(child(url, logs.get(1), 0));
    children.add(child(url, logs.get(2), 0));
    Thread.sleep(300);
    children.get(0).destroyForcibly(); // SIGKILL, mid-task
    children.get(0).waitFor(10, TimeUnit.SECONDS);
    assertThat(Files.readString(logs.get(0))).doesNotContain("COMPLETE");
    for (int i = 1; i < 3; i++) {
      assertThat(children.get(i).waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(children.get(i).exitValue()).as(Files.readString(logs.get(i))).isZero();
      assertThat(Files.readString(logs.get(i))).contains("COMPLETE 0 refused");
    }
    for (Path log : logs) {
      assertThat(Files.readString(log)).doesNotContain("NOTICE 429");
    }
    assertThat(Files.readString(logs.get(1)) + Files.readString(logs.get(2)))
        .contains("continuing timeline popular_sandbox from its checkpoint");
    assertThat(exported(url, "killed")).isEqualTo(want);
  }

  @Test
  void theDatabaseGoingAwayMidJobIsWaitedForAndNothingIsLost() throws Exception {
    List<String> want = expected();
    String url = TestPostgres.freshUrl();
    afterTheLastWindow();
    LocalPostgres pg = TestPostgres.server();
    AtomicBoolean cut = new AtomicBoolean();
    AtomicInteger waitsForStore = new AtomicInteger();
    Counting counting = new Counting();
    CollectionListener l =
        new CollectionListener() {
          @Override
          public void progress(Progress p) {
            counting.progress(p);
            if (counting.pages.get() == 4 && cut.compareAndSet(false, true)) {
              Thread outage =
                  new Thread(
                      () -> {
                        pg.stop();
                        try {
                          Thread.sleep(3000);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        pg.restart();
                      });
              outage.start();
            }
          }

          @Override
          public void waiting(String reason, Instant until) {
            if (reason.contains("cannot be reached")) {
              waitsForStore.incrementAndGet();
            }
          }

          @Override
          public void notice(String message) {
            counting.notice(message);
          }
        };
    CollectionSummary s;
    try (PostgresStore store = PostgresStore.connect(TestPostgres.location(url), "outage")) {
      s = collector(store, "solo", l).run(job(users, UNTIL));
    } finally {
      if (!pg.running()) {
        pg.restart();
      }
    }
    assertThat(cut).isTrue();
    assertThat(waitsForStore.get()).isPositive();
    assertThat(s.complete()).isTrue();
    assertThat(counting.refused).hasValue(0);
    assertThat(exported(url, "outage")).isEqualTo(want);
  }

  @Test
  void theStoreHoldsNoSecret() throws Exception {
    expected();
    List<String> secrets = SandboxAccount.secrets(sandbox, SandboxPlatform.TWITTER);
    try (Connection c = TestPostgres.jdbc(null);
        ResultSet r =
            c.createStatement()
                .executeQuery(
                    "SELECT table_schema, table_name FROM information_schema.tables WHERE"
                        + " table_schema LIKE 't%'")) {
      List<String> tables = new ArrayList<>();
      while (r.next()) {
        tables.add(r.getString(1) + "." + r.getString(2));
      }
      assertThat(tables).isNotEmpty();
      for (String t : tables) {
        try (ResultSet rows = c.createStatement().executeQuery("SELECT t::text FROM " + t + " t")) {
          while (rows.next()) {
            String row = rows.getString(1);
            for (String secret : secrets) {
              assertThat(row).doesNotContain(secret);
            }
          }
        }
      }
    }
  }

  private static long pages(Path log) throws Exception {
    if (!Files.exists(log)) {
      return 0;
    }
    return Files.readAllLines(log).stream().filter(l -> l.startsWith("PAGE")).count();
  }

  private Process child(String url, Path log, long pauseMs) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SharedWorkerChild.class.getName());
    cmd.add(sandbox.twitterBase().toString());
    cmd.add(url);
    cmd.add("killed");
    cmd.add("3000");
    cmd.add(Long.toString(pauseMs));
    cmd.addAll(users);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    SandboxKeys k = sandbox.keys(SandboxPlatform.TWITTER);
    pb.environment().put("CK", k.consumerKey());
    pb.environment().put("CS", k.consumerSecret());
    pb.environment().put("AT", k.accessToken());
    pb.environment().put("AS", k.accessTokenSecret());
    pb.environment().put("UNTIL", UNTIL.toString());
    pb.environment().put("PGPASSWORD", TestPostgres.server().password());
    return pb.start();
  }
}
