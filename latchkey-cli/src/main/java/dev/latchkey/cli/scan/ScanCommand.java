package dev.latchkey.cli.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.account.KeychainAccess;
import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.Session;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.scan.Finding;
import dev.latchkey.scan.KnownSecret;
import dev.latchkey.scan.LeakScanner;
import dev.latchkey.scan.SecretDigests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey scan [PATH…] [--git]}: finds the keychain's secrets, and credentials of the known
 * platforms that the keychain does not hold, in files and git history; {@code --install-hook} makes
 * git refuse commits that carry one. See {@link LeakScanner} for how.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Find leaked credentials in files and, with --git, in every commit, branch",
      "and stash of the git repositories under PATH (default: the current",
      "directory). Looks for every secret in the keychain (raw, percent-encoded,",
      "quoted, Base64) and for X bearer tokens and consumer_secret = ... lines the",
      "keychain does not hold. Prints file, line, commit and whose secret it is,",
      "masked. Exit 1 when anything is found.",
      "",
      "--install-hook adds a git pre-commit hook that refuses a commit carrying",
      "one. The hook keeps salted digests of the secrets, never the secrets."
    })
public final class ScanCommand implements Callable<Integer> {
  public static final long DEFAULT_MAX_FILE_SIZE = 256L << 20;
  static final String HOOK_MARKER = "latchkey scan --install-hook";

  @Spec CommandSpec spec;

  @Mixin KeychainOption keychainOption;

  @Parameters(paramLabel = "PATH", description = "Files or directories (default: .).")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--git", description = "Also scan the history of git repositories under PATH.")
  boolean git;

  @Option(
      names = "--staged",
      description = "Scan what is staged for the next commit (what the hook runs).")
  boolean staged;

  @Option(
      names = "--install-hook",
      description = "Install a pre-commit hook in the repository at PATH.")
  boolean installHook;

  @Option(names = "--force", description = "With --install-hook: replace another pre-commit hook.")
  boolean force;

  @Option(names = "--json", description = "Print the findings as JSON.")
  boolean json;

  @Option(
      names = "--keychain-only",
      description = "Report only the keychain's secrets, not other credential shapes.")
  boolean keychainOnly;

