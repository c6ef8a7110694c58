package dev.latchkey.cli.rotate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.account.Accounts;
import dev.latchkey.account.Revocation;
import dev.latchkey.cli.AccountParameter;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.ExitCode;
import dev.latchkey.cli.KeychainOption;
import dev.latchkey.cli.LatchkeyCommand;
import dev.latchkey.cli.PlatformOptions;
import dev.latchkey.cli.Session;
import dev.latchkey.cli.scan.ScanCommand;
import dev.latchkey.cli.scan.ScanRecord;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.Secret;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.ProblemKind;
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
 * consumer key and secret, then redo the whole authorization for every account"), walked through:
 * invalidate every token at the platform, say where the keys are regenerated, read the new ones,
 * give them to every account that used the old app and re-run each account's flows, check each
 * account, scan again where a scan found the old secrets, and report.
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
    AccountId named;
    AppCredentials old;
    List<Account> affected = new ArrayList<>();
    try (Keychain keychain = session.keychain().open(false)) {
      Account a = account.stored(keychain);
      named = a.id();
      if (a.app() == null) {
        throw new CliException(
            named + " holds no app keys to rotate; name the account that holds the leaked app");
      }
      old = a.app();
      for (Account other : keychain.accounts(named.platform())) {
        if (other.app() != null && other.app().consumerKey().equals(old.consumerKey())) {
          affected.add(other);
        }
      }
    }
    Platform platform = hosts.resolve(session, named.platform());
    List<KnownSecret> oldSecrets = KnownSecret.of(affected);
    String ids = String.join(", ", affected.stream().map(x -> x.id().toString()).toList());
    say(
        session,
        "Rotating the keys of the "
            + platform.displayName()
            + " app with consumer key "
            + old.consumerKey().masked()
            + ", used by "
            + ids
            + ".");

    step(session, 1, "Invalidate every token issued to the old keys");
    try (Keychain keychain = session.keychain().forWriting().open(false)) {
      Accounts accounts = session.accounts(keychain, hosts.platformsFor(session, platform.name()));
      for (Account a : affected) {
        invalidate(session, accounts.revoke(a.id(), false));
      }
    }

    step(session, 2, "Regenerate the app's consumer key and secret");
    Platform.KeyRegeneration where = platform.keyRegeneration();
    say(session, "   Open " + where.page());
    say(session, "   and " + where.steps() + ".");
    AppCredentials fresh = readNewKeys(session, old);

    step(session, 3, "Give the new keys to " + ids);
    Set<AccountId> ids3 = new LinkedHashSet<>();
    affected.forEach(a -> ids3.add(a.id()));
    try (Keychain keychain = session.keychain().forWriting().open(false)) {
      keychain.edit(
          draft -> {
            for (AccountId id : ids3) {
              draft
                  .get(id)
                  .ifPresent(
                      a ->
                          draft.put(
                              a.withApp(fresh).withOAuth1(null).withBearer(null).withOAuth2(null)));
            }
          });
    }
    ok(
        session,
        "stored the new keys in " + affected.size() + " account(s); the dead tokens are gone");

    step(session, 4, "Authorize every account again");
    for (Account a : affected) {
      String name = a.id().name();
      if (a.oauth1() != null) {
        List<String> args =
            new ArrayList<>(List.of("auth", platform.name(), "--account", name, "--pin"));
        if (a.oauth1().accessLevel() != null && a.oauth1().accessLevel().startsWith("read-write")) {
          args.addAll(List.of("--access", "write"));
        }
        if (noBrowser) {
          args.add("--no-browser");
        }
        say(
            session,
            "   "
                + a.id()
                + ": a new user token with the PIN flow; sign in as "
                + (a.oauth1().screenName() != null ? "@" + a.oauth1().screenName() : "its user"));
        run(session, a.id() + " user token (PIN)", args);
      }
      if (a.bearer() != null) {
        run(
            session,
            a.id() + " app-only bearer token",
            List.of("auth", platform.name(), "--bearer", "--account", name));
      }
      if (a.oauth2() != null) {
        List<String> args =
            new ArrayList<>(List.of("auth", platform.name(), "--oauth2", "--account", name));
        if (noBrowser) {
          args.add("--no-browser");
        }
        run(session, a.id() + " OAuth 2 user token", args);
      }
      if (a.oauth1() == null && a.bearer() == null && a.oauth2() == null) {
        ok(session, a.id() + " held only the app keys; nothing to authorize");
      }
    }

    step(session, 5, "Check every account");
    List<String> status = new ArrayList<>(List.of("status"));
    affected.forEach(a -> status.add(a.id().toString()));
    run(session, "status of " + ids, status);

    step(session, 6, "Scan again where the old secrets were found");
    rescan(session, affected, oldSecrets);

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
   * Reports what revoking an account's tokens did (the account layer revokes each at the platform).
   * A token the platform refused to revoke dies with the old keys anyway; only an unreachable
   * platform fails the step.
   */
  private void invalidate(Session session, Revocation revocation) {
    AccountId id = revocation.account();
    if (revocation.results().isEmpty()) {
      ok(session, id + " holds no tokens; nothing to invalidate");
    }
    for (Revocation.Result r : revocation.results()) {
      String what = id + " " + r.credential().description();
      switch (r.outcome()) {
        case REVOKED ->
            ok(session, what + " invalidated" + (r.note() == null ? "" : " (" + r.note() + ")"));
        case NOT_SUPPORTED -> ok(session, what + ": " + r.note() + "; it dies with the old keys");
        case LOCAL_ONLY -> ok(session, what + " removed from the keychain");
        case FAILED -> {
          if (r.remedy() != null && r.remedy().problem() == ProblemKind.UNREACHABLE) {
            fail(session, what + ": " + r.note());
          } else {
            ok(session, what + " is refused already (" + r.note() + "); it dies with the old keys");
          }
        }
      }
    }
  }

  private AppCredentials readNewKeys(Session session, AppCredentials old) throws IOException {
    String key;
    String secret;
    if (fromJson != null) {
      byte[] bytes =
          fromJson.equals("-")
              ? session.readStandardInput()
              : Files.readAllBytes(Path.of(fromJson));
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
    if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
      throw new CliException(
          "no new consumer key and secret were given; nothing was changed in the keychain."
              + " Run latchkey rotate again once you have regenerated them");
    }
    if (key.equals(old.consumerKey().reveal())
        || (old.consumerSecret() != null && secret.equals(old.consumerSecret().reveal()))) {
      throw new CliException(
          "those are the old keys; regenerate them in the portal first, then run latchkey rotate"
              + " again");
    }
    ok(session, "read the new consumer key " + Secret.of(key).masked());
    return new AppCredentials(
        Secret.of(key), Secret.of(secret), old.clientId(), old.clientSecret());
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

  private void run(Session session, String what, List<String> args) {
    int code = sub(session, args, false);
    if (code == ExitCode.OK) {
      ok(session, what + ": done");
    } else {
      fail(session, what + ": failed; run latchkey " + String.join(" ", args) + " again");
    }
  }

  /** Runs another latchkey command in this process, on the same terminal and outputs. */
  private static int sub(Session session, List<String> args, boolean quiet) {
    List<String> all = new ArrayList<>(session.globalOptions());
    all.addAll(args);
    CommandLine line = LatchkeyCommand.newCommandLine(session.context());
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
