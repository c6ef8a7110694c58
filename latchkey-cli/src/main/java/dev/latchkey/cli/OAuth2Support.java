package dev.latchkey.cli;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.keychain.Secret;
import dev.latchkey.oauth2.KeychainTokenStore;
import dev.latchkey.oauth2.OAuth2Client;
import dev.latchkey.oauth2.RefreshTokenGrant;
import dev.latchkey.platform.Platform;
import java.net.http.HttpClient;
import java.time.Duration;

/** What the OAuth 2 commands share: the platform's endpoints, the HTTP client, the client id. */
public final class OAuth2Support {
  private OAuth2Support() {}

  /**
   * The refresh grant of a command: the platform's token endpoint, rotations saved to {@code
   * keychain}, the session's clock, refreshing when a token expires within {@code margin}.
   */
  public static RefreshTokenGrant refreshGrant(
      Session session, Keychain keychain, Platform platform, Duration margin) {
    return new RefreshTokenGrant(
        http(), platform, new KeychainTokenStore(keychain), session.context().clock(), margin);
  }

  public static HttpClient http() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(15))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * The OAuth 2 client a token belongs to: its id from the token (else the app's), with the secret
   * the keychain holds for that id (the app's client secret, or on Tumblr its consumer secret).
   */
  public static OAuth2Client client(Account account, OAuth2Token token) {
    AppCredentials app = account.app();
    String id = token != null ? token.clientId() : null;
    if (id == null && app != null) {
      id = app.clientId() != null ? app.clientId() : app.consumerKey().reveal();
    }
    if (id == null) {
      throw new CliException(
          "account "
              + account.id()
              + " does not say which OAuth 2 client its token belongs to; authorize again with"
              + " 'latchkey auth "
              + account.id().platform()
              + " --oauth2 --client-id ID'");
    }
    return new OAuth2Client(id, secretFor(app, id));
  }

  public static Secret secretFor(AppCredentials app, String clientId) {
    if (app == null) {
      return null;
    }
    if (clientId.equals(app.clientId())) {
      return app.clientSecret();
    }
    if (app.consumerKey() != null && clientId.equals(app.consumerKey().reveal())) {
      return app.consumerSecret();
    }
    return null;
  }
}
