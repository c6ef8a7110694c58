package dev.latchkey.platform;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything the flows, the client and the account layer need to know about one platform, as data:
 * its hosts, its OAuth endpoints (either may be absent), how it says who you are, its endpoint
 * table (which credentials each call takes, the scopes it needs, how its pages turn, its rate-limit
 * budget), how it reports errors and rate limits, and what its errors mean. Adding a platform means
 * adding one of these, not branching on its name. Immutable.
 */
public final class Platform {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  private final String name;
  private final String displayName;
  private final Hosts hosts;
  private final Map<String, Hosts> alternateHosts;
  private final OAuth1Endpoints oauth1;
  private final OAuth2Endpoints oauth2;
  private final List<IdentityEndpoint> identity;
  private final String accessLevelHeader;
  private final List<ErrorStyle> errorStyles;
  private final RateLimitHeaders rateLimitHeaders;
  private final String rateLimitName;
  private final List<RateLimitWindow> moreRateLimitWindows;
  private final URI developerPortal;
  private final KeyRegeneration keyRegeneration;
  private final String apiKeyParameter;
  private final URI connectedApps;
  private final List<Endpoint> endpoints;
  private final List<ErrorRule> errors;

  private Platform(Builder b) {
    if (b.name == null || !NAME.matcher(b.name).matches()) {
      throw new IllegalArgumentException("platform name must be lower case, like 'twitter'");
    }
    this.name = b.name;
    this.displayName = Objects.requireNonNull(b.displayName, "displayName");
    this.hosts = Objects.requireNonNull(b.hosts, name + " needs hosts");
    this.alternateHosts = Map.copyOf(b.alternateHosts);
    this.oauth1 = b.oauth1;
    this.oauth2 = b.oauth2;
    this.identity = List.copyOf(b.identity);
    if (identity.isEmpty()) {
      throw new IllegalArgumentException(name + " needs at least one identity endpoint");
    }
    this.accessLevelHeader = b.accessLevelHeader;
    this.errorStyles = List.copyOf(b.errorStyles);
    this.rateLimitHeaders = Objects.requireNonNull(b.rateLimitHeaders, "rateLimitHeaders");
    this.rateLimitName = b.rateLimitName;
    this.moreRateLimitWindows = List.copyOf(b.moreRateLimitWindows);
    this.developerPortal = Objects.requireNonNull(b.developerPortal, "developerPortal");
    this.keyRegeneration =
        b.keyRegeneration != null
            ? b.keyRegeneration
            : new KeyRegeneration(
                developerPortal, "open the app and regenerate its consumer key and secret");
    this.apiKeyParameter = b.apiKeyParameter;
    this.connectedApps = b.connectedApps;
    this.endpoints = List.copyOf(b.endpoints);
    this.errors = List.copyOf(b.errors);
  }

  /** A description to fill in, for {@code name} ({@code mastodon}) shown as {@code displayName}. */
  public static Builder builder(String name, String displayName) {
    Builder b = new Builder();
    b.name = name;
    b.displayName = displayName;
    return b;
  }

  /** A builder holding this description, to change a part of it. */
  public Builder toBuilder() {
    Builder b = builder(name, displayName);
    b.hosts = hosts;
    b.alternateHosts.putAll(alternateHosts);
    b.oauth1 = oauth1;
    b.oauth2 = oauth2;
    b.identity.addAll(identity);
    b.accessLevelHeader = accessLevelHeader;
    b.errorStyles.addAll(errorStyles);
    b.rateLimitHeaders = rateLimitHeaders;
    b.rateLimitName = rateLimitName;
    b.moreRateLimitWindows.addAll(moreRateLimitWindows);
    b.developerPortal = developerPortal;
    b.keyRegeneration = keyRegeneration;
    b.apiKeyParameter = apiKeyParameter;
    b.connectedApps = connectedApps;
    b.endpoints.addAll(endpoints);
    b.errors.addAll(errors);
    return b;
  }

  /** The short name used in account ids and flags ({@code twitter}). */
  public String name() {
    return name;
  }

  /** The name shown to people ({@code X (Twitter)}). */
  public String displayName() {
    return displayName;
  }

  /** The base URIs in use. */
  public Hosts hosts() {
    return hosts;
  }

  /** Other named host sets a person may select ({@code legacy}). */
  public Map<String, Hosts> alternateHosts() {
    return alternateHosts;
  }

  /** The OAuth 1.0a endpoints, when the platform has OAuth 1.0a. */
  public Optional<OAuth1Endpoints> oauth1() {
    return Optional.ofNullable(oauth1);
  }

  /** The OAuth 2 endpoints, when the platform has OAuth 2. */
  public Optional<OAuth2Endpoints> oauth2() {
    return Optional.ofNullable(oauth2);
  }

  /** Calls that name the credentials' owner, tried in order. */
  public List<IdentityEndpoint> identity() {
    return identity;
  }

