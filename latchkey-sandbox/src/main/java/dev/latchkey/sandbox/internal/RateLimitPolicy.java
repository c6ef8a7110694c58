package dev.latchkey.sandbox.internal;

import io.javalin.http.Context;

/**
 * How a platform counts calls and says so: X per endpoint and context with {@code x-rate-limit-*}
 * headers, Tumblr per consumer key per hour and per day. A refused call gets the path's dialect's
 * 429.
 */
public interface RateLimitPolicy {
  /**
   * Counts an authenticated call, or throws the platform's 429 when a limit is used up. Either way
   * the response carries the headers.
   */
  void admit(Context ctx, Endpoint endpoint, Caller caller);

  /** Adds the headers to a response that was refused before {@link #admit} (bad credentials). */
  default void refused(Context ctx, Endpoint endpoint) {}
}
