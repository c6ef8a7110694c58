package dev.latchkey.oauth2;

import dev.latchkey.platform.ClientAuthentication;
import dev.latchkey.platform.Platform;
import java.net.URI;
import java.util.Objects;

/**
 * Where a platform's OAuth 2 endpoints are and how its clients authenticate to them. Platforms are
 * data: the flows read every URL from here, so the same code talks to the real API, the sandbox or
 * a proxy.
 *
 * @param platform the platform name, for messages ({@code twitter}, {@code tumblr})
 * @param authorize the authorization endpoint (RFC 6749 §3.1), opened in the person's browser
 * @param token the token endpoint for user tokens (§3.2): authorization code and refresh grants
 * @param revoke the RFC 7009 revocation endpoint, or null when the platform has none
 * @param appToken the token endpoint for app-only tokens (client credentials, §4.4)
 * @param appTokenInvalidate where app-only tokens are invalidated (Twitter), or null
 * @param clientAuthentication how a confidential client authenticates to {@code token} and {@code
 *     revoke}
 * @param appTokenAuthentication how the app authenticates to {@code appToken}
 */
public record OAuth2Endpoints(
    String platform,
    URI authorize,
    URI token,
    URI revoke,
    URI appToken,
    URI appTokenInvalidate,
    ClientAuthentication clientAuthentication,
    ClientAuthentication appTokenAuthentication) {

  /** X's real hosts. */
  public static final URI X_API = URI.create("https://api.x.com");

  /** X's web host, where people authorize apps. */
  public static final URI X_WEB = URI.create("https://x.com");

  /** Tumblr's real API host. */
  public static final URI TUMBLR_API = URI.create("https://api.tumblr.com");

  /** Tumblr's web host. */
  public static final URI TUMBLR_WEB = URI.create("https://www.tumblr.com");

  public OAuth2Endpoints {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(authorize, "authorize");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(appToken, "appToken");
    Objects.requireNonNull(clientAuthentication, "clientAuthentication");
    Objects.requireNonNull(appTokenAuthentication, "appTokenAuthentication");
  }

  /**
   * X/Twitter: {@code <web>/i/oauth2/authorize}, {@code <api>/2/oauth2/token}, {@code
   * <api>/2/oauth2/revoke}, {@code <api>/oauth2/token} and {@code <api>/oauth2/invalidate_token}.
   *
   * @param api the API base, e.g. {@code https://api.x.com} or the sandbox
   * @param web the web base, e.g. {@code https://x.com} (legacy {@code https://twitter.com})
   */
  public static OAuth2Endpoints twitter(URI api, URI web) {
    return new OAuth2Endpoints(
        "twitter",
        resolve(web, "/i/oauth2/authorize"),
        resolve(api, "/2/oauth2/token"),
        resolve(api, "/2/oauth2/revoke"),
        resolve(api, "/oauth2/token"),
        resolve(api, "/oauth2/invalidate_token"),
        ClientAuthentication.BASIC,
        ClientAuthentication.BASIC);
  }

  /**
   * Tumblr: {@code <web>/oauth2/authorize} and {@code <api>/v2/oauth2/token} for every grant, with
   * the client id and secret in the body. Tumblr documents no revocation endpoint.
   */
  public static OAuth2Endpoints tumblr(URI api, URI web) {
    return new OAuth2Endpoints(
        "tumblr",
        resolve(web, "/oauth2/authorize"),
        resolve(api, "/v2/oauth2/token"),
        null,
        resolve(api, "/v2/oauth2/token"),
        null,
        ClientAuthentication.BODY,
        ClientAuthentication.BODY);
  }

  /**
   * The endpoints of a platform description at its configured hosts: the consent page under its web
   * base, the token, revocation and app-only endpoints under its API base.
   *
   * @throws IllegalArgumentException when the platform has no OAuth 2 token endpoint
   */
  public static OAuth2Endpoints of(Platform platform) {
    dev.latchkey.platform.OAuth2Endpoints paths = platform.oauth2();
    if (paths.tokenPath() == null || paths.authorizePath() == null) {
      throw new IllegalArgumentException(platform.name() + " has no OAuth 2 endpoints");
    }
    String appOnly =
        paths.appOnlyTokenPath() != null ? paths.appOnlyTokenPath() : paths.tokenPath();
    return new OAuth2Endpoints(
        platform.name(),
        platform.web(paths.authorizePath()),
        platform.api(paths.tokenPath()),
        paths.revokePath() == null ? null : platform.api(paths.revokePath()),
        platform.api(appOnly),
        paths.appOnlyInvalidatePath() == null ? null : platform.api(paths.appOnlyInvalidatePath()),
        paths.clientAuthentication(),
        paths.clientAuthentication());
  }

  /** Joins a base URI (with or without a path prefix or trailing slash) and an absolute path. */
  static URI resolve(URI base, String path) {
    String b = base.toString();
    while (b.endsWith("/")) {
      b = b.substring(0, b.length() - 1);
    }
    return URI.create(b + path);
  }
}
