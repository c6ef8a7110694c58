package dev.latchkey.collect.live;

import dev.latchkey.collect.CollectionListener;
import dev.latchkey.collect.CollectionSummary;
import dev.latchkey.collect.Job;
import dev.latchkey.collect.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Publishes a running collection's {@link LiveStatus} into a {@link LiveCollections} directory, for
 * another process (the dashboard) to show, and passes every event on to the listener that shows it
 * here (the progress bar). The file is replaced atomically, mode 0600, at most every {@link #EVERY}
 * on progress and at once when a wait starts or ends and when the run ends. Writing is best effort:
 * a full disk or a read-only home never disturbs the collection.
 *
 * <pre>{@code
 * CollectionListener listener =
 *     new LivePublisher(LiveCollections.beside(keychainFile), output, concurrency, clock, display);
 * Collector.builder(gateway, store).listener(listener).concurrency(concurrency).build().run(job);
 * }</pre>
 */
public final class LivePublisher implements CollectionListener {
  /** How often progress is written at most. */
  public static final Duration EVERY = Duration.ofMillis(500);

  private final LiveCollections collections;
  private final Path output;
  private final String store;
  private final int concurrency;
  private final Clock clock;
  private final CollectionListener next;
  private final String id;
  private final long pid = ProcessHandle.current().pid();
  private final Instant processStart = ProcessHandle.current().info().startInstant().orElse(null);
  private boolean begun;
  private String job;
  private Instant started;
  private long tasks;
  private long done;
  private long recordsBefore;
  private long records;
  private long pages;
  private long errors;
  private String task;
  private long limitLeft = -1;
  private long limit = -1;
  private String waitReason;
  private Instant waitUntil;
  private String notice;
  private String outcome;
  private long failed;
  private String summary;
  private Instant written = Instant.EPOCH;

  /**
   * @param output the collection's output file, or null for standard output
   * @param next the listener every event goes on to (the display)
   */
  public LivePublisher(
      LiveCollections collections,
      Path output,
      int concurrency,
      Clock clock,
      CollectionListener next) {
    this(collections, output, null, concurrency, clock, next);
  }

  /**
   * A publisher for a collection into a shared store (PostgreSQL), named by {@code store} ({@code
   * job NAME in user@host:port/db}: no password), or into {@code output} when {@code store} is
   * null.
   */
  public LivePublisher(
      LiveCollections collections,
      Path output,
      String store,
      int concurrency,
      Clock clock,
      CollectionListener next) {
    this.collections = Objects.requireNonNull(collections, "collections");
    this.store = store;
    this.output = output == null ? null : output.toAbsolutePath().normalize();
    this.concurrency = concurrency;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.next = Objects.requireNonNull(next, "next");
    this.id =
        store != null
            ? LiveCollections.idFor(store, pid)
            : output == null
                ? "stdout-" + pid + "-" + clock.instant().toEpochMilli()
                : LiveCollections.idFor(this.output);
  }

  /** The id of this collection in its directory. */
  public String id() {
    return id;
  }

  /** What this run would publish now. */
  public synchronized LiveStatus status() {
    return new LiveStatus(
        id,
        pid,
        processStart,
        job,
        output == null ? null : output.toString(),
        store,
        started,
        written,
        tasks,
        done,
        concurrency,
        recordsBefore,
        records,
        pages,
        errors,
        task,
        limitLeft,
        limit,
        waitReason,
        waitUntil,
        notice,
        outcome,
        failed,
        summary);
  }

  @Override
  public void started(Job job, long tasks, long tasksDone, long recordsBefore) {
    synchronized (this) {
      this.begun = true;
      this.job = job.describe();
      this.started = clock.instant();
      this.tasks = tasks;
      this.done = tasksDone;
      this.recordsBefore = recordsBefore;
      write();
    }
    next.started(job, tasks, tasksDone, recordsBefore);
  }

  @Override
  public void progress(Progress p) {
    synchronized (this) {
      tasks = p.tasks();
      done = p.tasksDone();
      records = p.records();
      pages = p.pages();
      errors = p.errors();
      task = p.task();
      limitLeft = p.limitLeft();
      limit = p.limit();
      if (Duration.between(written, clock.instant()).compareTo(EVERY) >= 0) {
        write();
      }
    }
    next.progress(p);
  }

  @Override
  public void waiting(String reason, Instant until) {
    synchronized (this) {
      waitReason = reason;
      waitUntil = until;
      write();
    }
    next.waiting(reason, until);
  }

  @Override
  public void resumed() {
    synchronized (this) {
      waitReason = null;
      waitUntil = null;
      write();
    }
    next.resumed();
  }

  @Override
  public void notice(String message) {
    synchronized (this) {
      notice = message;
    }
    next.notice(message);
  }

  @Override
  public void finished(CollectionSummary s) {
    synchronized (this) {
      tasks = s.tasks();
      done = s.tasksDone();
      records = s.records();
      pages = s.pages();
      errors = s.errors();
      waitReason = null;
      waitUntil = null;
      failed = s.unfinished().size();
      outcome =
          s.fatal() != null
              ? "failed: " + s.fatal()
              : s.interrupted() ? "interrupted" : s.complete() ? "finished" : "unfinished";
      summary =
          s.records()
              + " records in "
              + s.pages()
              + " pages; "
              + s.requests()
              + " requests, "
              + s.refused()
              + " refused (429), "
              + s.waited().toSeconds()
              + " s waiting";
      write();
    }
    next.finished(s);
  }

  /** Replaces the file with the current status; failures are ignored (the run goes on). */
  private void write() {
    if (!begun) {
      return;
    }
    written = clock.instant();
    Path dir = collections.directory();
    Path temp = null;
    try {
      boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(
            dir,
            posix
                ? new FileAttribute<?>[] {
                  PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
                }
                : new FileAttribute<?>[0]);
      }
      temp =
          Files.createTempFile(
              dir,
              ".live-",
              ".tmp",
              posix
                  ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------"))
                  }
                  : new FileAttribute<?>[0]);
      try (OutputStream out = Files.newOutputStream(temp)) {
        out.write(LiveJson.write(status()));
      }
      Path target = dir.resolve(id + LiveCollections.SUFFIX);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException | RuntimeException e) {
      // best effort: the collection matters more than its live view
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // left behind: a dot file the listing skips
        }
      }
    }
  }
}
