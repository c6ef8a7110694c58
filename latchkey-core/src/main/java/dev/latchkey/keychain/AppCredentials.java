package dev.latchkey.keychain;

import java.util.Objects;

/**
 * The credentials of a developer app: the OAuth 1.0a consumer key and secret (the portal's "API
 * key" and "API key secret"), and, where the platform issues them, the OAuth 2 client id and
 * secret.
 *
 * @param consumerKey the consumer key; required
 * @param consumerSecret the consumer secret; null when only the key is known (Tumblr's api_key
 *     mode)
 * @param clientId the OAuth 2 client id; null when not issued
 * @param clientSecret the OAuth 2 client secret; null for public clients
 */
public record AppCredentials(
    Secret consumerKey, Secret consumerSecret, String clientId, Secret clientSecret) {

  public AppCredentials {
    Objects.requireNonNull(consumerKey, "consumerKey");
  }

  /** The usual pair from a developer portal. */
  public static AppCredentials of(String consumerKey, String consumerSecret) {
    return new AppCredentials(
        Secret.of(consumerKey), Secret.ofNullable(consumerSecret), null, null);
  }

  public AppCredentials withOAuth2Client(String id, Secret secret) {
    return new AppCredentials(consumerKey, consumerSecret, id, secret);
  }

  @Override
  public String toString() {
    return "AppCredentials[consumerKey="
        + consumerKey.masked()
        + ", consumerSecret="
        + (consumerSecret == null ? "none" : consumerSecret.masked())
        + ", clientId="
        + (Secret.ofNullable(clientId) == null ? "none" : Secret.ofNullable(clientId).masked())
        + ", clientSecret="
        + (clientSecret == null ? "none" : clientSecret.masked())
        + "]";
  }
}
