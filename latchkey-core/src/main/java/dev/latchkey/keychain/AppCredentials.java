package dev.latchkey.keychain;

/**
 * The credentials of a developer app: the OAuth 1.0a consumer key and secret (the portal's "API
 * key" and "API key secret"), and, where the platform issues them, the OAuth 2 client id and
 * secret. An app of a platform without OAuth 1.0a is an OAuth 2 client alone.
 *
 * @param consumerKey the consumer key; null only for an app that is an OAuth 2 client alone
 * @param consumerSecret the consumer secret; null when only the key is known (Tumblr's api_key
 *     mode) or there is no consumer key
 * @param clientId the OAuth 2 client id; null when not issued
 * @param clientSecret the OAuth 2 client secret; null for public clients
 */
public record AppCredentials(
    Secret consumerKey, Secret consumerSecret, String clientId, Secret clientSecret) {

  public AppCredentials {
    if (consumerKey == null && (clientId == null || clientId.isBlank())) {
      throw new IllegalArgumentException("an app needs a consumer key or an OAuth 2 client id");
    }
    if (consumerKey == null && consumerSecret != null) {
      throw new IllegalArgumentException("a consumer secret needs its consumer key");
    }
  }

  /** The usual pair from a developer portal. */
  public static AppCredentials of(String consumerKey, String consumerSecret) {
    return new AppCredentials(
        Secret.of(consumerKey), Secret.ofNullable(consumerSecret), null, null);
  }

  /** An app that is an OAuth 2 client alone; {@code secret} null for a public client. */
  public static AppCredentials oauth2Client(String clientId, Secret secret) {
    return new AppCredentials(null, null, clientId, secret);
  }

  public AppCredentials withOAuth2Client(String id, Secret secret) {
    return new AppCredentials(consumerKey, consumerSecret, id, secret);
  }

  /** True when the app can sign OAuth 1.0a requests: it has the consumer key and its secret. */
  public boolean hasConsumerSecret() {
    return consumerKey != null && consumerSecret != null;
  }

  /** The value that tells this app apart in lists, masked: the consumer key, else the client id. */
  public String maskedKey() {
    return consumerKey != null ? consumerKey.masked() : Secret.of(clientId).masked();
  }

  @Override
  public String toString() {
    return "AppCredentials[consumerKey="
        + (consumerKey == null ? "none" : consumerKey.masked())
        + ", consumerSecret="
        + (consumerSecret == null ? "none" : consumerSecret.masked())
        + ", clientId="
        + (Secret.ofNullable(clientId) == null ? "none" : Secret.ofNullable(clientId).masked())
        + ", clientSecret="
        + (clientSecret == null ? "none" : clientSecret.masked())
        + "]";
  }
}
