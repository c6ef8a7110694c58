package dev.latchkey.cli.collect;

import dev.latchkey.account.Accounts;
import dev.latchkey.cli.session.AccountOption;
import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.Session;
import dev.latchkey.collect.AccountGateway;
import dev.latchkey.collect.AccountsGateway;
import dev.latchkey.collect.Api;
import dev.latchkey.collect.Bound;
import dev.latchkey.collect.CollectionSummary;
import dev.latchkey.collect.Collector;
import dev.latchkey.collect.Job;
import dev.latchkey.collect.JobOptions;
import dev.latchkey.collect.TaskKind;
import dev.latchkey.collect.live.LiveCollections;
import dev.latchkey.collect.live.LivePublisher;
import dev.latchkey.collect.store.CollectionStore;
import dev.latchkey.collect.store.OutputFormat;
import dev.latchkey.collect.store.PostgresStore;
import dev.latchkey.collect.store.SqliteStore;
import dev.latchkey.collect.store.StoreException;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * One collection task on the command line: its arguments, the options every task shares, and the
 * run itself (keychain, account, store, collector, progress, summary, exit code).
 */
abstract class TaskCommand implements Callable<Integer> {
  /** A users or ids file may hold at most this many lines. */
  static final int MAX_FILE_LINES = 5_000_000;

  /** Exit code after Ctrl-C, as shells report SIGINT. */
  static final int INTERRUPTED = 130;

