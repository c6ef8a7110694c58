package dev.latchkey.platform;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of credential an API call can be made with. An endpoint says which it accepts; an
 * account holds some of them; the account layer picks the first kind, in this order, that both
 * allow (a user's own token before the app's).
 */
public enum CredentialKind {
  /** An OAuth 1.0a user token signed with its app's consumer key and secret (RFC 5849). */
  OAUTH1_USER("oauth1", "OAuth 1.0a user token"),
  /** An OAuth 2 user token (Authorization Code with PKCE), sent as a bearer token (RFC 6750). */
  OAUTH2_USER("oauth2", "OAuth 2 user token"),
  /** The app's own bearer token (RFC 6749 §4.4 client credentials). */
  APP_ONLY("bearer", "app-only bearer token"),
  /** The app's consumer key as a query parameter (Tumblr's {@code api_key}). */
  API_KEY("api-key", "app key (api_key)"),
  /** No credentials at all (Tumblr's avatars). */
  NONE("none", "no credentials");

  private final String shortName;
  private final String description;

  CredentialKind(String shortName, String description) {
    this.shortName = shortName;
    this.description = description;
  }

  /** The name a person types ({@code --auth oauth1}) and JSON carries. */
  public String shortName() {
    return shortName;
  }

  /** Words for messages: {@code OAuth 2 user token}. */
  public String description() {
    return description;
  }

  /** The kind called {@code name} ({@link #shortName()}, any case). */
  public static Optional<CredentialKind> fromShortName(String name) {
    String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    for (CredentialKind k : values()) {
      if (k.shortName.equals(n)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** True for the kinds that act as a user (and count against that user's rate limits). */
  public boolean isUser() {
    return this == OAUTH1_USER || this == OAUTH2_USER;
  }
}
