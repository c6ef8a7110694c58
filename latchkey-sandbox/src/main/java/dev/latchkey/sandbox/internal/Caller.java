package dev.latchkey.sandbox.internal;

/**
 * Who is calling an API endpoint, whatever the scheme: the app (null for an anonymous call), the
 * user (null in app context), the access level that applies, the OAuth 1.0a token when that is how
 * the call was signed, the kind of credential, and the OAuth 2 scopes of a user token.
 */
public record Caller(
    App app,
    UserProfile user,
    AccessLevel access,
    AccessToken oauth1Token,
    AuthType type,
    java.util.Set<String> scopes) {

  public Caller {
    scopes = scopes == null ? java.util.Set.of() : java.util.Set.copyOf(scopes);
  }

  /** True for user context (an OAuth 1.0a or OAuth 2 user token). */
  public boolean isUser() {
    return user != null;
  }

  /** An app-only or key-only caller. */
  public static Caller app(App app, AuthType type) {
    return new Caller(app, null, app.access(), null, type, null);
  }

  /** A call without credentials. */
  public static Caller anonymous() {
    return new Caller(null, null, AccessLevel.READ, null, AuthType.NONE, null);
  }
}
