package dev.latchkey.cli.use;

import dev.latchkey.http.ApiException;
import dev.latchkey.platform.Platform;

/**
 * The fix to suggest for a platform's refusal, chosen by the platform's own error code where it
 * gives one and by the HTTP status otherwise.
 */
public final class FailureHints {
  private FailureHints() {}

  /**
   * What to do about {@code e}.
   *
   * @param account the account to name in an {@code auth} command, like {@code alice}
   */
  public static String fix(Platform platform, String account, ApiException e) {
    return fix(platform, account, "", e);
  }

  /**
   * What to do about {@code e}, where getting the credential again takes {@code authFlags} (like
   * {@code " --bearer"}).
   */
  public static String fix(Platform platform, String account, String authFlags, ApiException e) {
    String reauth =
        "run latchkey auth "
            + platform.name()
            + authFlags
            + (account == null ? "" : " --account " + account);
    if (e.hasCode(89)) {
      return "token revoked or expired: " + reauth;
    }
    if (e.hasCode(32)) {
      return "keys wrong (could not authenticate): check the consumer key and secret, or " + reauth;
    }
    if (e.hasCode(135)) {
      return "the system clock is off: set it right (e.g. timedatectl set-ntp true) and retry";
    }
    if (e.hasCode(215)) {
      return "the request was not signed as expected: check the keys with latchkey keys show";
    }
    if (e.hasCode(415)) {
      return "callback URL not approved: register it in the app settings at "
          + platform.developerPortal()
          + ", or use --pin";
    }
    if (e.hasCode(416)) {
      return "the app is invalid or suspended: check it at " + platform.developerPortal();
    }
    if (e.hasCode(88) || e.status() == 429) {
      return "rate limited: retry"
          + e.retryAfter().map(d -> " in " + d.toSeconds() + " s").orElse(" later");
    }
    if (e.hasCode(453) || e.status() == 403) {
      return "the app's access level or API tier does not allow this: check the app at "
          + platform.developerPortal();
    }
    if (e.status() == 401) {
      return "credentials refused: " + reauth;
    }
    if (e.status() >= 500) {
      return platform.name() + " had an error of its own: retry later";
    }
    return "see " + platform.name() + "'s message above";
  }
}
