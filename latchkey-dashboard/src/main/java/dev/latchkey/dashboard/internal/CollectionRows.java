package dev.latchkey.dashboard.internal;

import dev.latchkey.collect.live.LiveCollections;
import dev.latchkey.collect.live.LiveStatus;
import dev.latchkey.collect.store.CollectionStatus;
import dev.latchkey.collect.store.SqliteStore;
import dev.latchkey.collect.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the directory of collections into the Collections page's rows: the live status each run
 * publishes and, for a run that no longer holds its store, the store's own status (what {@code
 * latchkey collect status} prints), read again only when the store's file changed.
 */
final class CollectionRows {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private record Stored(FileTime stamp, CollectionStatus status) {}

  private final LiveCollections collections;
  private final Clock clock;
  private final Map<String, Stored> stored = new ConcurrentHashMap<>();

  CollectionRows(LiveCollections collections, Clock clock) {
    this.collections = collections;
    this.clock = clock;
  }

  LiveCollections collections() {
    return collections;
  }

  /** Every collection, the running ones first; empty when none was recorded. */
  List<CollectionRow> rows() {
    List<LiveStatus> all;
    try {
      all = collections.list();
    } catch (IOException e) {
      throw new Refused(
          500,
          "Cannot read the collections",
          "Cannot read " + collections.directory() + " (" + e.getClass().getSimpleName() + ").");
    }
    List<CollectionRow> rows = new ArrayList<>();
    for (LiveStatus s : all) {
      rows.add(row(s));
    }
    stored.keySet().retainAll(all.stream().map(LiveStatus::id).toList());
    return rows;
  }

  private CollectionRow row(LiveStatus s) {
    Instant now = clock.instant();
    boolean running = s.running();
    Optional<CollectionStatus> store = running ? Optional.empty() : store(s);
    long tasks = store.map(CollectionStatus::tasks).orElse(s.tasks());
    long done = store.map(CollectionStatus::done).orElse(s.done());
    long failed = store.map(CollectionStatus::failed).orElse(s.failed());
    Optional<Duration> wait = s.waitLeft(now);
    String state;
    String stateText;
    if (running && wait.isPresent()) {
      state = "waiting";
      stateText = "waiting";
    } else if (running) {
      state = "running";
      stateText = "running";
    } else if (s.outcome() == null) {
      state = "stopped";
      stateText = "stopped without finishing (killed?); run the same command again to resume";
    } else {
      state = s.outcome().startsWith("failed") ? "failed" : s.outcome();
      stateText = s.outcome();
    }
    String records =
        store
            .filter(st -> !st.records().isEmpty())
            .map(st -> byTable(st.records()))
            .orElse(count(s.recordsInAll()) + (s.recordsInAll() == 1 ? " record" : " records"));
    String thisRun =
        s.summary() != null
            ? s.summary()
            : count(s.records())
                + " records in "
                + count(s.pages())
                + (s.pages() == 1 ? " page" : " pages")
                + (s.errors() > 0 ? ", " + s.errors() + " error records" : "")
                + (s.started() == null ? "" : ", since " + WHEN.format(s.started()));
    String limit =
        s.limit() >= 0 && running
            ? s.limitLeft() + " of " + s.limit() + " requests left in the tightest window"
            : null;
    String runs = store.map(CollectionRows::runs).orElse(null);
    return new CollectionRow(
        "collection-" + s.id(),
        s.id(),
        s.job() == null ? "(unknown)" : s.job(),
        s.store() != null ? s.store() : s.output() == null ? "standard output" : s.output(),
        state,
        stateText,
        tasks,
        done,
        s.runningTasks(),
        failed,
        Math.max(0, tasks - done),
        records,
        thisRun,
        running ? s.task() : null,
        limit,
        wait.isPresent() ? s.waitReason() : null,
        wait.map(Duration::toSeconds).orElse(-1L),
        wait.isPresent() ? WHEN.format(s.waitUntil()) : null,
        s.notice(),
        runs,
        s.updated() == null ? "never" : WHEN.format(s.updated()),
        !running);
  }

  /** The store's own status of an output no run holds now; empty when it cannot be read. */
  private Optional<CollectionStatus> store(LiveStatus s) {
    if (s.output() == null) {
      return Optional.empty();
    }
    Path output = Path.of(s.output());
    Path state = Path.of(s.output() + SqliteStore.STATE_SUFFIX);
    Path file = Files.isRegularFile(state) ? state : output;
    FileTime stamp;
    try {
      stamp = Files.getLastModifiedTime(file);
    } catch (IOException e) {
      stored.remove(s.id());
      return Optional.empty();
    }
    Stored known = stored.get(s.id());
    if (known != null && known.stamp().equals(stamp)) {
      return Optional.of(known.status());
    }
    try {
      CollectionStatus status = SqliteStore.statusOf(output);
      stored.put(s.id(), new Stored(stamp, status));
      return Optional.of(status);
    } catch (StoreException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String byTable(Map<String, Long> records) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Long> e : records.entrySet()) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(count(e.getValue())).append(' ').append(e.getKey());
    }
    return b.toString();
  }

  private static String runs(CollectionStatus s) {
    if (s.runs().isEmpty()) {
      return null;
    }
    CollectionStatus.Run last = s.runs().get(s.runs().size() - 1);
    String outcome = last.outcome() == null ? "killed" : last.outcome();
    return s.runs().size()
        + (s.runs().size() == 1 ? " run" : " runs")
        + " (last: "
        + outcome
        + (last.ended() == null ? "" : ", ended " + WHEN.format(last.ended()))
        + ")";
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
