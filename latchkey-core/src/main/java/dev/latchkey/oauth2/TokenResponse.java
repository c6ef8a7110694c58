package dev.latchkey.oauth2;

import dev.latchkey.keychain.BearerToken;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.keychain.Secret;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A successful token endpoint answer (RFC 6749 §5.1), before it becomes a keychain credential.
 *
 * @param accessToken the access token
 * @param tokenType the token type, lower-cased ({@code bearer})
 * @param expiresIn lifetime in seconds, or null when not given
 * @param scope the granted scopes as sent (space-separated), or null when not given
 * @param refreshToken the refresh token, or null
 */
record TokenResponse(
    Secret accessToken, String tokenType, Long expiresIn, String scope, Secret refreshToken) {

  /** The granted scopes, or {@code requested} when the server did not say (§5.1). */
  Set<String> scopes(Set<String> requested) {
    if (scope == null) {
      return requested;
    }
    Set<String> out = new LinkedHashSet<>();
    Arrays.stream(scope.trim().split("[ ,]+")).filter(s -> !s.isEmpty()).forEach(out::add);
    return out;
  }

  /** The token, recorded with the client it was issued to (so refresh and revoke use it). */
  OAuth2Token toOAuth2Token(Clock clock, Set<String> requestedScopes, OAuth2Client client) {
    return new OAuth2Token(
        accessToken,
        refreshToken,
        expiresIn == null ? null : clock.instant().plusSeconds(expiresIn),
        scopes(requestedScopes),
        client.id(),
        client.secret());
  }

  BearerToken toBearerToken(Clock clock) {
    return new BearerToken(accessToken, clock.instant());
  }

  @Override
  public String toString() {
    return "TokenResponse[accessToken="
        + accessToken.masked()
        + ", tokenType="
        + tokenType
        + ", expiresIn="
        + expiresIn
        + ", scope="
        + scope
        + ", refreshToken="
        + (refreshToken == null ? "none" : refreshToken.masked())
        + "]";
  }
}
