package dev.latchkey.collect;

import dev.latchkey.collect.internal.Dispatcher;
import dev.latchkey.collect.internal.Outcomes.Fatal;
import dev.latchkey.collect.internal.Outcomes.GiveUp;
import dev.latchkey.collect.internal.Outcomes.Stopped;
import dev.latchkey.collect.internal.Plan;
import dev.latchkey.collect.internal.StreamRunner;
import dev.latchkey.collect.internal.TaskRunner;
import dev.latchkey.collect.store.CollectionStatus;
import dev.latchkey.collect.store.CollectionStore;
import dev.latchkey.collect.store.Lease;
import dev.latchkey.collect.store.Page;
import dev.latchkey.collect.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Collects a {@link Job} through one account, within the platform's rate limits, into a {@link
 * CollectionStore}, handing each new record to {@link Builder#onRecord} as it arrives.
 *
 * <pre>{@code
 * Job job = new Job(TaskKind.TIMELINE, List.of("ada"), JobOptions.defaults());
 * try (CollectionStore store = SqliteStore.open(OutputFormat.JSONL, Path.of("ada.jsonl"), System.out)) {
 *   CollectionSummary s =
 *       Collector.builder(gateway, store).onRecord(r -> System.err.println(r.id())).build().run(job);
 * }
 * }</pre>
 *
 * <p>Running the same job into the same store again resumes it; tasks run on {@link
 * Builder#concurrency} workers, each page committed with its task's checkpoint.
 */
public final class Collector {
  /** How long a task's claim lasts between commits (issue 11's workers take over after it). */
  public static final Duration LEASE = Duration.ofMinutes(5);

  /** How often the governors' view of the budgets is saved (and once at the end). */
  private static final Duration BUDGET_EVERY = Duration.ofSeconds(1);

  private final AccountGateway gateway;
  private final CollectionStore store;
  private final Clock clock;
  private final RandomGenerator random;
  private final Sleeper sleeper;
  private final CollectionListener listener;
  private final Consumer<CollectedRecord> onRecord;
  private final int concurrency;
  private final boolean restart;
  private final Duration streamIdleTimeout;
  private final String version;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final List<StreamRunner> streams = Collections.synchronizedList(new ArrayList<>());

  private Collector(Builder b) {
    this.gateway = b.gateway;
    this.store = b.store;
    this.clock = b.clock;
    this.random = b.random;
    this.sleeper = b.sleeper;
    this.listener = b.listener;
    this.onRecord = b.onRecord;
    this.concurrency = b.concurrency;
    this.restart = b.restart;
    this.streamIdleTimeout = b.streamIdleTimeout;
    this.version = b.version == null ? version() : b.version;
  }

  /** A builder for a collector sending through {@code gateway} into {@code store}. */
  public static Builder builder(AccountGateway gateway, CollectionStore store) {
    return new Builder(gateway, store);
  }

  /** The Latchkey version written into each record's provenance. */
  public static String version() {
    Properties p = new Properties();
    try (InputStream in = Collector.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // unknown version
    }
    return p.getProperty("version", "unknown");
  }

  /**
   * Checks that every task of {@code job} can be planned (the options fit the tasks).
   *
   * @throws IllegalArgumentException naming what does not fit
   */
  public static void validate(Job job) {
    Set<TaskKind> seen = new HashSet<>();
    for (TaskSpec t : job.tasks()) {
      if (!t.kind().isStream() && seen.add(t.kind())) {
        Plan.of(t, job.options());
      }
    }
  }

  /**
   * Asks a running collection to stop: waits end at once, the page in flight is committed, and
   * {@link #run} returns a summary marked interrupted. Safe from any thread (a shutdown hook).
   */
  public void stop() {
    stopping.set(true);
    synchronized (streams) {
      streams.forEach(StreamRunner::stop);
    }
  }

  /**
   * Runs (or resumes) {@code job} until every task is done, it is stopped, or it cannot go on.
   *
   * @throws StoreException when the store refuses the job or cannot be written
   * @throws IllegalArgumentException when the job's options do not fit its tasks
   */
  public CollectionSummary run(Job job) throws StoreException {
    validate(job);
    store.open(job, restart);
    CollectionStatus before = store.status();
    long recordsBefore = before.records().values().stream().mapToLong(Long::longValue).sum();
    listener.started(job, before.tasks(), before.done(), recordsBefore);
    long run = store.startRun(gateway.account(), version, clock.instant());
    Dispatcher dispatcher =
        new Dispatcher(
            gateway,
            gateway.platform().rateLimitWindows(),
            store,
            clock,
            random,
            sleeper,
            listener,
            stopping);
    AtomicLong records = new AtomicLong();
    AtomicLong pages = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong tasksDone = new AtomicLong(before.done());
    AtomicReference<Instant> lastRecord = new AtomicReference<>();
    AtomicReference<String> fatal = new AtomicReference<>();
    AtomicBoolean badInput = new AtomicBoolean();
    List<String> unfinished = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<Instant> budgetsSaved = new AtomicReference<>(Instant.EPOCH);
    TaskRunner.Committer committer =
        (lease, page) -> store.commit(lease, page, clock.instant(), LEASE);
    TaskRunner.PageListener pageListener =
        (task, endpoint, page, kept) -> {
          pageKept(page, kept, records, pages, errors, lastRecord);
          if (page.next().done()) {
            tasksDone.incrementAndGet();
          }
          long left = -1;
          long limit = -1;
          if (endpoint != null) {
            var w = dispatcher.tightest(endpoint);
            if (w.isPresent()) {
              left = w.get().remaining();
              limit = w.get().limit();
            }
          }
          listener.progress(
              new Progress(
                  before.tasks(),
                  tasksDone.get(),
                  records.get(),
                  pages.get(),
                  errors.get(),
                  task.describe(),
                  endpoint == null ? null : endpoint.family(),
                  left,
                  limit));
          Instant now = clock.instant();
          Instant last = budgetsSaved.get();
          if (Duration.between(last, now).compareTo(BUDGET_EVERY) >= 0
              && budgetsSaved.compareAndSet(last, now)) {
            try {
              dispatcher.saveBudgets();
            } catch (StoreException e) {
              throw new IllegalStateException(e.getMessage());
            }
          }
        };
    TaskRunner pagedRunner =
        new TaskRunner(dispatcher, committer, job.options(), version, pageListener);
    String worker = "pid " + ProcessHandle.current().pid();
    List<Thread> threads = new ArrayList<>();
    int workers = (int) Math.max(1, Math.min(concurrency, before.tasks() - before.done()));
    AtomicReference<StoreException> storeFailure = new AtomicReference<>();
    for (int i = 0; i < workers; i++) {
      Thread t =
          new Thread(
              () -> {
                while (!stopping.get()) {
                  Lease lease;
                  try {
                    var claimed = store.claim(worker, clock.instant(), LEASE);
                    if (claimed.isEmpty()) {
                      return;
                    }
                    lease = claimed.get();
                  } catch (StoreException e) {
                    storeFailure.compareAndSet(null, e);
                    stopping.set(true);
                    return;
                  }
                  try {
                    if (lease.task().kind().isStream()) {
                      StreamRunner s =
                          new StreamRunner(
                              dispatcher,
                              committer,
                              pageListener,
                              job.options(),
                              version,
                              clock,
                              streamIdleTimeout,
                              listener,
                              stopping);
                      streams.add(s);
                      try {
                        s.run(lease);
                      } finally {
                        streams.remove(s);
                      }
                    } else {
                      pagedRunner.run(lease);
                    }
                  } catch (Stopped e) {
                    giveBack(lease, null);
                    return;
                  } catch (GiveUp e) {
                    unfinished.add(lease.task().describe() + ": " + e.getMessage());
                    giveBack(lease, e.getMessage());
                  } catch (Fatal e) {
                    fatal.compareAndSet(null, e.getMessage());
                    badInput.compareAndSet(false, e.badInput());
                    giveBack(lease, e.getMessage());
                    stopping.set(true);
                    return;
                  } catch (StoreException e) {
                    storeFailure.compareAndSet(null, e);
                    stopping.set(true);
                    return;
                  } catch (RuntimeException e) {
                    String why =
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    fatal.compareAndSet(null, why);
                    giveBack(lease, why);
                    stopping.set(true);
                    return;
                  }
                }
              },
              "latchkey-collect-" + i);
      t.start();
      threads.add(t);
    }
    boolean interrupted = false;
    for (Thread t : threads) {
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
          stop();
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    boolean stoppedByUser = stopping.get() && fatal.get() == null && storeFailure.get() == null;
    try {
      dispatcher.saveBudgets();
    } catch (StoreException e) {
      // the budgets are a hint for the next run; the records are safe
    }
    CollectionStatus after;
    try {
      after = store.status();
    } catch (StoreException e) {
      after = before;
    }
    String outcome =
        storeFailure.get() != null
            ? "failed: " + storeFailure.get().getMessage()
            : fatal.get() != null
                ? "failed: " + fatal.get()
                : stoppedByUser ? "interrupted" : unfinished.isEmpty() ? "finished" : "unfinished";
    try {
      store.endRun(run, outcome, records.get(), clock.instant());
    } catch (StoreException e) {
      // the run's row stays open: status shows it as killed
    }
    CollectionSummary summary =
        new CollectionSummary(
            after.tasks(),
            after.done(),
            records.get(),
            pages.get(),
            errors.get(),
            dispatcher.requests(),
            dispatcher.refused(),
            dispatcher.waited(),
            dispatcher.firstRequest(),
            lastRecord.get(),
            stoppedByUser,
            List.copyOf(unfinished),
            storeFailure.get() != null ? storeFailure.get().getMessage() : fatal.get());
    listener.finished(summary);
    if (storeFailure.get() != null) {
      throw storeFailure.get();
    }
    if (badInput.get()) {
      throw new IllegalArgumentException(fatal.get());
    }
    return summary;
  }

  private void pageKept(
      Page page,
      List<CollectedRecord> kept,
      AtomicLong records,
      AtomicLong pages,
      AtomicLong errors,
      AtomicReference<Instant> lastRecord) {
    pages.incrementAndGet();
    for (CollectedRecord r : kept) {
      if (r.type() == RecordType.ERROR) {
        errors.incrementAndGet();
        listener.notice(
            "error record: "
                + r.json().path("error").path("target").asText("?")
                + ": "
                + r.json().path("error").path("message").asText(""));
      } else {
        records.incrementAndGet();
      }
      onRecord.accept(r);
    }
    lastRecord.set(clock.instant());
  }

  private void giveBack(Lease lease, String why) {
    try {
      store.release(lease, why);
    } catch (StoreException e) {
      // the next run resets unfinished leases anyway
    }
  }

  /** Builds a {@link Collector}. */
  public static final class Builder {
    private final AccountGateway gateway;
    private final CollectionStore store;
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = new SecureRandom();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private CollectionListener listener = new CollectionListener() {};
    private Consumer<CollectedRecord> onRecord = r -> {};
    private int concurrency = 4;
    private boolean restart;
    private Duration streamIdleTimeout = Duration.ofSeconds(21);
    private String version;

    private Builder(AccountGateway gateway, CollectionStore store) {
      this.gateway = Objects.requireNonNull(gateway, "gateway");
      this.store = Objects.requireNonNull(store, "store");
    }

    /** The clock waits are measured on (a test clock in tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The randomness of backoff jitter. */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** How waits happen. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Who is told about progress and waits. */
    public Builder listener(CollectionListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Receives every new record (after de-duplication) as it is committed. */
    public Builder onRecord(Consumer<CollectedRecord> consumer) {
      this.onRecord = Objects.requireNonNull(consumer, "consumer");
      return this;
    }

    /** Tasks collected at once (1 to 16; default 4). One credential's budget is still shared. */
    public Builder concurrency(int n) {
      if (n < 1 || n > 16) {
        throw new IllegalArgumentException("--concurrency takes 1 to 16, not " + n);
      }
      this.concurrency = n;
      return this;
    }

    /** Drop what the store holds and start over. */
    public Builder restart(boolean restart) {
      this.restart = restart;
      return this;
    }

    /**
     * How long a stream may be silent before it counts as dead (X sends keep-alives every 20 s).
     */
    public Builder streamIdleTimeout(Duration timeout) {
      this.streamIdleTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** The version written into provenance (default: this Latchkey's). */
    public Builder version(String version) {
      this.version = version;
      return this;
    }

    public Collector build() {
      return new Collector(this);
    }
  }
}
