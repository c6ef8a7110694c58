package dev.latchkey.cli.collect;

import dev.latchkey.collect.CollectionListener;
import dev.latchkey.collect.CollectionSummary;
import dev.latchkey.collect.Job;
import dev.latchkey.collect.Progress;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a running collection: on a terminal a progress bar of tasks with records, pages, rate, the
 * limit left, and a countdown with its reason during every wait; otherwise plain lines (a progress
 * line at most every 10 s, one line per wait and notice); nothing but the summary's absence with
 * {@code --quiet}. A long job never looks like a hang.
 */
final class ProgressDisplay implements CollectionListener, AutoCloseable {
  enum Mode {
    TERMINAL,
    LINES,
    QUIET
  }

  private static final Duration LINE_EVERY = Duration.ofSeconds(10);

  private final Mode mode;
  private final PrintWriter err;
  private final PrintStream terminal;
  private final Clock clock;
  private ProgressBar bar;
  private ScheduledExecutorService ticker;
  private volatile Progress last;
  private volatile String waitReason;
  private volatile Instant waitUntil;
  private volatile Instant started;
  private long recordsBefore;
  private Instant lastLine = Instant.EPOCH;

  ProgressDisplay(Mode mode, PrintWriter err, PrintStream terminal, Clock clock) {
    this.mode = mode;
    this.err = err;
    this.terminal = terminal;
    this.clock = clock;
  }

  @Override
  public synchronized void started(Job job, long tasks, long tasksDone, long before) {
    started = clock.instant();
    recordsBefore = before;
    String what = "latchkey collect " + job.describe();
    if (mode == Mode.QUIET) {
      return;
    }
    if (tasksDone > 0 || before > 0) {
      line(
          "resuming: "
              + what
              + ": "
              + tasksDone
              + " of "
              + tasks
              + " tasks done, "
              + count(before)
              + " records kept before");
    } else {
      line("starting: " + what + " (" + tasks + (tasks == 1 ? " task)" : " tasks)"));
    }
    if (mode == Mode.TERMINAL) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("tasks")
              .setInitialMax(tasks)
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(250)
              .continuousUpdate()
              .setConsumer(new ConsoleProgressBarConsumer(terminal))
              .hideEta()
              .build();
      bar.stepTo(tasksDone);
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "latchkey-progress");
                t.setDaemon(true);
                return t;
              });
      ticker.scheduleAtFixedRate(this::refresh, 0, 250, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void progress(Progress p) {
    last = p;
    if (mode == Mode.LINES) {
      synchronized (this) {
        Instant now = clock.instant();
        if (Duration.between(lastLine, now).compareTo(LINE_EVERY) >= 0) {
          lastLine = now;
          line(describe(p));
        }
      }
    } else if (mode == Mode.TERMINAL) {
      refresh();
    }
  }

  @Override
  public void waiting(String reason, Instant until) {
    boolean announce;
    synchronized (this) {
      announce = !reason.equals(waitReason) || waitUntil == null || !until.equals(waitUntil);
      waitReason = reason;
      waitUntil = until;
    }
    Duration d = Duration.between(clock.instant(), until);
    if (mode == Mode.LINES && announce && d.compareTo(Duration.ofMillis(500)) >= 0) {
      line(
          reason
              + ": resuming in "
              + clockFormat(d)
              + " (at "
              + until.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
              + ")");
    }
    if (mode == Mode.TERMINAL) {
      refresh();
    }
  }

  @Override
  public void resumed() {
    synchronized (this) {
      waitReason = null;
      waitUntil = null;
    }
  }

  @Override
  public void notice(String message) {
    if (mode == Mode.LINES) {
      line(message);
    } else if (mode == Mode.TERMINAL && !message.startsWith("error record")) {
      synchronized (this) {
        if (bar != null) {
          bar.setExtraMessage(message);
        }
      }
    }
  }

  private synchronized void refresh() {
    if (bar == null) {
      return;
    }
    Progress p = last;
    if (p != null) {
      bar.stepTo(p.tasksDone());
    }
    String extra = p == null ? "starting" : describe(p);
    String reason = waitReason;
    Instant until = waitUntil;
    if (reason != null && until != null) {
      Duration d = Duration.between(clock.instant(), until);
      if (!d.isNegative()) {
        extra = reason + ": resuming in " + clockFormat(d) + " | " + extra;
      }
    }
    bar.setExtraMessage(extra);
  }

  private String describe(Progress p) {
    Duration elapsed = Duration.between(started, clock.instant());
    double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
    StringBuilder b =
        new StringBuilder()
            .append(count(p.records()))
            .append(p.records() == 1 ? " record, " : " records, ")
            .append(count(p.pages()))
            .append(p.pages() == 1 ? " page, " : " pages, ")
            .append(String.format(Locale.ROOT, "%.1f", p.records() / seconds))
            .append("/s");
    if (p.errors() > 0) {
      b.append(", ").append(p.errors()).append(p.errors() == 1 ? " error" : " errors");
    }
    if (p.limitLeft() >= 0) {
      b.append(", limit ")
          .append(p.limitLeft())
          .append('/')
          .append(p.limit())
          .append(" left on ")
          .append(p.family());
    }
    if (mode == Mode.LINES) {
      b.append(" (").append(p.tasksDone()).append('/').append(p.tasks()).append(" tasks)");
    }
    return b.toString();
  }

  @Override
  public void finished(CollectionSummary s) {
    close();
  }

  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
      ticker = null;
    }
    if (bar != null) {
      refresh();
      bar.close();
      bar = null;
    }
  }

  private void line(String text) {
    err.println("latchkey: " + text);
    err.flush();
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 11:42}, or {@code 1:02:03} past an hour. */
  static String clockFormat(Duration d) {
    long s = Math.max(0, (d.toMillis() + 999) / 1000);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  long recordsBefore() {
    return recordsBefore;
  }
}
