package dev.latchkey.cli.use;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.AccountRef;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.ExitCode;
import dev.latchkey.cli.KeychainAccess;
import dev.latchkey.cli.OAuth2Support;
import dev.latchkey.cli.PlatformOptions;
import dev.latchkey.cli.Session;
import dev.latchkey.http.ApiClient;
import dev.latchkey.http.ApiException;
import dev.latchkey.http.ApiRequest;
import dev.latchkey.http.Identity;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.oauth1.OAuth1Credentials;
import dev.latchkey.oauth1.OAuth1Signer;
import dev.latchkey.oauth1.Parameter;
import dev.latchkey.oauth2.OAuth2Exception;
import dev.latchkey.oauth2.RefreshTokenGrant;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey status}: like {@code gh auth status}, asks each platform whose every stored
 * credential is (OAuth 1.0a token or app keys, app-only bearer token, OAuth 2 user token, refreshed
 * first when it has expired), and for each one that fails says why and what to do. Exits 1 if any
 * fails.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Check stored credentials against their platforms.",
      "Checks the OAuth 1.0a token (or the app keys), the app-only bearer token and the",
      "OAuth 2 user token of each account: whose it is, its access level, scopes and expiry.",
      "An expired OAuth 2 token with a refresh token is refreshed (and saved) first.",
      "For each failure the reason and the fix. Exits 1 if any check fails."
    })
