package dev.latchkey.cli.rotate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.account.AccountException;
import dev.latchkey.account.Accounts;
import dev.latchkey.account.AppRotation;
import dev.latchkey.account.Credential;
import dev.latchkey.cli.scan.ScanCommand;
import dev.latchkey.cli.scan.ScanRecord;
import dev.latchkey.cli.session.AccountParameter;
import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.PlatformOptions;
import dev.latchkey.cli.session.Session;
import dev.latchkey.formats.CredentialImport;
import dev.latchkey.io.BoundedInput;
import dev.latchkey.io.InputException;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.platform.Platform;
import dev.latchkey.scan.Finding;
import dev.latchkey.scan.KnownSecret;
import dev.latchkey.scan.LeakScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey rotate ACCOUNT}: the recovery after an app's keys leaked ("regenerate the
 * consumer key and secret, then redo the whole authorization for every account"), walked through by
 * the account layer's {@link AppRotation} (the dashboard's Rotate walks the same steps): this
 * command is the person at the terminal (hidden prompts for the new keys, {@code latchkey auth} for
 * each user token), then scans again where a scan found the old secrets, and reports.
 */
@Command(
    name = "rotate",
    mixinStandardHelpOptions = true,
    description = {
      "Recover from leaked app keys, step by step: invalidate every token of",
      "every account that uses the app of ACCOUNT, say where to regenerate the",
      "consumer key and secret, read the new ones (hidden), give them to each of",
      "those accounts and run their flows again (PIN for user tokens, bearer,",
      "OAuth 2), check each account, scan again the places where latchkey scan",
      "found the old secrets, and report. Exit 1 if any step failed."
    })
