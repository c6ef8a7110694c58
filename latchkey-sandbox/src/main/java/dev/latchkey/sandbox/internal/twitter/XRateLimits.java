package dev.latchkey.sandbox.internal.twitter;

import dev.latchkey.sandbox.internal.ApiError;
import dev.latchkey.sandbox.internal.Caller;
import dev.latchkey.sandbox.internal.Endpoint;
import dev.latchkey.sandbox.internal.Limit;
import dev.latchkey.sandbox.internal.PlatformDescription;
import dev.latchkey.sandbox.internal.RateLimitPolicy;
import dev.latchkey.sandbox.internal.RateWindows;
import dev.latchkey.sandbox.internal.RateWindows.Snapshot;
import io.javalin.http.Context;
import java.util.Map;

/**
 * X's rate limits (protocol-facts F, collection-notes): a window per endpoint and context, app-only
 * per app, user context per access token (app and user), {@code x-rate-limit-limit/remaining/
 * reset} on every response with the reset in epoch seconds, and the 24-hour caps per app where X
 * documents them. A call over a limit is 429: code 88 on v1.1, the v2 problem on v2.
 *
 * <p>Windows scale with the configured rate window ({@code --rate-window}; 900 s is X's 15 minutes)
 * and limits can be overridden per endpoint path ({@code --rate-limit}).
 */
final class XRateLimits implements RateLimitPolicy {
  private final PlatformDescription description;
  private final RateWindows windows;
  private final long rateWindowSeconds;
  private final Map<String, Integer> overrides;

  XRateLimits(
      PlatformDescription description,
      RateWindows windows,
      long rateWindowSeconds,
      Map<String, Integer> overrides) {
    this.description = description;
    this.windows = windows;
    this.rateWindowSeconds = rateWindowSeconds;
    this.overrides = Map.copyOf(overrides);
  }

  /**
   * The endpoint's limit after any {@code --rate-limit} override of its documented path, and of its
   * 24-hour cap ({@code PATH#24h}).
   */
  Limit limit(Endpoint e) {
    Limit l = e.limit();
    Integer n = overrides.get(e.path());
    if (n != null) {
      l = l.withRequests(n);
    }
    Integer daily = overrides.get(e.path() + DAILY);
    if (daily != null && l.appDaily() > 0) {
      l = l.withDaily(daily, l.dailyHeaders());
    }
    return l;
  }

  /** The suffix of a rate-limit key that sets an endpoint's 24-hour cap. */
  static final String DAILY = "#24h";

  /** A documented window in seconds, scaled to the configured rate window. */
  long scaled(long documentedSeconds) {
    return Math.max(1, documentedSeconds * rateWindowSeconds / 900);
  }

  static String key(Limit l, Caller c) {
    String app = c.app() == null ? "-" : c.app().consumerKey();
    return c.isUser()
        ? l.resource() + "\n" + app + "\n" + c.user().id()
        : l.resource() + "\n" + app;
  }

  /** The window state of an endpoint for a caller, without counting (rate_limit_status). */
  Snapshot peek(Endpoint e, Caller c) {
    Limit l = limit(e);
    return windows.peek(key(l, c), c.isUser() ? l.user() : l.app(), scaled(l.windowSeconds()));
  }

  @Override
  public void admit(Context ctx, Endpoint e, Caller c) {
    Limit l = limit(e);
    if (l.appDaily() > 0 && c.app() != null) {
      Snapshot daily =
          windows.peek(
              l.resource() + "\n" + c.app().consumerKey() + "\nday", l.appDaily(), scaled(86_400));
      if (daily.remaining() == 0) {
        headers(
            ctx,
            windows.peek(key(l, c), c.isUser() ? l.user() : l.app(), scaled(l.windowSeconds())));
        dailyHeaders(ctx, l, daily);
        throw tooMany(ctx);
      }
    }
    Snapshot s =
        windows.take(key(l, c), c.isUser() ? l.user() : l.app(), scaled(l.windowSeconds()));
    headers(ctx, s);
    if (!s.admitted()) {
      throw tooMany(ctx);
    }
    if (l.appDaily() > 0 && c.app() != null) {
      dailyHeaders(
          ctx,
          l,
          windows.take(
              l.resource() + "\n" + c.app().consumerKey() + "\nday", l.appDaily(), scaled(86_400)));
    }
  }

  private ApiError tooMany(Context ctx) {
    return description.errors(ctx.path()).rateLimited();
  }

  @Override
  public void refused(Context ctx, Endpoint e) {
    Limit l = limit(e);
    long now = Math.floorDiv(windows.nowMillis(), 1000);
    headers(ctx, new Snapshot(l.user(), l.user(), now + scaled(l.windowSeconds()), false));
  }

  static void headers(Context ctx, Snapshot s) {
    ctx.header("x-rate-limit-limit", Integer.toString(s.limit()));
    ctx.header("x-rate-limit-remaining", Integer.toString(s.remaining()));
    ctx.header("x-rate-limit-reset", Long.toString(s.resetEpochSeconds()));
  }

  private static void dailyHeaders(Context ctx, Limit l, Snapshot s) {
    String p = l.dailyHeaders();
    ctx.header(p + "limit", Integer.toString(s.limit()));
    ctx.header(p + "remaining", Integer.toString(s.remaining()));
    ctx.header(p + "reset", Long.toString(s.resetEpochSeconds()));
  }
}