public final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "ACCOUNT",
      converter = AccountRef.Converter.class,
      description = "Accounts to check, like twitter/alice or tumblr (default: all).")
  List<AccountRef> selected = new ArrayList<>();

  @Option(names = "--json", description = "Print the results as JSON.")
  boolean json;

  /** Which credential a check is about. */
  enum Kind {
    OAUTH1("oauth1", ""),
    APP("app", ""),
    BEARER("bearer", "app-only bearer: "),
    OAUTH2("oauth2", "OAuth 2 user token: ");

    final String json;
    final String label;

    Kind(String json, String label) {
      this.json = json;
      this.label = label;
    }
  }

  /**
   * The outcome of checking one credential.
   *
   * @param token the OAuth 2 token as it stands after the check (refreshed or not), else null
   * @param refreshed whether the check refreshed an expired OAuth 2 token first
   */
  record Result(
      Kind kind,
      String state,
      Identity identity,
      ApiException error,
      String problem,
      String fix,
      OAuth2Token token,
      boolean refreshed) {
    boolean failed() {
      return state.equals("failed");
    }

    static Result ok(Kind kind, Identity identity) {
      return new Result(kind, "ok", identity, null, null, null, null, false);
    }

    static Result failed(Kind kind, ApiException error, String problem, String fix) {
      return new Result(kind, "failed", null, error, problem, fix, null, false);
    }

    Result with(OAuth2Token current, boolean wasRefreshed) {
      return new Result(kind, state, identity, error, problem, fix, current, wasRefreshed);
    }
  }

  /** The outcome of one account's checks; {@code skipped} says why there were none. */
  record Check(Account account, boolean isDefault, List<Result> results, String skipped) {
    boolean failed() {
      return results.stream().anyMatch(Result::failed);
    }

    String state() {
      return skipped != null ? "skipped" : failed() ? "failed" : "ok";
    }
  }

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    Platforms platforms = PlatformOptions.platforms(session);
    KeychainAccess access = session.keychain();
    List<Check> checks = new ArrayList<>();
    String where;
    try (Keychain keychain = access.open(false)) {
      where = keychain.path().toString();
      for (Account account : accounts(keychain)) {
        boolean isDefault =
            keychain
                .defaultAccount(account.id().platform())
                .map(account.id()::equals)
                .orElse(false);
        checks.add(check(session, keychain, platforms, account, isDefault));
      }
    }
    Instant now = session.context().clock().instant();
    if (json) {
      printJson(session, checks, where, now);
    } else {
      printText(session.out(), checks, where, now);
    }
    if (checks.isEmpty()) {
      throw new CliException("no accounts to check; add one with: latchkey auth twitter");
    }
    return checks.stream().anyMatch(Check::failed) ? ExitCode.FAILURE : ExitCode.OK;
  }

  private List<Account> accounts(Keychain keychain) {
    if (selected.isEmpty()) {
      return keychain.accounts();
    }
    List<Account> out = new ArrayList<>();
    for (AccountRef ref : selected) {
      AccountId id = ref.resolve(keychain);
      Account account = keychain.get(id).orElseThrow(() -> AccountRef.noSuchAccount(id));
      if (!out.contains(account)) {
        out.add(account);
      }
    }
    return out;
  }

  private static Check check(
      Session session, Keychain keychain, Platforms platforms, Account account, boolean isDefault) {
    Platform platform;
    try {
      platform = platforms.get(account.id().platform());
    } catch (IllegalArgumentException e) {
      return new Check(account, isDefault, List.of(), "no such platform");
    }
    ApiClient client = ApiClient.create(platform);
    List<Result> results = new ArrayList<>();
    boolean appKeys = account.app() != null && account.app().hasConsumerSecret();
    if (appKeys) {
      results.add(oauth1(platform, client, account));
    }
    if (account.bearer() != null) {
      results.add(bearer(platform, client, account));
    }
    if (account.oauth2() != null) {
      results.add(oauth2(session, keychain, platform, client, account));
    }
    if (results.isEmpty()) {
      return new Check(
          account,
          isDefault,
          List.of(),
          "not checked: no consumer key and secret, bearer token or OAuth 2 token");
    }
    return new Check(account, isDefault, results, null);
  }

  /** The OAuth 1.0a user token, or the app keys alone when there is none. */
  private static Result oauth1(Platform platform, ApiClient client, Account account) {
    Kind kind = account.oauth1() == null ? Kind.APP : Kind.OAUTH1;
    try {
      if (account.oauth1() == null) {
        // App keys alone: a request token proves the platform accepts them.
        client.send(
            ApiRequest.builder("POST", platform.requestTokenUri()).build(),
            OAuth1Signer.create()
                .authorization(
                    OAuth1Credentials.app(account.app()), new Parameter("oauth_callback", "oob")));
        return Result.ok(kind, null);
      }
      return Result.ok(
          kind,
          client.verify(
              OAuth1Signer.create()
                  .authorization(OAuth1Credentials.user(account.app(), account.oauth1()))));
    } catch (ApiException e) {
      return Result.failed(
          kind, e, e.getMessage(), FailureHints.fix(platform, account.id().name(), e));
    } catch (IOException e) {
      return unreachable(kind, platform, e);
    }
  }

  /** The app-only token, on a call the platform serves to app-only tokens. */
  private static Result bearer(Platform platform, ApiClient client, Account account) {
    String path = platform.oauth2().map(o -> o.appOnlyCheckPath()).orElse(null);
    if (path == null) {
      return Result.failed(
          Kind.BEARER, null, platform.name() + " has no call to check app-only tokens with", null);
    }
    try {
      client.sendBearer(ApiRequest.get(path).build(), account.bearer().token());
      return Result.ok(Kind.BEARER, null);
    } catch (ApiException e) {
      if (e.status() == 404) {
        return Result.ok(Kind.BEARER, null); // accepted; only the probed resource is missing
      }
      String fix =
          e.status() == 401 || e.hasCode(89)
              ? "token invalidated: run latchkey auth "
                  + platform.name()
                  + " --bearer --account "
                  + account.id().name()
              : FailureHints.fix(platform, account.id().name(), " --bearer", e);
      return Result.failed(Kind.BEARER, e, e.getMessage(), fix);
    } catch (IOException e) {
      return unreachable(Kind.BEARER, platform, e);
    }
  }

  /**
   * The OAuth 2 user token: refreshed first when it has expired and can be, then shown to the
   * platform's identity call.
   */
  private static Result oauth2(
      Session session, Keychain keychain, Platform platform, ApiClient client, Account account) {
    AccountId id = account.id();
    OAuth2Token token = account.oauth2();
    String reauth = "run latchkey auth " + platform.name() + " --oauth2 --account " + id.name();
    boolean refreshed = false;
    Instant now = session.context().clock().instant();
    if (token.expiresWithin(now, 0)) {
      if (token.refreshToken() == null) {
        return Result.failed(
                Kind.OAUTH2,
                null,
                "expired " + relative(token.expiresAt(), now) + " and has no refresh token",
                reauth)
            .with(token, false);
      }
      try {
        RefreshTokenGrant grant =
            OAuth2Support.refreshGrant(session, keychain, platform, Duration.ZERO);
        OAuth2Token fresh = grant.validToken(id, OAuth2Support.client(account, token));
        refreshed = !fresh.accessToken().equals(token.accessToken());
        token = fresh;
      } catch (OAuth2Exception e) {
        return Result.failed(
                Kind.OAUTH2, null, "expired, and refreshing failed: " + e.getMessage(), reauth)
            .with(token, false);
      } catch (KeychainException | CliException e) {
        return Result.failed(Kind.OAUTH2, null, e.getMessage(), reauth).with(token, false);
      } catch (IOException e) {
        return unreachable(Kind.OAUTH2, platform, e).with(token, false);
      }
    }
    try {
      return Result.ok(Kind.OAUTH2, client.verifyBearer(token.accessToken()))
          .with(token, refreshed);
    } catch (ApiException e) {
      String fix =
          e.status() == 401 || e.hasCode(89)
              ? "token revoked or expired: " + reauth
              : FailureHints.fix(platform, id.name(), " --oauth2", e);
      return Result.failed(Kind.OAUTH2, e, e.getMessage(), fix).with(token, refreshed);
    } catch (IOException e) {
      return unreachable(Kind.OAUTH2, platform, e).with(token, refreshed);
    }
  }

  private static Result unreachable(Kind kind, Platform platform, IOException e) {
    return Result.failed(
        kind,
        null,
        e.getMessage(),
        "check the network, or the base URL (LATCHKEY_SANDBOX, "
            + platform.environmentPrefix()
            + "API_BASE)");
  }

  /** {@code in 1 h 59 min} or {@code 3 min ago}, to the minute (seconds under a minute). */
  static String relative(Instant when, Instant now) {
    Duration d = Duration.between(now, when);
    boolean past = d.isNegative();
    long seconds = Math.abs(d.getSeconds());
    String amount;
    if (seconds < 60) {
      amount = seconds + " s";
    } else if (seconds < 3600) {
      amount = (seconds / 60) + " min";
    } else if (seconds < 86_400) {
      amount = (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
    } else {
      amount = (seconds / 86_400) + " d " + (seconds % 86_400 / 3600) + " h";
    }
    return past ? amount + " ago" : "in " + amount;
  }

  private static String who(Identity id) {
    return (id.screenName() == null ? "(unnamed)" : "@" + id.screenName())
        + (id.userId() == null ? "" : " (id " + id.userId() + ")")
        + (id.accessLevel() == null ? "" : ", access " + id.accessLevel());
  }

  private static void printText(PrintWriter out, List<Check> checks, String where, Instant now) {
    for (Check c : checks) {
      Account a = c.account();
      out.println(a.id() + (c.isDefault() ? " (default)" : ""));
      if (c.skipped() != null) {
        out.println("  " + c.skipped());
      }
      for (Result r : c.results()) {
        if (r.failed()) {
          out.println("  " + r.kind().label + "FAILED: " + r.problem());
          if (r.fix() != null) {
            out.println("  fix: " + r.fix());
          }
        } else {
          String ok =
              switch (r.kind()) {
                case APP -> "ok: app keys accepted (no user token stored)";
                case BEARER -> "ok: accepted";
                default -> "ok: logged in as " + who(r.identity());
              };
          out.println("  " + r.kind().label + ok);
        }
        if (r.token() != null) {
          OAuth2Token t = r.token();
          out.println(
              "    scopes: "
                  + (t.scopes().isEmpty() ? "(none recorded)" : String.join(" ", sorted(t))));
          out.println(
              "    expires: "
                  + (t.expiresAt() == null
                      ? "unknown"
                      : relative(t.expiresAt(), now)
                          + " ("
                          + t.expiresAt().truncatedTo(ChronoUnit.SECONDS)
                          + ")")
                  + (t.refreshToken() == null ? ", not refreshable" : ", refreshable"));
          if (r.refreshed()) {
            out.println("    refreshed: it had expired; the new token is saved");
          }
        }
      }
      StringBuilder keys = new StringBuilder("  keys:");
      String sep = " ";
      if (a.app() != null) {
        keys.append(sep)
            .append(a.app().consumerKey() != null ? "consumer key " : "client id ")
            .append(a.app().maskedKey());
        sep = ", ";
      }
      if (a.oauth1() != null) {
        keys.append(sep).append("access token ").append(a.oauth1().token().masked());
        sep = ", ";
      }
      if (a.bearer() != null) {
        keys.append(sep).append("bearer token ").append(a.bearer().token().masked());
        sep = ", ";
      }
      OAuth2Token shown = oauth2Token(c);
      if (shown != null) {
        keys.append(sep).append("OAuth 2 token ").append(shown.accessToken().masked());
      }
      out.println(keys);
      out.println("  stored in: " + where);
    }
    out.flush();
  }

  /** The OAuth 2 token as it stands after the check (the refreshed one, when it was). */
  private static OAuth2Token oauth2Token(Check c) {
    return c.results().stream()
        .filter(r -> r.token() != null)
        .map(Result::token)
        .findFirst()
        .orElse(c.account().oauth2());
  }

  private static List<String> sorted(OAuth2Token t) {
    return List.copyOf(new TreeSet<>(t.scopes()));
  }

  private static void printJson(Session session, List<Check> checks, String where, Instant now) {
    ArrayNode array = Session.json().createArrayNode();
    for (Check c : checks) {
      Account a = c.account();
      ObjectNode node = array.addObject();
      node.put("account", a.id().toString());
      node.put("platform", a.id().platform());
      node.put("default", c.isDefault());
      node.put("state", c.state());
      Result first =
          c.results().stream()
              .filter(Result::failed)
              .findFirst()
              .orElse(c.results().isEmpty() ? null : c.results().get(0));
      c.results().stream()
          .filter(r -> r.identity() != null)
          .findFirst()
          .ifPresent(r -> identity(node, r.identity()));
      node.put("stored", where);
      if (a.app() != null) {
        node.put("consumerKey", a.app().maskedKey());
      }
      if (a.oauth1() != null) {
        node.put("accessToken", a.oauth1().token().masked());
      }
      if (c.skipped() != null) {
        node.put("problem", c.skipped());
      }
      if (first != null && first.failed()) {
        problem(node, first);
      }
      ArrayNode credentials = node.putArray("checks");
      for (Result r : c.results()) {
        ObjectNode n = credentials.addObject();
        n.put("credential", r.kind().json);
        n.put("state", r.state());
        if (r.identity() != null) {
          identity(n, r.identity());
        }
        if (r.kind() == Kind.BEARER) {
          n.put("token", a.bearer().token().masked());
        }
        if (r.token() != null) {
          OAuth2Token t = r.token();
          n.put("token", t.accessToken().masked());
          sorted(t).forEach(n.putArray("scopes")::add);
          if (t.expiresAt() != null) {
            n.put("expiresAt", t.expiresAt().truncatedTo(ChronoUnit.SECONDS).toString());
            n.put("expiresInSeconds", Duration.between(now, t.expiresAt()).getSeconds());
          }
          n.put("refreshable", t.refreshToken() != null);
          n.put("refreshed", r.refreshed());
        }
        if (r.failed()) {
          problem(n, r);
        }
      }
    }
    session.printJson(array);
  }

  private static void identity(ObjectNode node, Identity id) {
    node.put("user", id.screenName());
    node.put("userId", id.userId());
    node.put("accessLevel", id.accessLevel());
  }

  private static void problem(ObjectNode node, Result r) {
    node.put("problem", r.problem());
    if (r.error() != null) {
      node.put("status", r.error().status());
      r.error().code().ifPresent(code -> node.put("code", code));
    }
    if (r.fix() != null) {
      node.put("fix", r.fix());
    }
  }
}