public final class RotateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin AccountParameter account;

  @Mixin KeychainOption keychainOption;

  @Option(
      names = "--from-json",
      paramLabel = "FILE",
      description = "Read the new consumer_key and consumer_secret from FILE ('-' = stdin).")
  String fromJson;

  @Option(
      names = "--no-browser",
      description = "Print the authorize addresses without opening a browser.")
  boolean noBrowser;

  @Mixin PlatformOptions hosts;

  private final List<String> report = new ArrayList<>();
  private boolean failed;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    AppRotation.Report outcome;
    List<Account> affected;
    try (Keychain keychain = session.keychain().forWriting().open(false)) {
      Account a = account.stored(keychain);
      AccountId named = a.id();
      if (a.app() == null) {
        throw new CliException(
            named + " holds no app keys to rotate; name the account that holds the leaked app");
      }
      Platform platform = hosts.resolve(session, named.platform());
      Accounts accounts = session.accounts(keychain, hosts.platformsFor(session, platform.name()));
      AppRotation rotation;
      try {
        rotation = AppRotation.plan(accounts, named);
      } catch (AccountException e) {
        throw new CliException(e.getMessage());
      }
      affected = rotation.affected();
      say(
          session,
          "Rotating the keys of the "
              + platform.displayName()
              + " app with consumer key "
              + rotation.oldApp().consumerKey().masked()
              + ", used by "
              + String.join(", ", rotation.ids().stream().map(AccountId::toString).toList())
              + ".");
      try {
        outcome = rotation.run(new Person(session, platform));
      } catch (IllegalArgumentException e) {
        throw new CliException(
            e.getMessage() + "; run latchkey rotate again once you have regenerated them");
      }
    }
    outcome.lines().forEach(l -> report.add((l.ok() ? "✓ " : "✗ ") + l.text()));
    failed = !outcome.complete();

    step(session, 6, "Scan again where the old secrets were found");
    rescan(session, affected, KnownSecret.of(affected));

    say(session, "");
    say(session, failed ? "Rotation incomplete:" : "Rotation done:");
    report.forEach(line -> say(session, "  " + line));
    if (failed) {
      session.notice(
          "some steps failed (marked ✗ above); fix them and run the failed latchkey auth again");
    }
    return failed ? ExitCode.FAILURE : ExitCode.OK;
  }

  /**
   * The person at the terminal: told each step and line, asked for the new keys (hidden prompts or
   * {@code --from-json}), and taken through {@code latchkey auth} for each user token.
   */
  private final class Person implements AppRotation.Person {
    private final Session session;
    private final Platform platform;

    Person(Session session, Platform platform) {
      this.session = session;
      this.platform = platform;
    }

    @Override
    public void step(int number, String title) {
      RotateCommand.step(session, number, title);
    }

    @Override
    public void line(AppRotation.Line line) {
      session.out().println("   " + (line.ok() ? "✓ " : "✗ ") + line.text());
      session.out().flush();
    }

    @Override
    public AppRotation.NewKeys newKeys(Platform.KeyRegeneration where, AppCredentials old)
        throws IOException {
      say(session, "   Open " + where.page());
      say(session, "   and " + where.steps() + ".");
      return readNewKeys(session);
    }

    @Override
    public AppRotation.Line authorize(Account before, Credential credential) {
      String name = before.id().name();
      if (credential == Credential.OAUTH2_USER) {
        List<String> args =
            new ArrayList<>(List.of("auth", platform.name(), "--oauth2", "--account", name));
        if (noBrowser) {
          args.add("--no-browser");
        }
        return run(session, before.id() + " OAuth 2 user token", args);
      }
      List<String> args =
          new ArrayList<>(List.of("auth", platform.name(), "--account", name, "--pin"));
      String level = before.oauth1().accessLevel();
      if (level != null && level.startsWith("read-write")) {
        args.addAll(List.of("--access", "write"));
      }
      if (noBrowser) {
        args.add("--no-browser");
      }
      say(
          session,
          "   "
              + before.id()
              + ": a new user token with the PIN flow; sign in as "
              + (before.oauth1().screenName() != null
                  ? "@" + before.oauth1().screenName()
                  : "its user"));
      return run(session, before.id() + " user token (PIN)", args);
    }
  }

  /** The --from-json file: a regular file of at most 1 MiB (never a FIFO that blocks forever). */
  private static byte[] readFile(Path file) {
    try {
      return BoundedInput.readFile(file, CredentialImport.MAX_BYTES, file.toString());
    } catch (InputException e) {
      throw new CliException(e.getMessage());
    }
  }

  private AppRotation.NewKeys readNewKeys(Session session) throws IOException {
    String key;
    String secret;
    if (fromJson != null) {
      byte[] bytes =
          fromJson.equals("-") ? session.readStandardInput() : readFile(Path.of(fromJson));
      JsonNode json;
      try {
        json = Session.json().readTree(bytes);
      } catch (IOException e) {
        throw new CliException(
            fromJson + " is not JSON; it needs consumer_key and consumer_secret");
      }
      key = json == null ? null : json.path("consumer_key").asText(null);
      secret = json == null ? null : json.path("consumer_secret").asText(null);
    } else {
      key = session.askSecret("   New API key (consumer key): ");
      secret = session.askSecret("   New API key secret (consumer secret): ");
    }
    return new AppRotation.NewKeys(key, secret);
  }

  /** Scans again, for the old secrets and the new ones, where a scan found the old ones. */
  private void rescan(Session session, List<Account> affected, List<KnownSecret> oldSecrets)
      throws Exception {
    Set<String> accounts = new LinkedHashSet<>();
    affected.forEach(a -> accounts.add(a.id().toString()));
    Map<String, Boolean> places = new LinkedHashMap<>();
    for (ScanRecord.Place p : ScanRecord.read(session)) {
      if (accounts.contains(p.account())) {
        places.merge(p.place(), p.git(), Boolean::logicalOr);
      }
    }
    if (places.isEmpty()) {
      ok(session, "no scan found the old secrets (latchkey scan PATH --git looks)");
      return;
    }
    List<KnownSecret> all = new ArrayList<>();
    for (KnownSecret s : oldSecrets) {
      all.add(new KnownSecret(s.account(), "old " + s.field() + " (dead now)", s.value()));
    }
    all.addAll(
        ScanCommand.keychainSecrets(session).stream()
            .filter(s -> accounts.contains(s.account().toString()))
            .toList());
    LeakScanner scanner = LeakScanner.create(all, false);
    for (Map.Entry<String, Boolean> place : places.entrySet()) {
      Path p = Path.of(place.getKey());
      if (!Files.exists(p)) {
        ok(session, p + " is gone");
        continue;
      }
      List<Finding> found = new ArrayList<>();
      scanner.scanFiles(
          p, ScanCommand.DEFAULT_MAX_FILE_SIZE, LeakScanner.Progress.NONE, found::add, s -> {});
      if (place.getValue()) {
        scanner.scanGitHistory(
            p, ScanCommand.DEFAULT_MAX_FILE_SIZE, LeakScanner.Progress.NONE, found::add, s -> {});
      }
      boolean freshLeak = found.stream().anyMatch(f -> !f.what().startsWith("old "));
      if (found.isEmpty()) {
        ok(session, p + " holds neither the old nor the new secrets any more");
      } else if (freshLeak) {
        fail(session, p + " holds the NEW secrets: remove them before they leak again");
      } else {
        ok(session, p + " still holds the old (now dead) secrets; remove them when you can");
      }
      for (Finding f : found) {
        say(session, "      " + f.location() + ": " + f.holders() + " (" + f.encoding() + ")");
      }
    }
  }

  private static AppRotation.Line run(Session session, String what, List<String> args) {
    int code = sub(session, args, false);
    return code == ExitCode.OK
        ? new AppRotation.Line(true, what + ": done")
        : new AppRotation.Line(
            false, what + ": failed; run latchkey " + String.join(" ", args) + " again");
  }

  /** Runs another latchkey command in this process, on the same terminal and outputs. */
  private static int sub(Session session, List<String> args, boolean quiet) {
    List<String> all = new ArrayList<>(session.globalOptions());
    all.addAll(args);
    CommandLine line = session.root().commandLine(session.context());
    line.setOut(quiet ? new java.io.PrintWriter(java.io.Writer.nullWriter()) : session.out());
    line.setErr(session.err());
    session.out().flush();
    return line.execute(all.toArray(new String[0]));
  }

  private static void step(Session session, int n, String title) {
    session.out().println(n + ". " + title);
    session.out().flush();
  }

  private void ok(Session session, String line) {
    session.out().println("   ✓ " + line);
    session.out().flush();
    report.add("✓ " + line);
  }

  private void fail(Session session, String line) {
    session.out().println("   ✗ " + line);
    session.out().flush();
    report.add("✗ " + line);
    failed = true;
  }

  private static void say(Session session, String line) {
    session.out().println(line);
    session.out().flush();
  }
}
