package dev.latchkey.sandbox.internal;

/**
 * Who is calling an API endpoint, whatever the scheme: the app, the user (null for app-only
 * context), the access level that applies, and the OAuth 1.0a token when that is how the call was
 * signed (for {@code invalidate_token}).
 */
public record Caller(App app, UserProfile user, AccessLevel access, AccessToken oauth1Token) {
  /** True for user context (OAuth 1.0a user token, later OAuth 2 user token). */
  public boolean isUser() {
    return user != null;
  }
}
