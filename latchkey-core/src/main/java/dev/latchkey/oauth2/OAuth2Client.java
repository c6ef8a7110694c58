package dev.latchkey.oauth2;

import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.Secret;
import java.util.Objects;

/**
 * An OAuth 2 client registration: its id and, for confidential clients, its secret (RFC 6749 §2). A
 * client without a secret is a public client and sends its id in the request body.
 *
 * @param id the client id
 * @param secret the client secret, or null for a public client
 */
public record OAuth2Client(String id, Secret secret) {

  public OAuth2Client {
    Objects.requireNonNull(id, "client id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("an OAuth 2 client id cannot be blank");
    }
  }

  /** A public client (RFC 6749 §2.1): no secret. */
  public static OAuth2Client publicClient(String id) {
    return new OAuth2Client(id, null);
  }

  /**
   * The OAuth 2 client of an app: its client id and secret when the portal issued them, else its
   * consumer key and secret (Tumblr uses those as client id and secret).
   */
  public static OAuth2Client of(AppCredentials app) {
    if (app.clientId() != null) {
      return new OAuth2Client(app.clientId(), app.clientSecret());
    }
    return new OAuth2Client(app.consumerKey().reveal(), app.consumerSecret());
  }

  public boolean isPublic() {
    return secret == null;
  }

  @Override
  public String toString() {
    return "OAuth2Client[id="
        + id
        + ", secret="
        + (secret == null ? "none" : secret.masked())
        + "]";
  }
}