  @Spec CommandSpec spec;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Where records go (default: standard output, not resumable). Running the same"
              + " command with the same FILE resumes it.")
  Path output;

  @Option(
      names = "--format",
      paramLabel = "jsonl|pages|sqlite",
      defaultValue = "jsonl",
      description =
          "jsonl: one record per line with __latchkey (default); pages: the API's pages as"
              + " twarc2 writes them; sqlite: tables tweets, users, follows, posts, blogs, errors,"
              + " runs.")
  String format;

  @Option(
      names = "--store",
      paramLabel = "URL",
      description =
          "A shared store, postgresql://[user[:password]@]host[:port]/db (default:"
              + " LATCHKEY_STORE unless --output is given): workers on any machine running the"
              + " same command with the same --job share its tasks and its rate limits.")
  String store;

  @Option(
      names = "--job",
      paramLabel = "NAME",
      description = "The job's name in a shared --store; created or joined.")
  String job;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "At most N records per task (per user, query or blog).")
  Long limit;

  @Mixin AccountOption account;

  @Mixin KeychainOption keychainOption;

  @Option(
      names = "--restart",
      description = "Drop what FILE holds and start over (FILE must be a Latchkey collection).")
  boolean restart;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress and no summary (errors still go to standard error).")
  boolean quiet;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "4",
      description = "Tasks collected at once, 1 to 16 (default ${DEFAULT-VALUE}); one budget.")
  int concurrency;

  /** The shared store this run uses, or null. */
  private PostgresStore shared;

  abstract TaskKind kind();

  /** The task's arguments as typed (users, query, ids, rules, blogs, tags). */
  abstract List<String> arguments();

  /** Options only some tasks have. */
  Api api() {
    return Api.V2;
  }

  Bound since() {
    return null;
  }

  Bound until() {
    return null;
  }

  boolean archive() {
    return false;
  }

  boolean npf() {
    return false;
  }

  /** Targets read from a file option, or empty. */
  List<String> fileTargets() throws IOException {
    return List.of();
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    OutputFormat outputFormat;
    Job job;
    try {
      outputFormat = OutputFormat.parse(format);
      List<String> targets = new ArrayList<>(arguments());
      targets.addAll(fileTargets());
      job =
          new Job(
              kind(), targets, new JobOptions(api(), limit, since(), until(), archive(), npf()));
      Collector.validate(job);
      if (concurrency < 1 || concurrency > 16) {
        throw new IllegalArgumentException("--concurrency takes 1 to 16, not " + concurrency);
      }
      storeUrl(); // bad store options are usage errors, before the keychain is unlocked
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    Session session = Session.of(spec);
    try (Keychain keychain = session.keychain().open(false)) {
      AccountId id = account.resolve(keychain, kind().platform());
      Accounts accounts = session.accounts(keychain, session.platforms());
      LiveCollections live = LiveCollections.beside(session.keychain().path());
      return collect(new AccountsGateway(accounts, id), outputFormat, job, err, live);
    }
  }

  private int collect(
      AccountGateway gateway,
      OutputFormat outputFormat,
      Job job,
      PrintWriter err,
      LiveCollections live) {
    ProgressDisplay display = new ProgressDisplay(mode(), err, terminalStream(), Clock.systemUTC());
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = null;
    boolean interrupted = false;
    try (CollectionStore store = openStore(outputFormat)) {
      Collector collector =
          Collector.builder(gateway, store)
              // The dashboard's Collections page reads what the publisher writes beside the
              // keychain.
              .listener(
                  new LivePublisher(
                      live,
                      output,
                      shared == null ? null : shared.describe(),
                      concurrency,
                      Clock.systemUTC(),
                      display))
              .concurrency(concurrency)
              .restart(restart)
              .version(Collector.version())
              .build();
      // Ctrl-C: stop the collector, and let the JVM exit (130) only once the summary is out.
      hook =
          new Thread(
              () -> {
                collector.stop();
                try {
                  finished.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "latchkey-collect-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      CollectionSummary summary;
      try {
        summary = collector.run(job);
      } catch (IllegalArgumentException e) {
        throw CliException.usage(e.getMessage());
      } finally {
        display.close();
        // Interrupted in-process (the demo's Ctrl-C, a caller's): the collector stopped and kept
        // its checkpoint; the flag would make the output's file channel refuse to close.
        interrupted = Thread.interrupted();
      }
      return report(summary, err);
    } catch (StoreException e) {
      throw new CliException(e.getMessage());
    } finally {
      if (hook != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // Ctrl-C: the hook is running and waits for the latch below
        }
      }
      finished.countDown();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The shared store of {@code --store} or {@code LATCHKEY_STORE}, else the file store. */
  private CollectionStore openStore(OutputFormat outputFormat) throws StoreException {
    String url = storeUrl();
    if (url == null) {
      return SqliteStore.open(
          outputFormat, output, new WriterOutputStream(spec.commandLine().getOut()));
    }
    shared = SharedStores.connect(Session.of(spec).context(), url, job);
    return shared;
  }

  /** The shared store's URL, or null for a file; usage errors for options that do not fit. */
  private String storeUrl() {
    String url = SharedStores.url(Session.of(spec).context(), store, output != null);
    if (url == null) {
      if (job != null) {
        throw CliException.usage(
            "--job names a job in a shared store: add --store postgresql://… (or set "
                + SharedStores.ENV
                + ")");
      }
      return null;
    }
    if (output != null || !format.equalsIgnoreCase("jsonl")) {
      throw CliException.usage(
          "--store keeps the records in the database; drop --output and --format, and write"
              + " them out with latchkey collect export --store URL --job NAME --format"
              + " jsonl|pages");
    }
    if (job == null) {
      throw CliException.usage(
          (store == null ? SharedStores.ENV : "--store")
              + " names a shared store: add --job NAME (the same name on every machine that"
              + " works on the collection)");
    }
    try {
      PostgresStore.checkJobName(job);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    return url;
  }

  private int report(CollectionSummary s, PrintWriter err) {
    if (!quiet) {
      err.println("latchkey: " + summaryLine(s));
      if (s.interrupted()) {
        err.println(
            "latchkey: stopped; run the same command again to resume"
                + (output == null && shared == null
                    ? " (standard output is not resumable: use --output)"
                    : ""));
      }
      if (shared != null && s.complete()) {
        err.println(
            "latchkey: job "
                + job
                + " is complete in "
                + shared.location().describe()
                + "; write it out with latchkey collect export --store URL --job "
                + job);
      }
      for (String u : s.unfinished()) {
        err.println("latchkey: not finished: " + u);
      }
      err.flush();
    }
    if (s.fatal() != null) {
      throw new CliException(s.fatal());
    }
    if (s.interrupted()) {
      return INTERRUPTED;
    }
    if (!s.complete()) {
      err.println(
          "latchkey: "
              + (s.tasks() - s.tasksDone())
              + " of "
              + s.tasks()
              + " tasks did not finish; run the same command again to resume them");
      err.flush();
      return 1;
    }
    return 0;
  }

  static String summaryLine(CollectionSummary s) {
    StringBuilder b =
        new StringBuilder("collected ")
            .append(ProgressDisplay.count(s.records()))
            .append(s.records() == 1 ? " record" : " records")
            .append(" in ")
            .append(ProgressDisplay.count(s.pages()))
            .append(s.pages() == 1 ? " page" : " pages");
    if (s.errors() > 0) {
      b.append(" and ")
          .append(s.errors())
          .append(s.errors() == 1 ? " error record" : " error records");
    }
    b.append("; ")
        .append(s.tasksDone())
        .append(" of ")
        .append(s.tasks())
        .append(" tasks done; ")
        .append(s.requests())
        .append(" requests, ")
        .append(s.refused())
        .append(" refused (429), ")
        .append(seconds(s.waited()))
        .append(" waiting; first request to last record ")
        .append(seconds(s.span()));
    return b.toString();
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.3f s", d.toNanos() / 1e9);
  }

  private ProgressDisplay.Mode mode() {
    if (quiet) {
      return ProgressDisplay.Mode.QUIET;
    }
    String forced = Session.of(spec).context().environment().get("LATCHKEY_PROGRESS");
    if (forced != null) {
      return forced.equals("bar") ? ProgressDisplay.Mode.TERMINAL : ProgressDisplay.Mode.LINES;
    }
    String term = Session.of(spec).context().environment().getOrDefault("TERM", "");
    return System.console() != null && !term.equals("dumb") && !term.isEmpty()
        ? ProgressDisplay.Mode.TERMINAL
        : ProgressDisplay.Mode.LINES;
  }

  private static PrintStream terminalStream() {
    return new PrintStream(
        new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
  }

  /** Reads one target per line ({@code #} comments and blank lines skipped). */
  static List<String> readTargets(Path file, String option) throws IOException {
    List<String> out = new ArrayList<>();
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      var it = lines.iterator();
      while (it.hasNext()) {
        String line = it.next().strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (out.size() == MAX_FILE_LINES) {
          throw CliException.usage(
              option + " " + file + " has more than " + MAX_FILE_LINES + " lines; split it");
        }
        out.add(line);
      }
    } catch (NoSuchFileException e) {
      throw CliException.usage(option + " " + file + " does not exist");
    } catch (java.io.UncheckedIOException e) {
      throw CliException.usage(option + " " + file + " is not UTF-8 text, one entry per line");
    }
    return out;
  }

  static Bound bound(String text, String option) {
    if (text == null) {
      return null;
    }
    try {
      return Bound.parse(text);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(option + ": " + e.getMessage());
    }
  }

  /** X tasks: {@code --api}. */
  abstract static class XTask extends TaskCommand {
    @Option(
        names = "--api",
        paramLabel = "2|1.1",
        defaultValue = "2",
        description = "X API version (default ${DEFAULT-VALUE}).")
    String apiVersion;

    @Override
    Api api() {
      try {
        return Api.parse(apiVersion);
      } catch (IllegalArgumentException e) {
        throw CliException.usage(e.getMessage());
      }
    }
  }

  /** X tasks that page through time: {@code --since}, {@code --until}. */
  abstract static class TimeBounded extends XTask {
    @Option(
        names = "--since",
        paramLabel = "ID|DATE",
        description = "Only items after this tweet id or date (2024-05-01, or an ISO time).")
    String since;

    @Option(
        names = "--until",
        paramLabel = "ID|DATE",
        description = "Only items before this tweet id or date.")
    String until;

    @Override
    Bound since() {
      return bound(since, "--since");
    }

    @Override
    Bound until() {
      return bound(until, "--until");
    }
  }
}
