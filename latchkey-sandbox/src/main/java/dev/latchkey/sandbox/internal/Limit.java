package dev.latchkey.sandbox.internal;

/**
 * One endpoint's documented rate limit (protocol-facts E.1, F; X's rate-limit tables): requests per
 * window in user context and in app-only context, and the 24-hour cap an app has across both where
 * X documents one.
 *
 * @param family the {@code rate_limit_status} family ({@code statuses})
 * @param resource the {@code rate_limit_status} resource ({@code /statuses/user_timeline})
 * @param user requests per window with a user token
 * @param app requests per window with an app-only token
 * @param windowSeconds the window as documented (900 for X's 15 minutes)
 * @param appDaily requests per 24 hours per app across contexts, or 0
 * @param dailyHeaders the prefix of the 24-hour cap's headers ({@code x-app-rate-limit-} on v1.1,
 *     {@code x-app-limit-24hour-} on v2), or null
 */
public record Limit(
    String family,
    String resource,
    int user,
    int app,
    long windowSeconds,
    int appDaily,
    String dailyHeaders) {

  /** A 15-minute limit without a daily cap. */
  public static Limit of(String family, String resource, int user, int app) {
    return new Limit(family, resource, user, app, 900, 0, null);
  }

  /** This limit with {@code n} requests per window in every context. */
  public Limit withRequests(int n) {
    return new Limit(family, resource, n, n, windowSeconds, appDaily, dailyHeaders);
  }

  /** This limit with a 24-hour cap per app. */
  public Limit withDaily(int perApp, String headers) {
    return new Limit(family, resource, user, app, windowSeconds, perApp, headers);
  }

  /** This limit over another window. */
  public Limit every(long seconds) {
    return new Limit(family, resource, user, app, seconds, appDaily, dailyHeaders);
  }
}
