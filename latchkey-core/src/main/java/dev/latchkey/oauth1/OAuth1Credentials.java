package dev.latchkey.oauth1;

import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.keychain.Secret;
import java.util.Objects;

/**
 * The client credentials and, optionally, the token credentials one request is signed with (RFC
 * 5849 §1.1). Without a token it signs as the app alone, as request_token calls do.
 *
 * @param consumerKey the app's consumer key
 * @param consumerSecret the app's consumer secret
 * @param token the request token or access token, or null
 * @param tokenSecret the matching secret, or null
 */
public record OAuth1Credentials(
    Secret consumerKey, Secret consumerSecret, Secret token, Secret tokenSecret) {

  public OAuth1Credentials {
    Objects.requireNonNull(consumerKey, "consumerKey");
    Objects.requireNonNull(consumerSecret, "consumerSecret");
    if ((token == null) != (tokenSecret == null)) {
      throw new IllegalArgumentException("a token needs its token secret, and the other way round");
    }
  }

  /** App-only credentials; the app must have a consumer secret. */
  public static OAuth1Credentials app(AppCredentials app) {
    if (app.consumerSecret() == null) {
      throw new IllegalArgumentException(
          "the app has a consumer key but no consumer secret; add it with latchkey keys");
    }
    return new OAuth1Credentials(app.consumerKey(), app.consumerSecret(), null, null);
  }

  /** An app with a user's access token. */
  public static OAuth1Credentials user(AppCredentials app, OAuth1Token token) {
    return app(app).withToken(token.token(), token.tokenSecret());
  }

  /** The same app with another token. */
  public OAuth1Credentials withToken(Secret newToken, Secret newTokenSecret) {
    return new OAuth1Credentials(consumerKey, consumerSecret, newToken, newTokenSecret);
  }

  @Override
  public String toString() {
    return "OAuth1Credentials[consumerKey="
        + consumerKey.masked()
        + ", consumerSecret="
        + consumerSecret.masked()
        + ", token="
        + (token == null ? "none" : token.masked())
        + ", tokenSecret="
        + (tokenSecret == null ? "none" : tokenSecret.masked())
        + "]";
  }
}
