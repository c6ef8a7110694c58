package dev.latchkey.sandbox.internal.tumblr;

import dev.latchkey.sandbox.internal.Caller;
import dev.latchkey.sandbox.internal.Endpoint;
import dev.latchkey.sandbox.internal.PlatformDescription;
import dev.latchkey.sandbox.internal.RateLimitPolicy;
import dev.latchkey.sandbox.internal.RateWindows;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Tumblr's limits per consumer key (its API doc, "Rate Limits"): 1,000 calls an hour and 5,000 a
 * day, told in {@code X-Ratelimit-Perhour-*} and {@code X-Ratelimit-Perday-*} with the reset in
 * seconds from now, and 429 "Limit Exceeded" when either is used up. The windows scale with {@code
 * --rate-window} (900 s gives Tumblr's hour as four windows); {@code --rate-limit tumblr/hour=N}
 * and {@code tumblr/day=N} set the limits.
 */
final class TumblrRateLimits implements RateLimitPolicy {
  static final String HOUR = "tumblr/hour";
  static final String DAY = "tumblr/day";

  private final PlatformDescription description;
  private final RateWindows windows;
  private final int perHour;
  private final int perDay;
  private final long hourSeconds;
  private final long daySeconds;

  TumblrRateLimits(
      PlatformDescription description,
      RateWindows windows,
      long rateWindowSeconds,
      Map<String, Integer> overrides) {
    this.description = description;
    this.windows = windows;
    this.perHour = overrides.getOrDefault(HOUR, 1000);
    this.perDay = overrides.getOrDefault(DAY, 5000);
    this.hourSeconds = Math.max(1, 3600 * rateWindowSeconds / 900);
    this.daySeconds = Math.max(1, 86_400 * rateWindowSeconds / 900);
  }

  @Override
  public void admit(Context ctx, Endpoint endpoint, Caller caller) {
    if (caller.app() == null) {
      return;
    }
    String key = caller.app().consumerKey();
    RateWindows.Snapshot day = windows.peek("day\n" + key, perDay, daySeconds);
    RateWindows.Snapshot hour;
    if (day.remaining() == 0) {
      hour = windows.peek("hour\n" + key, perHour, hourSeconds);
      headers(ctx, hour, day);
      throw description.errors(ctx.path()).rateLimited();
    }
    hour = windows.take("hour\n" + key, perHour, hourSeconds);
    if (!hour.admitted()) {
      headers(ctx, hour, day);
      throw description.errors(ctx.path()).rateLimited();
    }
    day = windows.take("day\n" + key, perDay, daySeconds);
    headers(ctx, hour, day);
  }

  private void headers(Context ctx, RateWindows.Snapshot hour, RateWindows.Snapshot day) {
    long now = Math.floorDiv(windows.nowMillis(), 1000);
    ctx.header("X-Ratelimit-Perhour-Limit", Integer.toString(hour.limit()));
    ctx.header("X-Ratelimit-Perhour-Remaining", Integer.toString(hour.remaining()));
    ctx.header(
        "X-Ratelimit-Perhour-Reset", Long.toString(Math.max(0, hour.resetEpochSeconds() - now)));
    ctx.header("X-Ratelimit-Perday-Limit", Integer.toString(day.limit()));
    ctx.header("X-Ratelimit-Perday-Remaining", Integer.toString(day.remaining()));
    ctx.header(
        "X-Ratelimit-Perday-Reset", Long.toString(Math.max(0, day.resetEpochSeconds() - now)));
  }
}
