package dev.latchkey.oauth2;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * One authorization attempt (RFC 6749 §4.1.1 with RFC 7636): the URL to open in the person's
 * browser and what the client keeps to finish it, the {@code state} to check and the PKCE verifier.
 *
 * @param uri the full authorization URL to open
 * @param redirectUri where the platform sends the person back
 * @param state the random value the answer must carry back (RFC 6749 §10.12)
 * @param pkce the code verifier and challenge
 * @param scopes the scopes asked for
 */
public record AuthorizationRequest(
    URI uri, URI redirectUri, String state, Pkce pkce, Set<String> scopes) {

  public AuthorizationRequest {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(redirectUri, "redirectUri");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(pkce, "pkce");
    scopes = Set.copyOf(scopes);
  }
}
