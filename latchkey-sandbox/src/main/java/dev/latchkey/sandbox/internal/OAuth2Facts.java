package dev.latchkey.sandbox.internal;

import java.util.Optional;
import java.util.Set;

/**
 * Where a platform serves OAuth 2 and how strict it is (protocol-facts C, D; Tumblr's api.md).
 *
 * @param authorizePath the consent page (X {@code /i/oauth2/authorize}, Tumblr {@code
 *     /oauth2/authorize})
 * @param tokenPath the token endpoint of the authorization-code and refresh grants
 * @param revokePath RFC 7009 revocation, when the platform has it
 * @param appTokenPath a separate app-only token endpoint (X's {@code /oauth2/token}, Basic auth
 *     only), when the platform has one
 * @param appTokenInvalidatePath where an app-only token is invalidated, when the platform has it
 * @param clientCredentialsScope the scope granted by {@code grant_type=client_credentials} on the
 *     token endpoint itself (Tumblr's {@code basic}), or empty when that grant is not served there
 * @param apiPrefix the API path prefix where bearer tokens are accepted ({@code /2/}, {@code /v2/})
 * @param pkceRequired whether {@code code_challenge} is required (X) or optional (Tumblr)
 * @param stateRequired whether {@code state} is required at the authorize page
 * @param singleRedirectIsDefault whether {@code redirect_uri} may be left out when the client has
 *     exactly one registered (Tumblr)
 * @param redirectUriRequiredAtToken whether the code exchange must repeat {@code redirect_uri}
 * @param offlineScope the scope that earns a refresh token ({@code offline.access}, {@code
 *     offline_access})
 * @param writeScopes scopes that make a token read-write
 * @param directMessageScopes scopes that make a token read-write-directmessages
 * @param maxVerifierLength the longest PKCE code verifier accepted; RFC 7636 §4.1 says 128, but X
 *     accepts the 171-character verifiers Debian's oauthlib makes (tweepy's PKCE flow)
 */
public record OAuth2Facts(
    String authorizePath,
    String tokenPath,
    Optional<String> revokePath,
    Optional<String> appTokenPath,
    Optional<String> appTokenInvalidatePath,
    Optional<String> clientCredentialsScope,
    String apiPrefix,
    boolean pkceRequired,
    boolean stateRequired,
    boolean singleRedirectIsDefault,
    boolean redirectUriRequiredAtToken,
    String offlineScope,
    Set<String> writeScopes,
    Set<String> directMessageScopes,
    int maxVerifierLength) {

  public OAuth2Facts {
    writeScopes = Set.copyOf(writeScopes);
    directMessageScopes = Set.copyOf(directMessageScopes);
  }

  /** The access level a set of granted scopes gives. */
  public AccessLevel access(Set<String> scopes) {
    for (String s : scopes) {
      if (directMessageScopes.contains(s)) {
        return AccessLevel.READ_WRITE_DIRECTMESSAGES;
      }
    }
    for (String s : scopes) {
      if (writeScopes.contains(s)) {
        return AccessLevel.READ_WRITE;
      }
    }
    return AccessLevel.READ;
  }
}
