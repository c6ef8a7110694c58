package dev.latchkey.cli.collect;

import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.Session;
import dev.latchkey.collect.live.LiveCollections;
import dev.latchkey.collect.live.LiveStatus;
import dev.latchkey.collect.store.CollectionStatus;
import dev.latchkey.collect.store.PostgresStore;
import dev.latchkey.collect.store.SqliteStore;
import dev.latchkey.collect.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code latchkey collect status FILE}: what a collection holds and what is left. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "What a collection holds, what is left, and the rate limits last seen.")
final class CollectStatusCommand implements Callable<Integer> {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "FILE",
      arity = "0..1",
      description = "The --output of a collection (or --store and --job for a shared one).")
  Path file;

  @Option(
      names = "--store",
      paramLabel = "URL",
      description = "A shared store, postgresql://… (default: LATCHKEY_STORE when no FILE).")
  String store;

  @Option(names = "--job", paramLabel = "NAME", description = "The job in the shared store.")
  String job;

  /**
   * What the run that writes {@code output} says it is doing now (from the status it publishes
   * beside the keychain for the dashboard): its wait with the reason and the time left, else its
   * progress; empty when no run of it is going on.
   */
  private Optional<String> now(Path output) {
    Optional<LiveStatus> live;
    try {
      live =
          LiveCollections.beside(Session.of(spec).keychain().path())
              .forOutput(output)
              .filter(LiveStatus::running);
    } catch (RuntimeException e) {
      return Optional.empty(); // no keychain home: no live status either
    }
    if (live.isEmpty()) {
      return Optional.empty();
    }
    LiveStatus l = live.get();
    Instant now = Instant.now();
    String what =
        l.waitLeft(now)
            .map(
                left ->
                    "waiting for "
                        + l.waitReason()
                        + ": resuming in "
                        + ProgressDisplay.clockFormat(left)
                        + " (at "
                        + WHEN.format(l.waitUntil())
                        + ")")
            .orElse(l.records() + " records so far in this run");
    return Optional.of("running in pid " + l.pid() + ", " + what);
  }

  @Override
  public Integer call() {
    CollectionStatus s;
    String where;
    String url = SharedStores.url(Session.of(spec).context(), store, file != null);
    if (url != null && file != null) {
      throw CliException.usage("give FILE or --store, not both");
    }
    if (url == null && file == null) {
      throw CliException.usage(
          "status needs the FILE of a collection, or --store URL --job NAME for a shared one");
    }
    try {
      if (url == null) {
        s = SqliteStore.statusOf(file);
        where = file.toString();
      } else {
        try (PostgresStore shared = SharedStores.connect(Session.of(spec).context(), url, job)) {
          s = shared.status();
          where = shared.describe();
        }
      }
    } catch (StoreException e) {
      throw new CliException(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(where + ": latchkey collect " + s.job());
    if (s.created() != null) {
      out.println("  started   " + WHEN.format(s.created()) + ", " + runs(s));
    }
    long left = s.tasks() - s.done();
    if (url != null) {
      long running = s.running().size();
      out.println(
          "  tasks     "
              + s.done()
              + " of "
              + s.tasks()
              + " done, "
              + running
              + " running, "
              + s.failed()
              + " failed, "
              + (left - running - s.failed())
              + " left"
              + (left == 0 ? " (complete)" : ""));
    } else {
      out.println(
          "  tasks     "
              + s.done()
              + " of "
              + s.tasks()
              + " done"
              + (left == 0
                  ? " (complete)"
                  : ", "
                      + left
                      + " left"
                      + (s.failed() > 0 ? " (" + s.failed() + " failed last time)" : "")));
    }
    StringBuilder records = new StringBuilder();
    for (Map.Entry<String, Long> e : s.records().entrySet()) {
      if (records.length() > 0) {
        records.append(", ");
      }
      records.append(ProgressDisplay.count(e.getValue())).append(' ').append(e.getKey());
    }
    out.println("  records   " + (records.length() == 0 ? "none yet" : records));
    if (s.outputBytes() >= 0) {
      out.println("  output    " + ProgressDisplay.count(s.outputBytes()) + " bytes");
    }
    for (CollectionStatus.Running r : s.running()) {
      boolean lapsed = !r.leaseExpires().isAfter(Instant.now());
      out.println(
          "  running   "
              + r.task()
              + " by "
              + r.worker()
              + ": "
              + (r.pages() == 0
                  ? "starting"
                  : r.records() + " records in " + r.pages() + " pages so far")
              + (lapsed ? " (its lease lapsed: the next worker to look takes it over)" : ""));
    }
    if (url == null) {
      now(file).ifPresent(line -> out.println("  now       " + line));
    }
    for (String next : s.nextTasks()) {
      out.println("  left      " + next);
    }
    for (CollectionStatus.Budget b : s.budgets()) {
      boolean future = b.reset().isAfter(Instant.now());
      out.println(
          "  limit     "
              + b.credential()
              + " "
              + b.family()
              + ": "
              + b.remaining()
              + " of "
              + b.limit()
              + " left"
              + (future ? " until " + WHEN.format(b.reset()) : " (window since reset)"));
    }
    out.flush();
    return 0;
  }

  private static String runs(CollectionStatus s) {
    if (s.runs().isEmpty()) {
      return "no run yet";
    }
    CollectionStatus.Run last = s.runs().get(s.runs().size() - 1);
    String outcome = last.outcome() == null ? "killed or still running" : last.outcome();
    return s.runs().size() + (s.runs().size() == 1 ? " run" : " runs") + " (last: " + outcome + ")";
  }
}
