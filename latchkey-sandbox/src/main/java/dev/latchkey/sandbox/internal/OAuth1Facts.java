package dev.latchkey.sandbox.internal;

import java.util.List;

/**
 * Where a platform serves the three legs of RFC 5849 §2 and how it differs: X takes {@code
 * access_token} by POST and names the user in the answer; Tumblr documents it as GET.
 *
 * @param requestTokenPath temporary credentials (§2.1)
 * @param authorizePaths the consent pages (§2.2); X also has {@code /oauth/authenticate}
 * @param accessTokenPath token credentials (§2.3)
 * @param accessTokenByGet whether GET is also accepted on the access-token endpoint
 * @param accessTokenNamesUser whether the answer carries {@code user_id} and {@code screen_name}
 * @param invalidateTokenPaths where an access token revokes itself (X's {@code invalidate_token})
 */
public record OAuth1Facts(
    String requestTokenPath,
    List<String> authorizePaths,
    String accessTokenPath,
    boolean accessTokenByGet,
    boolean accessTokenNamesUser,
    List<String> invalidateTokenPaths) {

  public OAuth1Facts {
    authorizePaths = List.copyOf(authorizePaths);
    invalidateTokenPaths = List.copyOf(invalidateTokenPaths);
  }
}
