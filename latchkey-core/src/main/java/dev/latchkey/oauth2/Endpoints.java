package dev.latchkey.oauth2;

import dev.latchkey.platform.ClientAuthentication;
import dev.latchkey.platform.OAuth2Endpoints;
import dev.latchkey.platform.Platform;
import java.net.URI;

/**
 * A platform's {@link OAuth2Endpoints} resolved against the hosts it is configured with: the
 * consent page under the web base, the token, revocation and app-only endpoints under the API base.
 * The grants read every URL from here, so the same code talks to the real API, the sandbox or a
 * proxy.
 *
 * @param platform the platform name, for messages
 * @param revoke null when the platform has no RFC 7009 endpoint
 * @param appTokenInvalidate null when the platform cannot invalidate app-only tokens
 */
record Endpoints(
    String platform,
    URI authorize,
    URI token,
    URI revoke,
    URI appToken,
    URI appTokenInvalidate,
    ClientAuthentication clientAuthentication) {

  /**
   * The OAuth 2 endpoints of {@code platform} at its hosts.
   *
   * @throws IllegalArgumentException when the platform has no OAuth 2 token endpoint
   */
  static Endpoints of(Platform platform) {
    OAuth2Endpoints paths = platform.oauth2().orElse(null);
    if (paths == null || paths.tokenPath() == null || paths.authorizePath() == null) {
      throw new IllegalArgumentException(platform.displayName() + " has no OAuth 2 endpoints");
    }
    String appOnly =
        paths.appOnlyTokenPath() != null ? paths.appOnlyTokenPath() : paths.tokenPath();
    return new Endpoints(
        platform.name(),
        platform.web(paths.authorizePath()),
        platform.api(paths.tokenPath()),
        paths.revokePath() == null ? null : platform.api(paths.revokePath()),
        platform.api(appOnly),
        paths.appOnlyInvalidatePath() == null ? null : platform.api(paths.appOnlyInvalidatePath()),
        paths.clientAuthentication());
  }
}
