package dev.latchkey.platform;

import java.util.Objects;

/**
 * The paths of the three-legged OAuth 1.0a flow (RFC 5849 §2) under a platform's OAuth base.
 *
 * @param requestTokenPath temporary credentials (§2.1), always POST
 * @param authorizePath where the person approves the app (§2.2)
 * @param accessTokenPath token credentials (§2.3)
 * @param accessTokenMethod {@code POST} or {@code GET} for the access token call
 * @param invalidateTokenPath where a token is revoked (under the API base), or null
 */
public record OAuth1Endpoints(
    String requestTokenPath,
    String authorizePath,
    String accessTokenPath,
    String accessTokenMethod,
    String invalidateTokenPath) {
  public OAuth1Endpoints {
    Objects.requireNonNull(requestTokenPath, "requestTokenPath");
    Objects.requireNonNull(authorizePath, "authorizePath");
    Objects.requireNonNull(accessTokenPath, "accessTokenPath");
    Objects.requireNonNull(accessTokenMethod, "accessTokenMethod");
  }
}
