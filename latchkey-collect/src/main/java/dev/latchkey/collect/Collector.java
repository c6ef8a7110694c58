package dev.latchkey.collect;

import dev.latchkey.collect.internal.Dispatcher;
import dev.latchkey.collect.internal.Outcomes.Fatal;
import dev.latchkey.collect.internal.Outcomes.GiveUp;
import dev.latchkey.collect.internal.Outcomes.Stopped;
import dev.latchkey.collect.internal.Plan;
import dev.latchkey.collect.internal.RetryingStore;
import dev.latchkey.collect.internal.StreamRunner;
import dev.latchkey.collect.internal.TaskRunner;
import dev.latchkey.collect.store.Checkpoint;
import dev.latchkey.collect.store.CollectionStatus;
import dev.latchkey.collect.store.CollectionStore;
import dev.latchkey.collect.store.Lease;
import dev.latchkey.collect.store.Page;
import dev.latchkey.collect.store.RunningElsewhere;
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
import java.util.Optional;
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
  /**
   * How long a task's claim lasts unless renewed (every commit renews it, and a heartbeat every
   * third of it while the worker lives); another worker of a shared store takes the task over after
   * it lapses.
   */
  public static final Duration LEASE = Duration.ofMinutes(1);

  /** The longest pause between two looks at tasks other workers hold. */
  private static final Duration ELSEWHERE_POLL = Duration.ofSeconds(1);

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
  private final String worker;
  private final Duration lease;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicBoolean stoppedByCaller = new AtomicBoolean();
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
    this.worker = b.worker == null ? workerName(random) : b.worker;
    this.lease = b.lease;
  }

  /**
   * A name for this process among the workers of a shared store: {@code host:pid:xxxx}, the last
   * part random, so a restarted process with the same pid is a different worker.
   */
  public static String workerName(RandomGenerator random) {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "localhost";
    }
    if (host.length() > 64) {
      host = host.substring(0, 64);
    }
    return host
        + ":"
        + ProcessHandle.current().pid()
        + ":"
        + String.format(java.util.Locale.ROOT, "%04x", random.nextInt(0x10000));
  }

  /** The name this collector's claims and runs carry. */
  public String worker() {
    return worker;
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
    stoppedByCaller.set(true);
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
    this.store.open(job, restart); // not retried: a store that cannot be reached now is an error
    // From here on a store that goes away is waited for (announced), never a half-written end.
    CollectionStore store =
        new RetryingStore(this.store, clock, sleeper, listener, stopping, random);
    CollectionStatus before = store.status();
    long recordsBefore = before.records().values().stream().mapToLong(Long::longValue).sum();
    listener.started(job, before.tasks(), before.done(), recordsBefore);
    long run = store.startRun(gateway.account(), version, clock.instant(), worker);
    Dispatcher dispatcher =
        new Dispatcher(
            gateway,
            gateway.platform().rateLimitWindows(),
            store,
            clock,
            random,
            sleeper,
            listener,
            stopping,
            worker);
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
        (held, page) -> store.commit(held, page, clock.instant(), lease);
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
        new TaskRunner(
            dispatcher, committer, job.options(), version, pageListener, !store.keepsPages());
    List<Thread> threads = new ArrayList<>();
    int workers = (int) Math.max(1, Math.min(concurrency, before.tasks() - before.done()));
    AtomicReference<StoreException> storeFailure = new AtomicReference<>();
    AtomicReference<String> waitingFor = new AtomicReference<>();
    Thread heartbeat = heartbeat();
    for (int i = 0; i < workers; i++) {
      Thread t =
          new Thread(
              () -> {
                while (!stopping.get()) {
                  Lease lease;
                  try {
                    var claimed = store.claim(worker, clock.instant(), this.lease);
                    if (claimed.isEmpty()) {
                      if (awaitOthers(store, waitingFor)) {
                        continue;
                      }
                      return;
                    }
                    lease = claimed.get();
                  } catch (Stopped e) {
                    return;
                  } catch (StoreException e) {
                    storeFailure.compareAndSet(null, e);
                    stopping.set(true);
                    return;
                  }
                  Checkpoint cp = lease.checkpoint();
                  if (cp.pages() > 0) {
                    listener.notice(
                        "continuing "
                            + lease.task().describe()
                            + " from its checkpoint ("
                            + cp.records()
                            + " records in "
                            + cp.pages()
                            + " pages)");
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
                    giveBack(store, lease, null);
                    return;
                  } catch (GiveUp e) {
                    unfinished.add(lease.task().describe() + ": " + e.getMessage());
                    giveBack(store, lease, e.getMessage());
                  } catch (Fatal e) {
                    fatal.compareAndSet(null, e.getMessage());
                    badInput.compareAndSet(false, e.badInput());
                    giveBack(store, lease, e.getMessage());
                    stopping.set(true);
                    return;
                  } catch (StoreException e) {
                    if (e.reason() == StoreException.Reason.LEASE_LOST) {
                      listener.notice(e.getMessage()); // that worker goes on with it
                      continue;
                    }
                    storeFailure.compareAndSet(null, e);
                    stopping.set(true);
                    return;
                  } catch (RuntimeException e) {
                    String why =
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    fatal.compareAndSet(null, why);
                    giveBack(store, lease, why);
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
    heartbeat.interrupt();
    if (stoppedByCaller.get()
        && storeFailure.get() != null
        && storeFailure.get().reason() == StoreException.Reason.UNAVAILABLE) {
      storeFailure.set(null); // stopped while waiting for the store: an interruption, resumable
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

  private static void giveBack(CollectionStore store, Lease lease, String why) {
    try {
      store.release(lease, why);
    } catch (StoreException e) {
      // the next run resets unfinished leases anyway, and a shared store's lease lapses
    }
  }

  /**
   * When no task is left to claim but other workers hold some: waits a little (announced once), so
   * that the task of a worker that dies is taken over from its checkpoint.
   *
   * @return whether to look for a task again
   */
  private boolean awaitOthers(CollectionStore store, AtomicReference<String> waitingFor)
      throws StoreException, Stopped {
    Optional<RunningElsewhere> others = store.runningElsewhere(worker);
    if (others.isEmpty()) {
      return false;
    }
    long n = others.get().tasks();
    Duration lapse = others.get().soonestLapse();
    String why =
        n
            + (n == 1 ? " task" : " tasks")
            + " held by other workers; taking over any whose worker stops";
    Instant now = clock.instant();
    Instant until =
        now.plus(
            lapse.compareTo(ELSEWHERE_POLL) > 0
                ? ELSEWHERE_POLL
                : lapse.compareTo(Duration.ofMillis(250)) < 0 ? Duration.ofMillis(250) : lapse);
    if (!why.equals(waitingFor.getAndSet(why))) {
      listener.waiting(why, now.plus(lapse.isNegative() ? Duration.ZERO : lapse));
    }
    try {
      while (clock.instant().isBefore(until)) {
        if (stopping.get()) {
          throw new Stopped();
        }
        Instant step = clock.instant().plusMillis(100);
        sleeper.sleepUntil(step.isBefore(until) ? step : until, clock);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stopped();
    }
    return true;
  }

  /** Renews this worker's leases every third of their length while the run lasts. */
  private Thread heartbeat() {
    Thread t =
        new Thread(
            () -> {
              Duration every = lease.dividedBy(3);
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  Thread.sleep(Math.max(10, every.toMillis()));
                  store.renew(worker, clock.instant(), lease);
                } catch (InterruptedException e) {
                  return;
                } catch (StoreException e) {
                  // the next beat tries again; a commit renews too
                }
              }
            },
            "latchkey-collect-heartbeat");
    t.setDaemon(true);
    t.start();
    return t;
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
    private String worker;
    private Duration lease = LEASE;

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

    /**
     * This process's name among the workers of a shared store (default {@code host:pid:xxxx}, see
     * {@link Collector#workerName}).
     */
    public Builder worker(String name) {
      this.worker = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * How long a claimed task stays this worker's without a sign of life (default {@link
     * Collector#LEASE}); after that, another worker of a shared store takes it over.
     */
    public Builder lease(Duration lease) {
      Objects.requireNonNull(lease, "lease");
      if (lease.compareTo(Duration.ofSeconds(1)) < 0 || lease.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("--lease takes 1s to 1h, not " + lease);
      }
      this.lease = lease;
      return this;
    }

    public Collector build() {
      return new Collector(this);
    }
  }
}
