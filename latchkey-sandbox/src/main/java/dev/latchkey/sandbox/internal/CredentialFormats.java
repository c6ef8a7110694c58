package dev.latchkey.sandbox.internal;

import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * What a platform's credentials look like (lengths and shapes of keys, secrets and tokens), so the
 * sandbox issues values a client cannot tell from the real ones: X's access tokens start with the
 * user id and a dash (tweepy relies on it), its bearer tokens carry literal {@code %2B}/{@code
 * %3D}.
 *
 * @param consumerKeyLength length of a consumer (API) key
 * @param consumerSecretLength length of a consumer secret
 * @param requestTokenLength length of an OAuth 1.0a request token
 * @param accessToken makes an OAuth 1.0a access token for a user id
 * @param accessTokenSecretLength length of an access token secret
 * @param appOnlyToken makes an app-only bearer token
 * @param clientId makes an OAuth 2 client id, or null when the client id is the consumer key
 */
public record CredentialFormats(
    int consumerKeyLength,
    int consumerSecretLength,
    int requestTokenLength,
    AccessTokenFormat accessToken,
    int accessTokenSecretLength,
    Function<RandomGenerator, String> appOnlyToken,
    Function<RandomGenerator, String> clientId) {

  /** Makes an OAuth 1.0a access token for a user. */
  @FunctionalInterface
  public interface AccessTokenFormat {
    String make(long userId, RandomGenerator random);
  }

  /** True when a platform's OAuth 2 client id and secret are the app's consumer key and secret. */
  public boolean clientIsTheConsumer() {
    return clientId == null;
  }
}
