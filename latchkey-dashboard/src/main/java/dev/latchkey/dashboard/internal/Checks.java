package dev.latchkey.dashboard.internal;

import dev.latchkey.http.ApiClient;
import dev.latchkey.http.ApiException;
import dev.latchkey.http.ApiRequest;
import dev.latchkey.http.Identity;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.oauth1.OAuth1Credentials;
import dev.latchkey.oauth1.OAuth1Signer;
import dev.latchkey.oauth1.Parameter;
import dev.latchkey.oauth2.OAuth2Client;
import dev.latchkey.oauth2.OAuth2Exception;
import dev.latchkey.oauth2.TokenRevocation;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What the dashboard asks of the platforms: check an account, test keys before they are stored,
 * revoke. This is the one seam where the core account layer plugs in ("check an account", "verify
 * credentials before storing them", "revoke every credential an account holds", with the remedy
 * from the platform's error table); until it lands on main, it asks the platform's identity calls
 * directly and does not refresh OAuth 2 tokens. Nothing else in the dashboard talks to a platform
 * outside the authorization flows.
 */
final class Checks {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY_AND_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final Platforms platforms;
  private final Clock clock;

  Checks(Platforms platforms, Clock clock) {
    this.platforms = platforms;
    this.clock = clock;
  }

  /** Checks every credential the account holds against its platform. */
  StatusView check(Account account) {
    Platform platform;
    try {
      platform = platforms.get(account.id().platform());
    } catch (IllegalArgumentException e) {
      return new StatusView("skipped", "unknown platform", List.of(), now());
    }
    List<CheckLine> lines = new ArrayList<>();
    if (account.app() != null
        && account.app().consumerSecret() != null
        && platform.oauth1().isPresent()) {
      lines.add(oauth1(platform, account));
    }
    if (account.oauth2() != null) {
      lines.add(oauth2(platform, account));
    }
    if (lines.isEmpty()) {
      return new StatusView(
          "skipped",
          "not checked: no consumer key and secret and no OAuth 2 token",
          List.of(),
          now());
    }
    boolean failed = lines.stream().anyMatch(l -> !l.ok());
    String summary =
        lines.stream().filter(l -> failed != l.ok()).findFirst().map(CheckLine::text).orElse("");
    return new StatusView(failed ? "failed" : "ok", summary, lines, now());
  }

  /**
   * The outcome of testing keys before storing them.
   *
   * @param line what the platform said
   * @param account the account, with the owner the platform named when it accepted a user token
   */
  record Tested(CheckLine line, Account account) {}

  /** Tests keys before they are stored. */
  Tested test(Account account) {
    Platform platform = platforms.get(account.id().platform());
    if (account.app() == null
        || account.app().consumerSecret() == null
        || platform.oauth1().isEmpty()) {
      return new Tested(
          new CheckLine(
              "OAuth 2 client",
              false,
              "an OAuth 2 client ID cannot be tested before a user authorizes it",
              "tick \"Store without testing\", then use Authorize with OAuth 2",
              List.of()),
          account);
    }
    Account[] verified = {account};
    CheckLine line = oauth1(platform, account, verified);
    return new Tested(line, verified[0]);
  }

  private CheckLine oauth1(Platform platform, Account account) {
    return oauth1(platform, account, new Account[1]);
  }

  private CheckLine oauth1(Platform platform, Account account, Account[] verified) {
    String what = account.oauth1() == null ? "App keys" : "OAuth 1.0a token";
    ApiClient client = ApiClient.create(platform);
    try {
      if (account.oauth1() == null) {
        client.send(
            ApiRequest.builder("POST", platform.requestTokenUri()).build(),
            OAuth1Signer.create()
                .authorization(
                    OAuth1Credentials.app(account.app()), new Parameter("oauth_callback", "oob")));
        return new CheckLine(what, true, "accepted (no user token stored)", null, List.of());
      }
      Identity who =
          client.verify(
              OAuth1Signer.create()
                  .authorization(OAuth1Credentials.user(account.app(), account.oauth1())));
      verified[0] =
          account.withOAuth1(
              account.oauth1().withIdentity(who.userId(), who.screenName(), who.accessLevel()));
      List<String> details = new ArrayList<>();
      if (who.accessLevel() != null) {
        details.add("access level: " + who.accessLevel());
      }
      return new CheckLine(what, true, "@" + who.screenName(), null, details);
    } catch (ApiException e) {
      return new CheckLine(what, false, e.getMessage(), null, List.of());
    } catch (IOException e) {
      return new CheckLine(
          what,
          false,
          e.getMessage(),
          "check the network, or the base URL (LATCHKEY_SANDBOX, "
              + platform.environmentPrefix()
              + "API_BASE)",
          List.of());
    }
  }

  /**
   * Revokes every token the account holds at its platform, keeping them in the keychain so that the
   * next check shows the platform's refusal. One line per token says what happened.
   */
  List<String> revoke(Account account) {
    Platform platform = platforms.get(account.id().platform());
    List<String> done = new ArrayList<>();
    if (account.oauth1() != null && account.app() != null) {
      try {
        ApiClient.create(platform)
            .send(
                ApiRequest.builder("POST", platform.api("/1.1/oauth/invalidate_token")).build(),
                OAuth1Signer.create()
                    .authorization(OAuth1Credentials.user(account.app(), account.oauth1())));
        done.add("revoked the OAuth 1.0a token");
      } catch (ApiException e) {
        done.add(
            e.status() == 404
                ? platform.displayName()
                    + " cannot revoke OAuth 1.0a tokens; remove the app's access in your "
                    + platform.displayName()
                    + " settings"
                : "the OAuth 1.0a token was not revoked: " + e.getMessage());
      } catch (IOException e) {
        done.add("the OAuth 1.0a token was not revoked: " + e.getMessage());
      }
    }
    if (account.bearer() != null || account.oauth2() != null) {
      TokenRevocation revocation;
      try {
        revocation = new TokenRevocation(java.net.http.HttpClient.newHttpClient(), platform);
      } catch (IllegalArgumentException e) {
        done.add(platform.displayName() + " has no OAuth 2 endpoints to revoke at");
        return done;
      }
      try {
        if (account.oauth2() != null && revocation.canRevokeUserTokens()) {
          String id =
              account.oauth2().clientId() != null
                  ? account.oauth2().clientId()
                  : account.app() == null ? null : account.app().clientId();
          revocation.revoke(
              new OAuth2Client(id, account.app() == null ? null : account.app().clientSecret()),
              account.oauth2());
          done.add("revoked the OAuth 2 token");
        }
        if (account.bearer() != null
            && account.app() != null
            && revocation.canInvalidateAppTokens()) {
          revocation.invalidate(account.app(), account.bearer());
          done.add("invalidated the app-only bearer token");
        }
      } catch (OAuth2Exception | IOException e) {
        done.add("an OAuth 2 token was not revoked: " + e.getMessage());
      }
    }
    if (done.isEmpty()) {
      done.add("it holds no token to revoke");
    }
    return done;
  }

  /** The OAuth 2 user token, shown to the platform's identity call (not refreshed here). */
  private CheckLine oauth2(Platform platform, Account account) {
    OAuth2Token token = account.oauth2();
    List<String> details = new ArrayList<>();
    if (!token.scopes().isEmpty()) {
      details.add("scopes: " + String.join(" ", new TreeSet<>(token.scopes())));
    }
    if (token.expiresAt() != null) {
      details.add(
          "expires "
              + DAY_AND_TIME.format(token.expiresAt())
              + (token.refreshToken() == null ? ", not refreshable" : ", refreshable"));
    }
    String what = "OAuth 2 token";
    if (token.expiresWithin(clock.instant(), 0)) {
      return new CheckLine(
          what, false, "expired", "authorize the account again with OAuth 2 (Authorize)", details);
    }
    try {
      Identity who = ApiClient.create(platform).verifyBearer(token.accessToken());
      return new CheckLine(
          what,
          true,
          who.screenName() == null ? "accepted" : "@" + who.screenName(),
          null,
          details);
    } catch (ApiException e) {
      return new CheckLine(what, false, e.getMessage(), null, details);
    } catch (IOException e) {
      return new CheckLine(what, false, e.getMessage(), null, details);
    }
  }

  private String now() {
    return TIME.format(clock.instant());
  }
}
