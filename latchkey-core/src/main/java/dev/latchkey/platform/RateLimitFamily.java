package dev.latchkey.platform;

import java.time.Duration;
import java.util.Objects;

/**
 * The rate-limit budget an endpoint counts against: its name as the platform reports it (X's {@code
 * application/rate_limit_status} resource, such as {@code /statuses/user_timeline}), and the calls
 * allowed per window for a user's token and for the app's own token. Endpoints that share a family
 * share the budget.
 *
 * @param name the family's name
 * @param userLimit calls per window with a user token (0: user tokens are refused)
 * @param appLimit calls per window with the app's token (0: app-only tokens are refused)
 * @param window the window's length (15 minutes on X, an hour on Tumblr)
 */
public record RateLimitFamily(String name, int userLimit, int appLimit, Duration window) {
  /** X's usual window. */
  public static final Duration FIFTEEN_MINUTES = Duration.ofMinutes(15);

  public RateLimitFamily {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(window, "window");
    if (userLimit < 0 || appLimit < 0 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("rate limit family " + name + " has a negative limit");
    }
  }

  /** A 15-minute family, as nearly all of X's are. */
  public static RateLimitFamily perQuarterHour(String name, int userLimit, int appLimit) {
    return new RateLimitFamily(name, userLimit, appLimit, FIFTEEN_MINUTES);
  }

  /** The calls per window for this kind of credential. */
  public int limitFor(CredentialKind kind) {
    return kind.isUser() ? userLimit : appLimit;
  }
}
