package dev.latchkey.collect.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.collect.CollectionListener;
import dev.latchkey.collect.CollectionSummary;
import dev.latchkey.collect.Job;
import dev.latchkey.collect.JobOptions;
import dev.latchkey.collect.Progress;
import dev.latchkey.collect.TaskKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LivePublisherTest {
  @TempDir Path dir;

  private final Instant t0 = Instant.parse("2026-06-01T12:00:00Z");
  private final Job job = new Job(TaskKind.TIMELINE, List.of("ada", "bob"), JobOptions.defaults());

  private LiveCollections collections() {
    return LiveCollections.in(dir.resolve("collections"));
  }

  @Test
  void aWaitIsPublishedAtOnceWithItsReasonAndEndAndGoesWhenItIsOver() throws Exception {
    List<String> forwarded = new ArrayList<>();
    LivePublisher p =
        new LivePublisher(
            collections(),
            dir.resolve("ada.jsonl"),
            4,
            Clock.fixed(t0, ZoneOffset.UTC),
            new CollectionListener() {
              @Override
              public void waiting(String reason, Instant until) {
                forwarded.add("waiting " + reason);
              }
            });
    p.started(job, 2, 0, 5);
    p.progress(new Progress(2, 1, 100, 1, 0, "timeline ada", "user_tweets", 0, 2));
    p.waiting("rate limit on /2/users/:id/tweets", t0.plusSeconds(30));

    LiveStatus s = collections().list().get(0);
    assertThat(s.job()).isEqualTo("timeline ada bob");
    assertThat(s.output()).isEqualTo(dir.resolve("ada.jsonl").toString());
    assertThat(s.running()).as("this process runs").isTrue();
    assertThat(s.done()).isEqualTo(1);
    assertThat(s.left()).isEqualTo(1);
    assertThat(s.runningTasks()).isEqualTo(1);
    assertThat(s.recordsInAll()).isEqualTo(105);
    assertThat(s.limitLeft()).isZero();
    assertThat(s.waitReason()).isEqualTo("rate limit on /2/users/:id/tweets");
    assertThat(s.waitLeft(t0.plusSeconds(10))).contains(Duration.ofSeconds(20));
    assertThat(forwarded).containsExactly("waiting rate limit on /2/users/:id/tweets");

    p.resumed();
    assertThat(collections().get(p.id()).orElseThrow().waitReason()).isNull();
  }

  @Test
  void aRunIntoASharedStoreIsNamedByItsJobAndDatabaseAndEachWorkerPublishesItsOwn() {
    String store = "job mps-2026 in lab@db.example:5432/research";
    LivePublisher p =
        new LivePublisher(
            collections(),
            null,
            store,
            2,
            Clock.fixed(t0, ZoneOffset.UTC),
            new CollectionListener() {});
    p.started(job, 2, 0, 0);

    LiveStatus s = collections().get(p.id()).orElseThrow();
    assertThat(s.store()).isEqualTo(store);
    assertThat(s.output()).isNull();
    assertThat(p.id()).startsWith("job-mps-2026-in-lab-db-example-5432-res");
    assertThat(LiveCollections.idFor(store, 1)).isNotEqualTo(LiveCollections.idFor(store, 2));
  }

  @Test
  void theEndSaysHowItEndedAndTheStatusFileIsPrivate() throws Exception {
    LivePublisher p =
        new LivePublisher(
            collections(),
            dir.resolve("ada.jsonl"),
            1,
            Clock.fixed(t0, ZoneOffset.UTC),
            new CollectionListener() {});
    p.started(job, 2, 0, 0);
    p.finished(
        new CollectionSummary(
            2,
            1,
            7,
            2,
            0,
            3,
            1,
            Duration.ofSeconds(12),
            t0,
            t0,
            false,
            List.of("timeline bob: protected"),
            null));
    LiveStatus s = collections().get(p.id()).orElseThrow();
    assertThat(s.outcome()).isEqualTo("unfinished");
    assertThat(s.failed()).isEqualTo(1);
    assertThat(s.running()).isFalse();
    assertThat(s.summary()).contains("7 records in 2 pages").contains("1 refused (429)");
    Path file = collections().directory().resolve(p.id() + ".json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(collections().forget(p.id())).isTrue();
    assertThat(collections().list()).isEmpty();
  }

  @Test
  void aKilledRunIsNotTakenForARunningOne() throws Exception {
    Process done = new ProcessBuilder("true").start();
    done.waitFor();
    Files.createDirectories(collections().directory());
    Files.writeString(
        collections().directory().resolve("killed-1.json"),
        "{\"v\":1,\"pid\":"
            + done.pid()
            + ",\"job\":\"timeline ada\",\"tasks\":1,\"done\":0,\"started\":\""
            + t0
            + "\",\"updated\":\""
            + t0
            + "\",\"waitReason\":\"rate limit\",\"waitUntil\":\""
            + t0.plusSeconds(60)
            + "\"}");
    Files.writeString(collections().directory().resolve("junk.json"), "{\"not\":\"ours\"}");
    LiveStatus s = collections().list().get(0);
    assertThat(collections().list()).hasSize(1);
    assertThat(s.running()).isFalse();
    assertThat(s.waitLeft(t0)).as("a dead run does not wait").isEmpty();
    assertThat(s.runningTasks()).isZero();
  }

  @Test
  void runsIntoTheSameOutputShareOneEntry() {
    assertThat(LiveCollections.idFor(dir.resolve("a/../ada.jsonl")))
        .isEqualTo(LiveCollections.idFor(dir.resolve("ada.jsonl")))
        .startsWith("ada-jsonl-")
        .matches("[A-Za-z0-9-]+");
    assertThat(collections().get("../../etc/passwd")).isEmpty();
  }
}
