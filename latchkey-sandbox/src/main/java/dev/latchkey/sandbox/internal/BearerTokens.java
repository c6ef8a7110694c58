package dev.latchkey.sandbox.internal;

/**
 * A store of OAuth 2 bearer tokens (RFC 6750) for {@link Authentication}: app-only tokens from
 * {@code /oauth2/token} and user tokens from the authorization-code flow. Adding OAuth 2 to the
 * sandbox means implementing this, plus the token routes.
 */
@FunctionalInterface
public interface BearerTokens {
  /** The caller the token stands for, or null when the token is unknown, expired or revoked. */
  Caller resolve(String token);
}
