package dev.latchkey.keychain;

import java.util.Objects;

/**
 * An OAuth 1.0a user token (RFC 5849 "token credentials"), with the identity it belongs to when the
 * platform told us.
 *
 * @param token the access token
 * @param tokenSecret the access token secret
 * @param userId the platform's user id, or null
 * @param screenName the user's screen name (Tumblr: primary blog name), or null
 * @param accessLevel the access level the API reports ({@code read}, {@code read-write}, {@code
 *     read-write-directmessages}), or null when not yet checked
 */
public record OAuth1Token(
    Secret token, Secret tokenSecret, String userId, String screenName, String accessLevel) {

  public OAuth1Token {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(tokenSecret, "tokenSecret");
  }

  /** A token whose owner is not known yet. */
  public static OAuth1Token of(String token, String tokenSecret) {
    return new OAuth1Token(Secret.of(token), Secret.of(tokenSecret), null, null, null);
  }

  public OAuth1Token withIdentity(String userId, String screenName, String accessLevel) {
    return new OAuth1Token(token, tokenSecret, userId, screenName, accessLevel);
  }

  @Override
  public String toString() {
    return "OAuth1Token[token="
        + token.masked()
        + ", tokenSecret="
        + tokenSecret.masked()
        + ", userId="
        + userId
        + ", screenName="
        + screenName
        + ", accessLevel="
        + accessLevel
        + "]";
  }
}
