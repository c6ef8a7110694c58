package dev.latchkey.keychain;

import java.time.Instant;
import java.util.Objects;

/**
 * An OAuth 2 app-only bearer token (RFC 6749 §4.4, client credentials), kept so that it is fetched
 * once and reused rather than fetched per call.
 *
 * @param token the token exactly as the platform issued it (Twitter's contain literal {@code %2F})
 * @param obtainedAt when it was fetched, or null when imported
 */
public record BearerToken(Secret token, Instant obtainedAt) {

  public BearerToken {
    Objects.requireNonNull(token, "token");
  }

  public static BearerToken of(String token) {
    return new BearerToken(Secret.of(token), null);
  }

  @Override
  public String toString() {
    return "BearerToken[token=" + token.masked() + ", obtainedAt=" + obtainedAt + "]";
  }
}
