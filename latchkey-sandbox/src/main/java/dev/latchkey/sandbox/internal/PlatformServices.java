package dev.latchkey.sandbox.internal;

import java.time.Clock;

/**
 * What a platform's routes are given: its state, the OAuth 1.0a verifier, the OAuth 2 bearer
 * tokens, the rate-limit counters and the clock.
 */
public record PlatformServices(
    PlatformState state,
    OAuth1Verifier verifier,
    BearerTokens bearer,
    RateLimits limits,
    Clock clock) {

  /** The caller resolution of this platform (bearer first, else OAuth 1.0a). */
  public Authentication authentication() {
    return new Authentication(state, verifier, bearer);
  }
}
