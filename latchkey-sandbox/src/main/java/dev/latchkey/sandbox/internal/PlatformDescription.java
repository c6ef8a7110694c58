package dev.latchkey.sandbox.internal;

import dev.latchkey.sandbox.SandboxPlatform;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One emulated platform as data: what differs between X and Tumblr (credential shapes, OAuth
 * endpoints and their strictness, error dialects per path, seeded data style). The shared machinery
 * reads it instead of asking which platform it serves; a new platform is a new description plus its
 * routes ({@link PlatformModule}).
 *
 * @param platform the public identifier and path prefix
 * @param pageHosts the real host names whose consent pages the sandbox stands in for (requests
 *     through a proxy carry them in {@code Host})
 * @param defaultAppName the name of the pre-registered app
 * @param credentials the shapes of keys and tokens
 * @param oauth1 the three-legged endpoints
 * @param oauth2 the OAuth 2 endpoints and their rules
 * @param errorRoutes dialects by API path prefix (below the platform prefix), first match wins
 * @param defaultErrors the dialect of every other path
 * @param seed how seeded users and items look
 * @param apiKeyParameter the query parameter that carries a consumer key alone (Tumblr's {@code
 *     api_key}), or null
 */
public record PlatformDescription(
    SandboxPlatform platform,
    Set<String> pageHosts,
    String defaultAppName,
    CredentialFormats credentials,
    OAuth1Facts oauth1,
    OAuth2Facts oauth2,
    List<ErrorRoute> errorRoutes,
    ErrorDialect defaultErrors,
    SeedFacts seed,
    String apiKeyParameter) {

  /** The dialect of the paths under {@code pathPrefix}, e.g. {@code /2/} on X. */
  public record ErrorRoute(String pathPrefix, ErrorDialect dialect) {}

  public PlatformDescription {
    Objects.requireNonNull(platform, "platform");
    pageHosts = Set.copyOf(pageHosts);
    errorRoutes = List.copyOf(errorRoutes);
  }

  /** How pages name the platform ("X (Twitter)"). */
  public String displayName() {
    return platform.displayName();
  }

  /** The path prefix on the sandbox, e.g. {@code /twitter}. */
  public String prefix() {
    return platform.pathPrefix();
  }

  /** True when {@code path} (a full sandbox path) belongs to this platform. */
  public boolean owns(String path) {
    return path.equals(prefix()) || path.startsWith(prefix() + "/");
  }

  /** The API path below the platform prefix: {@code /twitter/2/users/me} → {@code /2/users/me}. */
  public String apiPath(String path) {
    return owns(path) ? path.substring(prefix().length()) : path;
  }

  /** The error dialect of a full sandbox path of this platform. */
  public ErrorDialect errors(String path) {
    String api = apiPath(path);
    for (ErrorRoute r : errorRoutes) {
      if (api.startsWith(r.pathPrefix())) {
        return r.dialect();
      }
    }
    return defaultErrors;
  }
}