  /** The response header giving the token's access level ({@code x-access-level}), if any. */
  public Optional<String> accessLevelHeader() {
    return Optional.ofNullable(accessLevelHeader);
  }

  /** The error shapes the platform answers with. */
  public List<ErrorStyle> errorStyles() {
    return errorStyles;
  }

  /** The rate-limit headers of the main window (X's 15 minutes, Tumblr's hour). */
  public RateLimitHeaders rateLimitHeaders() {
    return rateLimitHeaders;
  }

  /**
   * Every rate-limit window the answers may report, the main one first, then the longer caps (X's
   * 24-hour app and user caps, Tumblr's daily limit).
   */
  public List<RateLimitWindow> rateLimitWindows() {
    List<RateLimitWindow> all = new ArrayList<>();
    all.add(new RateLimitWindow(rateLimitName, rateLimitHeaders));
    all.addAll(moreRateLimitWindows);
    return List.copyOf(all);
  }

  /** Where a person creates an app and finds its keys. */
  public URI developerPortal() {
    return developerPortal;
  }

  /** Where and how a person regenerates the app's consumer key and secret after a leak. */
  public KeyRegeneration keyRegeneration() {
    return keyRegeneration;
  }

  /**
   * The portal page and the steps on it that give an app new keys, so that {@code latchkey rotate}
   * can tell a person where to go.
   *
   * @param page the page to open
   * @param steps what to do there, naming the buttons as the page does
   */
  public record KeyRegeneration(URI page, String steps) {
    public KeyRegeneration {
      Objects.requireNonNull(page, "page");
      Objects.requireNonNull(steps, "steps");
    }
  }

  /** The query parameter that carries the app's key on API-key calls (Tumblr's {@code api_key}). */
  public Optional<String> apiKeyParameter() {
    return Optional.ofNullable(apiKeyParameter);
  }

  /**
   * The page where a person sees the apps that may act for their account and takes access away:
   * where to revoke what the platform's API cannot.
   */
  public Optional<URI> connectedApps() {
    return Optional.ofNullable(connectedApps);
  }

  /** The endpoint table. */
  public List<Endpoint> endpoints() {
    return endpoints;
  }

  /** The error table, most specific rows first. */
  public List<ErrorRule> errors() {
    return errors;
  }

  /**
   * The table's entry for a call, the most specific template winning ({@code /2/users/me} over
   * {@code /2/users/{id}}); empty for calls the table does not know.
   *
   * @param path the path under the API base; a query is ignored
   */
  public Optional<Endpoint> endpoint(String method, String path) {
    String p = withoutQuery(path);
    return endpoints.stream()
        .filter(e -> e.matches(method, p))
        .max(Comparator.comparingInt(Endpoint::specificity));
  }

  /** True when the table knows this call. */
  public boolean serves(String method, String path) {
    return endpoint(method, path).isPresent();
  }

  /**
   * What an answer means, from the error table: the first row that matches, else {@link
   * ProblemKind#UNKNOWN}.
   *
   * @param status the HTTP status (0 when no answer was involved)
   * @param codes the platform's error codes in the answer
   * @param problemType the v2 problem type URI, or null
   * @param problemTitle the v2 problem title, or null
   * @param oauthError the RFC 6749 error, or null
   * @param path the path asked under its base, or null when unknown; a query is ignored
   */
  public ProblemKind problem(
      int status,
      Collection<Integer> codes,
      String problemType,
      String problemTitle,
      String oauthError,
      String path) {
    String p = path == null ? null : withoutQuery(path);
    for (ErrorRule rule : errors) {
      if (rule.matches(status, codes, problemType, problemTitle, oauthError, p)) {
        return rule.kind();
      }
    }
    return ProblemKind.UNKNOWN;
  }