  @Option(
      names = "--max-file-size",
      paramLabel = "SIZE",
      description = "Skip larger files and blobs, like 50M or 2G (default 256M).")
  String maxFileSize;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    long limit = maxFileSize == null ? DEFAULT_MAX_FILE_SIZE : parseSize(maxFileSize);
    if (installHook) {
      return new ScanHook(session).install(single("--install-hook"), force);
    }
    if (staged) {
      return scanStaged(session, single("--staged"));
    }
    List<Path> roots = paths.isEmpty() ? List.of(Path.of(".")) : paths;
    for (Path root : roots) {
      if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw CliException.usage("no such file or directory: " + root);
      }
    }
    List<KnownSecret> secrets = keychainSecrets(session);
    LeakScanner scanner = LeakScanner.create(secrets, !keychainOnly);
    Report report = new Report(session, json);
    for (Path root : roots) {
      scanner.scanFiles(root, limit, report, report::add, report::skipped);
      if (git) {
        List<Path> repositories = LeakScanner.findRepositories(root);
        if (repositories.isEmpty()) {
          session.notice("no git repository under " + root + "; --git scanned its files only");
        }
        for (Path repository : repositories) {
          report.repositories++;
          scanner.scanGitHistory(repository, limit, report, report::add, report::skipped);
        }
      }
    }
    int code = report.finish();
    ScanRecord.update(session, roots, report.findings);
    return code;
  }

  private Path single(String option) {
    if (paths.size() > 1) {
      throw CliException.usage(option + " takes one repository, not " + paths.size());
    }
    return paths.isEmpty() ? Path.of(".") : paths.get(0);
  }

  private int scanStaged(Session session, Path repository) throws Exception {
    ScanHook hook = new ScanHook(session);
    Path digestsFile = hook.digestsFile(repository);
    LeakScanner scanner;
    if (digestsFile != null && Files.isRegularFile(digestsFile)) {
      SecretDigests digests;
      try {
        digests =
            SecretDigests.fromJson(Files.readAllBytes(digestsFile)); // small: a few hundred entries
      } catch (IllegalArgumentException e) {
        throw new CliException(
            digestsFile + " is damaged; refresh it with: latchkey scan --install-hook");
      }
      hook.warnIfStale(digestsFile);
      scanner = LeakScanner.create(digests, !keychainOnly);
    } else {
      scanner = LeakScanner.create(keychainSecrets(session), !keychainOnly);
    }
    Report report = new Report(session, json);
    scanner.scanStaged(repository, report, report::add, report::skipped);
    int code = report.finish();
    if (code != ExitCode.OK) {
      session.notice(
          "this commit would carry the secrets above; unstage them (git restore --staged FILE)"
              + " and remove them, or commit with --no-verify if they are not secrets");
    }
    return code;
  }

  /** The keychain's secrets, or none (with a notice) when there is no keychain yet. */
  public static List<KnownSecret> keychainSecrets(Session session) throws Exception {
    KeychainAccess access = session.keychain();
    if (!access.exists()) {
      session.notice(
          "no keychain at " + access.path() + "; looking only for credentials by their shape");
      return List.of();
    }
    try (Keychain keychain = access.open(false)) {
      return KnownSecret.of(keychain.accounts());
    }
  }

  static long parseSize(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    long unit = 1;
    if (t.endsWith("K") || t.endsWith("M") || t.endsWith("G")) {
      unit = t.endsWith("K") ? 1L << 10 : t.endsWith("M") ? 1L << 20 : 1L << 30;
      t = t.substring(0, t.length() - 1);
    }
    try {
      long n = Long.parseLong(t);
      if (n > 0 && n <= (64L << 30) / unit) {
        return n * unit;
      }
    } catch (NumberFormatException e) {
      // fall through to the usage error
    }
    throw CliException.usage(
        "--max-file-size takes a size from 1 to 64G, like 50M, not '" + shorten(text) + "'");
  }

  /** Collects findings, prints them as they come, shows progress on a terminal. */
  static final class Report implements LeakScanner.Progress {
    final List<Finding> findings = new ArrayList<>();
    private final Session session;
    private final boolean json;
    private final boolean progress;
    private final List<String> skipped = new ArrayList<>();
    private long files;
    private long bytes;
    int repositories;
    private long lastShown;
    private boolean shown;

    Report(Session session, boolean json) {
      this.session = session;
      this.json = json;
      this.progress = session.terminal().interactive();
    }

    @Override
    public void scanning(LeakScanner.Source source, long size) {
      files++;
      bytes += size;
      if (progress) {
        long now = System.nanoTime();
        if (now - lastShown > 100_000_000L) {
          lastShown = now;
          String name = source.path() != null ? source.path() : source.place();
          String line =
              String.format("scanning: %,d files, %s: %s", files, megabytes(bytes), shorten(name));
          session.err().print("\r" + fit(line) + "\033[K");
          session.err().flush();
          shown = true;
        }
      }
    }

    void add(Finding f) {
      clearProgress();
      findings.add(f);
      if (!json) {
        String where =
            f.commit() == null
                ? f.place() + (f.refs().isEmpty() ? "" : " (" + String.join(", ", f.refs()) + ")")
                : f.place()
                    + "@"
                    + f.commit()
                    + (f.refs().isEmpty() ? "" : " (" + String.join(", ", f.refs()) + ")")
                    + ": "
                    + f.path();
        String what =
            f.isKeychainSecret()
                ? f.holders() + " (" + f.encoding() + ", " + f.masked() + ")"
                : f.what() + " not in the keychain (" + f.masked() + ")";
        session.out().println(where + ":" + f.line() + ": " + what);
        session.out().flush();
      }
    }

    void skipped(String what) {
      skipped.add(what);
    }

    private void clearProgress() {
      if (shown) {
        session.err().print("\r\033[K");
        session.err().flush();
        shown = false;
      }
    }

    /** Prints the summary; exit code 1 when anything was found. */
    int finish() {
      clearProgress();
      if (json) {
        ArrayNode array = Session.json().createArrayNode();
        for (Finding f : findings) {
          ObjectNode n = array.addObject();
          n.put("place", f.place());
          if (f.commit() != null) {
            n.put("commit", f.commit());
            n.put("path", f.path());
          }
          if (!f.refs().isEmpty()) {
            ArrayNode refs = n.putArray("refs");
            f.refs().forEach(refs::add);
          }
          n.put("line", f.line());
          n.put("kind", f.isKeychainSecret() ? "keychain" : "platform");
          if (f.isKeychainSecret()) {
            ArrayNode holders = n.putArray("holders");
            for (Finding.Holder h : f.owners()) {
              holders.addObject().put("account", h.account().toString()).put("field", h.field());
            }
          }
          n.put("what", f.what());
          n.put("encoding", f.encoding());
          n.put("masked", f.masked());
        }
        session.printJson(array);
      }
      for (String s : skipped) {
        session.notice("skipped " + s);
      }
      String scanned =
          String.format("%,d %s, %s", files, files == 1 ? "file" : "files", megabytes(bytes))
              + (repositories > 0
                  ? ", " + repositories + (repositories == 1 ? " repository" : " repositories")
                  : "");
      if (findings.isEmpty()) {
        session.notice("no secrets found (" + scanned + ")");
        return ExitCode.OK;
      }
      Set<String> accounts = new TreeSet<>();
      Set<String> places = new LinkedHashSet<>();
      long foreign = 0;
      for (Finding f : findings) {
        f.owners().forEach(h -> accounts.add(h.account().toString()));
        places.add(f.commit() == null ? f.place() : f.place() + "@" + f.commit());
        if (!f.isKeychainSecret()) {
          foreign++;
        }
      }
      StringBuilder summary = new StringBuilder();
      summary
          .append("found ")
          .append(findings.size())
          .append(findings.size() == 1 ? " secret" : " secrets")
          .append(" in ")
          .append(places.size())
          .append(places.size() == 1 ? " place" : " places")
          .append(" (")
          .append(scanned)
          .append(")");
      if (!accounts.isEmpty()) {
        summary
            .append("; treat them as exposed and rotate: ")
            .append(String.join(", ", accounts.stream().map(a -> "latchkey rotate " + a).toList()));
      }
      if (foreign > 0) {
        summary.append(
            accounts.isEmpty()
                ? "; they are not in the keychain: revoke them in the developer portal"
                : "; the others are not in the keychain: revoke them in the developer portal");
      }
      session.notice(summary.toString());
      return ExitCode.FAILURE;
    }

    private String fit(String line) {
      return line.length() > 79 ? line.substring(0, 78) + "…" : line;
    }

    static String megabytes(long bytes) {
      return String.format("%.1f MB", bytes / 1e6);
    }
  }

  /** At most 60 characters of a value for a message, control characters replaced. */
  public static String shorten(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 60 ? clean.substring(0, 57) + "..." : clean;
  }
}
