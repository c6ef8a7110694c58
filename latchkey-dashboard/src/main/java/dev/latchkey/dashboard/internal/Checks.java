package dev.latchkey.dashboard.internal;

import dev.latchkey.http.ApiClient;
import dev.latchkey.http.ApiException;
import dev.latchkey.http.ApiRequest;
import dev.latchkey.http.Identity;
import dev.latchkey.keychain.Account;
import dev.latchkey.oauth1.OAuth1Credentials;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What the dashboard asks of the platforms: check an account, test keys before they are stored,
 * revoke. The seam where the core account layer plugs in; until it lands this asks the platform's
 * identity call with the OAuth 1.0a credentials only.
 */
final class Checks {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

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
    if (account.app() != null && account.app().consumerSecret() != null) {
      lines.add(oauth1(platform, account));
    }
    if (lines.isEmpty()) {
      return new StatusView("skipped", "not checked: no consumer key and secret", List.of(), now());
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
            ApiRequest.builder("POST", platform.requestTokenUri())
                .protocol("oauth_callback", "oob")
                .build(),
            OAuth1Credentials.app(account.app()));
        return new CheckLine(what, true, "accepted (no user token stored)", null, List.of());
      }
      Identity who = client.verify(OAuth1Credentials.user(account.app(), account.oauth1()));
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

  private String now() {
    return TIME.format(clock.instant());
  }
}
