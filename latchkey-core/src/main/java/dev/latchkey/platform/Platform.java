package dev.latchkey.platform;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the flows and the client need to know about one platform, as data: its hosts, its
 * OAuth endpoints, how it says who you are, how it reports errors and rate limits. Adding a
 * platform means adding one of these, not branching on its name.
 *
 * @param name the short name used in account ids and flags ({@code twitter})
 * @param displayName the name shown to people ({@code X (Twitter)})
 * @param hosts the base URIs in use
 * @param alternateHosts other named host sets a person may select ({@code legacy})
 * @param oauth1 the OAuth 1.0a endpoints
 * @param oauth2 the OAuth 2 endpoints
 * @param identity calls that name the credentials' owner, tried in order
 * @param accessLevelHeader the response header giving the token's access level, or null
 * @param errorStyles the error shapes the platform answers with
 * @param rateLimitHeaders the rate-limit headers
 * @param developerPortal where a person creates an app and finds its keys
 */
public record Platform(
    String name,
    String displayName,
    Hosts hosts,
    Map<String, Hosts> alternateHosts,
    OAuth1Endpoints oauth1,
    OAuth2Endpoints oauth2,
    List<IdentityEndpoint> identity,
    String accessLevelHeader,
    List<ErrorStyle> errorStyles,
    RateLimitHeaders rateLimitHeaders,
    URI developerPortal) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  public Platform {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("platform name must be lower case, like 'twitter'");
    }
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(hosts, "hosts");
    alternateHosts = Map.copyOf(alternateHosts);
    Objects.requireNonNull(oauth1, "oauth1");
    Objects.requireNonNull(oauth2, "oauth2");
    identity = List.copyOf(identity);
    if (identity.isEmpty()) {
      throw new IllegalArgumentException("a platform needs at least one identity endpoint");
    }
    errorStyles = List.copyOf(errorStyles);
    Objects.requireNonNull(rateLimitHeaders, "rateLimitHeaders");
    Objects.requireNonNull(developerPortal, "developerPortal");
  }

  /** The same platform reached at other hosts (the sandbox, a proxy). */
  public Platform withHosts(Hosts newHosts) {
    return new Platform(
        name,
        displayName,
        newHosts,
        alternateHosts,
        oauth1,
        oauth2,
        identity,
        accessLevelHeader,
        errorStyles,
        rateLimitHeaders,
        developerPortal);
  }

  /**
   * Selects one of the named alternate host sets.
   *
   * @throws IllegalArgumentException naming the sets there are
   */
  public Platform withAlternateHosts(String hostsName) {
    Hosts alt = alternateHosts.get(hostsName.toLowerCase(Locale.ROOT));
    if (alt == null) {
      throw new IllegalArgumentException(
          name
              + " has no host set '"
              + hostsName
              + "'; choose one of "
              + (alternateHosts.isEmpty() ? "(none)" : String.join(", ", alternateHosts.keySet())));
    }
    return withHosts(alt);
  }

  /** A URI under the API base, e.g. {@code api("/1.1/statuses/user_timeline.json")}. */
  public URI api(String pathAndQuery) {
    return Hosts.resolve(hosts.api(), pathAndQuery);
  }

  /** A URI under the OAuth base. */
  public URI oauth(String pathAndQuery) {
    return Hosts.resolve(hosts.oauth(), pathAndQuery);
  }

  /** A URI under the web base. */
  public URI web(String pathAndQuery) {
    return Hosts.resolve(hosts.web(), pathAndQuery);
  }

  /** The OAuth 1.0a temporary-credentials endpoint (RFC 5849 §2.1). */
  public URI requestTokenUri() {
    return oauth(oauth1.requestTokenPath());
  }

  /** The OAuth 1.0a resource-owner authorization endpoint (RFC 5849 §2.2), without a query. */
  public URI authorizeUri() {
    return oauth(oauth1.authorizePath());
  }

  /** The OAuth 1.0a token endpoint (RFC 5849 §2.3). */
  public URI accessTokenUri() {
    return oauth(oauth1.accessTokenPath());
  }

  /** The environment-variable prefix for this platform: {@code LATCHKEY_TWITTER_}. */
  public String environmentPrefix() {
    return "LATCHKEY_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
  }
}
