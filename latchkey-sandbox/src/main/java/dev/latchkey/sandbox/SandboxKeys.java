package dev.latchkey.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

  /**
   * The keys as the {@code tw.json} of the tweepy walkthrough, which {@code latchkey keys add
   * --from-json} reads: a file a demo or a test hands to the command as a person would.
   */
  public String twJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("consumer_key", consumerKey);
    o.put("consumer_secret", consumerSecret);
    o.put("access_token", accessToken);
    o.put("access_token_secret", accessTokenSecret);
    return o.toString();
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