  /** The same platform reached at other hosts (the sandbox, a proxy). */
  public Platform withHosts(Hosts newHosts) {
    Builder b = toBuilder();
    b.hosts = newHosts;
    return b.build();
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

  /**
   * The path of {@code uri} under this platform's API or OAuth base (the sandbox's {@code /twitter}
   * prefix taken off), without its query; the raw path when it is under neither.
   */
  public String pathUnderBase(URI uri) {
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    for (URI base : List.of(hosts.api(), hosts.oauth())) {
      if (sameOrigin(base, uri)) {
        String prefix = base.getRawPath() == null ? "" : base.getRawPath();
        if (!prefix.isEmpty() && path.startsWith(prefix + "/")) {
          return path.substring(prefix.length());
        }
        if (prefix.isEmpty()) {
          return path;
        }
      }
    }
    return path;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(a.getScheme(), b.getScheme())
        && Objects.equals(a.getHost(), b.getHost())
        && a.getPort() == b.getPort();
  }

  /** The OAuth 1.0a temporary-credentials endpoint (RFC 5849 §2.1). */
  public URI requestTokenUri() {
    return oauth(requireOAuth1().requestTokenPath());
  }

  /** The OAuth 1.0a resource-owner authorization endpoint (RFC 5849 §2.2), without a query. */
  public URI authorizeUri() {
    return oauth(requireOAuth1().authorizePath());
  }

  /** The OAuth 1.0a token endpoint (RFC 5849 §2.3). */
  public URI accessTokenUri() {
    return oauth(requireOAuth1().accessTokenPath());
  }

  private OAuth1Endpoints requireOAuth1() {
    if (oauth1 == null) {
      throw new IllegalStateException(displayName + " has no OAuth 1.0a endpoints");
    }
    return oauth1;
  }

  /** The environment-variable prefix for this platform: {@code LATCHKEY_TWITTER_}. */
  public String environmentPrefix() {
    return "LATCHKEY_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
  }

  private static String withoutQuery(String path) {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  @Override
  public String toString() {
    return "Platform[" + name + " at " + hosts.api() + "]";
  }

  /** Fills in a {@link Platform}. */
  public static final class Builder {
    private String name;
    private String displayName;
    private Hosts hosts;
    private final Map<String, Hosts> alternateHosts = new LinkedHashMap<>();
    private OAuth1Endpoints oauth1;
    private OAuth2Endpoints oauth2;
    private final List<IdentityEndpoint> identity = new ArrayList<>();
    private String accessLevelHeader;
    private final List<ErrorStyle> errorStyles = new ArrayList<>();
    private RateLimitHeaders rateLimitHeaders;
    private String rateLimitName = "rate limit";
    private final List<RateLimitWindow> moreRateLimitWindows = new ArrayList<>();
    private URI developerPortal;
    private KeyRegeneration keyRegeneration;
    private String apiKeyParameter;
    private URI connectedApps;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final List<ErrorRule> errors = new ArrayList<>();

    private Builder() {}

    /** The real hosts. */
    public Builder hosts(Hosts value) {
      this.hosts = value;
      return this;
    }

    /** Another host set a person may select by name ({@code legacy}). */
    public Builder alternateHosts(String setName, Hosts value) {
      alternateHosts.put(setName, value);
      return this;
    }

    /** The OAuth 1.0a endpoints; leave unset on a platform without OAuth 1.0a. */
    public Builder oauth1(OAuth1Endpoints value) {
      this.oauth1 = value;
      return this;
    }

    /** The OAuth 2 endpoints; leave unset on a platform without OAuth 2. */
    public Builder oauth2(OAuth2Endpoints value) {
      this.oauth2 = value;
      return this;
    }

    /** A call that names the credentials' owner; add them in the order to try. */
    public Builder identity(IdentityEndpoint value) {
      identity.add(value);
      return this;
    }

    /** The header giving a token's access level. */
    public Builder accessLevelHeader(String value) {
      this.accessLevelHeader = value;
      return this;
    }

    /** An error shape the platform answers with. */
    public Builder errorStyle(ErrorStyle value) {
      errorStyles.add(value);
      return this;
    }

    /** The rate-limit headers of the main window, called {@code rate limit} for people. */
    public Builder rateLimitHeaders(RateLimitHeaders value) {
      this.rateLimitHeaders = value;
      return this;
    }

    /**
     * The rate-limit headers of the main window, and its name for people ({@code hourly limit}).
     */
    public Builder rateLimitHeaders(String windowName, RateLimitHeaders value) {
      this.rateLimitName = Objects.requireNonNull(windowName, "windowName");
      this.rateLimitHeaders = value;
      return this;
    }

    /** Another window the answers report beside the main one (a 24-hour or daily cap). */
    public Builder rateLimitWindow(String windowName, RateLimitHeaders value) {
      moreRateLimitWindows.add(new RateLimitWindow(windowName, value));
      return this;
    }

    /** Where a person creates an app. */
    public Builder developerPortal(URI value) {
      this.developerPortal = value;
      return this;
    }

    /** Where and how the app's keys are regenerated (default: the developer portal). */
    public Builder keyRegeneration(URI page, String steps) {
      this.keyRegeneration = new KeyRegeneration(page, steps);
      return this;
    }

    /** The query parameter of API-key calls ({@code api_key}). */
    public Builder apiKeyParameter(String value) {
      this.apiKeyParameter = value;
      return this;
    }

    /** The page where a person removes an app's access to their account. */
    public Builder connectedApps(URI value) {
      this.connectedApps = value;
      return this;
    }

    /** Endpoint table entries. */
    public Builder endpoints(List<Endpoint> values) {
      endpoints.addAll(values);
      return this;
    }

    /** Error table rows, in the order they are tried. */
    public Builder errors(List<ErrorRule> values) {
      errors.addAll(values);
      return this;
    }

    /** The description, checked. */
    public Platform build() {
      return new Platform(this);
    }
  }
}
