package dev.latchkey.platform;

import java.util.List;
import java.util.Objects;

/**
 * The paths of a platform's OAuth 2 endpoints (RFC 6749) and how clients authenticate to them: the
 * consent page under the web base, the token and revocation endpoints under the API base. Null
 * paths where the platform lacks one.
 *
 * @param authorizePath the authorization endpoint (§3.1), under the web base
 * @param tokenPath the token endpoint (§3.2), under the API base
 * @param revokePath the revocation endpoint (RFC 7009), under the API base, or null
 * @param appOnlyTokenPath the client-credentials endpoint (§4.4), under the API base, or null when
 *     it is {@code tokenPath}
 * @param appOnlyInvalidatePath where app-only tokens are invalidated, under the API base, or null
 * @param clientAuthentication how a confidential client authenticates to every token endpoint
 * @param appOnlyCheckPath a read-only call that accepts app-only tokens, used to check one; an
 *     answer of 404 still means the token was accepted (the probed resource may not exist)
 * @param defaultScopes the scopes asked for when the user names none (with offline access, so that
 *     the token can be refreshed)
 * @param consumerKeyIsClientId true where the OAuth 1.0a consumer key doubles as the OAuth 2 client
 *     id (Tumblr), so an app needs no separate client id
 */
public record OAuth2Endpoints(
    String authorizePath,
    String tokenPath,
    String revokePath,
    String appOnlyTokenPath,
    String appOnlyInvalidatePath,
    ClientAuthentication clientAuthentication,
    String appOnlyCheckPath,
    List<String> defaultScopes,
    boolean consumerKeyIsClientId) {
  public OAuth2Endpoints {
    Objects.requireNonNull(clientAuthentication, "clientAuthentication");
    defaultScopes = defaultScopes == null ? List.of() : List.copyOf(defaultScopes);
  }
}
