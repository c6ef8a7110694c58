package dev.latchkey.account;

import dev.latchkey.platform.CredentialKind;
import java.util.Optional;

/** The credentials an account can hold, as checking and revoking name them. */
public enum Credential {
  /** The app's consumer key and secret, with no user token to check them with. */
  APP_KEYS("app", null, "app keys"),
  /** An OAuth 1.0a user token (with its app's keys). */
  OAUTH1_USER("oauth1", CredentialKind.OAUTH1_USER, "OAuth 1.0a user token"),
  /** The app-only bearer token. */
  APP_ONLY("bearer", CredentialKind.APP_ONLY, "app-only bearer token"),
  /** An OAuth 2 user token. */
  OAUTH2_USER("oauth2", CredentialKind.OAUTH2_USER, "OAuth 2 user token"),
  /** The app's consumer key alone, used as Tumblr's {@code api_key}. */
  API_KEY("api-key", CredentialKind.API_KEY, "app key (api_key)");

  private final String shortName;
  private final CredentialKind kind;
  private final String description;

  Credential(String shortName, CredentialKind kind, String description) {
    this.shortName = shortName;
    this.kind = kind;
    this.description = description;
  }

  /** The name JSON and people use: {@code oauth1}, {@code app}, {@code bearer}, {@code oauth2}. */
  public String shortName() {
    return shortName;
  }

  /** The kind of API call it makes, when it makes calls itself (app keys alone do not). */
  public Optional<CredentialKind> kind() {
    return Optional.ofNullable(kind);
  }

  /** Words for messages. */
  public String description() {
    return description;
  }

  static Credential of(CredentialKind kind) {
    for (Credential c : values()) {
      if (c.kind == kind) {
        return c;
      }
    }
    throw new IllegalArgumentException("no stored credential makes " + kind + " calls");
  }
}
