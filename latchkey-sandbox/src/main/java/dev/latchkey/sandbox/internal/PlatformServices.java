package dev.latchkey.sandbox.internal;

import java.time.Clock;

/**
 * What a platform's routes are given: its state, the OAuth 1.0a verifier, the OAuth 2 bearer
 * tokens, the rate-limit windows, the run's settings, the clock, and a flag set when the sandbox
 * closes (long-lived responses such as streams end then), and the set the platform adds its
 * rate-limit keys to (its documented endpoint paths), so unknown {@code --rate-limit} paths are
 * refused.
 */
public record PlatformServices(
    PlatformState state,
    OAuth1Verifier verifier,
    BearerTokens bearer,
    RateWindows windows,
    ApiSettings settings,
    Clock clock,
    java.util.concurrent.atomic.AtomicBoolean closing,
    java.util.Set<String> limitKeys) {

  /** The caller resolution of this platform (bearer first, else OAuth 1.0a). */
  public Authentication authentication() {
    return new Authentication(state, verifier, bearer);
  }
}
