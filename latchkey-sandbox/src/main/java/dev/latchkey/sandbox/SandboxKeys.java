package dev.latchkey.sandbox;

import dev.latchkey.keychain.Secret;
import java.util.Objects;

/**
 * The four OAuth 1.0a credentials of a sandbox app, as a developer portal shows them: consumer key
 * and secret plus the owner's access token and secret (RFC 5849 §1.1 client and token credentials).
 *
 * <p>These are sandbox-only values, but {@link #toString()} masks them anyway so that the habit
 * holds.
 */
public record SandboxKeys(
    String consumerKey, String consumerSecret, String accessToken, String accessTokenSecret) {

  public SandboxKeys {
    Objects.requireNonNull(consumerKey, "consumerKey");
    Objects.requireNonNull(consumerSecret, "consumerSecret");
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(accessTokenSecret, "accessTokenSecret");
  }

  @Override
  public String toString() {
    return "SandboxKeys[consumerKey="
        + Secret.of(consumerKey).masked()
        + ", consumerSecret="
        + Secret.of(consumerSecret).masked()
        + ", accessToken="
        + Secret.of(accessToken).masked()
        + ", accessTokenSecret="
        + Secret.of(accessTokenSecret).masked()
        + "]";
  }
}
