package dev.latchkey.account;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.keychain.Secret;
import dev.latchkey.oauth2.OAuth2Client;
import dev.latchkey.platform.Platform;
import java.util.Optional;

/**
 * Which OAuth 2 client an account's token belongs to: the client stored with the token (id and
 * secret, since it was issued to it), else the account's app (its client id, or on a platform whose
 * consumer key is the client id, its consumer key), with the secret the keychain holds for that id.
 */
final class Clients {
  private Clients() {}

  /** The client of {@code token} in {@code account}; empty when nothing names one. */
  static Optional<OAuth2Client> of(Platform platform, Account account, OAuth2Token token) {
    AppCredentials app = account.app();
    String id = token != null ? token.clientId() : null;
    if (id != null) {
      Secret secret = token.clientSecret() != null ? token.clientSecret() : secretFor(app, id);
      return Optional.of(new OAuth2Client(id, secret));
    }
    return forApp(platform, app);
  }

  /** The OAuth 2 client of an app, when it has one (a client id, or Tumblr's consumer key). */
  static Optional<OAuth2Client> forApp(Platform platform, AppCredentials app) {
    if (app == null) {
      return Optional.empty();
    }
    if (app.clientId() != null) {
      return Optional.of(new OAuth2Client(app.clientId(), app.clientSecret()));
    }
    boolean keyIsId = platform.oauth2().map(o -> o.consumerKeyIsClientId()).orElse(false);
    if (keyIsId && app.consumerKey() != null) {
      return Optional.of(new OAuth2Client(app.consumerKey().reveal(), app.consumerSecret()));
    }
    return Optional.empty();
  }

  /** The secret the app holds for client {@code id}: its client secret, or its consumer secret. */
  static Secret secretFor(AppCredentials app, String id) {
    if (app == null) {
      return null;
    }
    if (id.equals(app.clientId())) {
      return app.clientSecret();
    }
    if (app.consumerKey() != null && id.equals(app.consumerKey().reveal())) {
      return app.consumerSecret();
    }
    return null;
  }
}
