package dev.latchkey.sandbox.internal;

/**
 * How a call authenticated, in the words X's problem details use ("Supported authentication types
 * are [OAuth 1.0a User Context, OAuth 2.0 User Context]").
 */
public enum AuthType {
  /** An OAuth 1.0a access token (RFC 5849 §3): user and app. */
  OAUTH1_USER("OAuth 1.0a User Context"),
  /** An OAuth 2 user access token (RFC 6750): user and app, limited by scopes. */
  OAUTH2_USER("OAuth 2.0 User Context"),
  /** An OAuth 2 app-only bearer token (RFC 6749 §4.4): the app, no user. */
  APP_ONLY("OAuth 2.0 Application-Only"),
  /** Tumblr's {@code api_key} query parameter (the consumer key alone). */
  API_KEY("API Key"),
  /** No credentials at all (Tumblr's avatar). */
  NONE("None");

  private final String label;

  AuthType(String label) {
    this.label = label;
  }

  /** The name X's problem details give this type. */
  public String label() {
    return label;
  }
}
