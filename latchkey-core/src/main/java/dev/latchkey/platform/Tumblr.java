package dev.latchkey.platform;

import static dev.latchkey.platform.CredentialKind.API_KEY;
import static dev.latchkey.platform.CredentialKind.APP_ONLY;
import static dev.latchkey.platform.CredentialKind.NONE;
import static dev.latchkey.platform.CredentialKind.OAUTH1_USER;
import static dev.latchkey.platform.CredentialKind.OAUTH2_USER;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tumblr as data, from its API document ({@code /work/shared/reference/tumblr-api-official.md}):
 * "API Key" endpoints take {@code api_key=<consumer key>}, "OAuth" endpoints a user's OAuth 1.0a or
 * OAuth 2 token (scope {@code basic} to read, {@code write} to post); pages turn by {@code offset}
 * (at most 20 a page), tags by {@code before}. Every call counts against the consumer key's 1,000
 * calls an hour.
 */
final class Tumblr {
  private Tumblr() {}

  /**
   * "API key" methods: {@code api_key}, or any OAuth credential (what pytumblr and tumblr.js send
   * when they have one, and the app-only token of the client-credentials grant).
   */
  private static final Set<CredentialKind> KEY =
      Set.of(API_KEY, OAUTH1_USER, OAUTH2_USER, APP_ONLY);

  private static final Set<CredentialKind> USER = Set.of(OAUTH1_USER, OAUTH2_USER);
  private static final Set<String> BASIC = Set.of("basic");
  private static final Set<String> WRITE = Set.of("write");
  private static final RateLimitFamily PER_KEY =
      new RateLimitFamily("consumer key", 1000, 1000, Duration.ofHours(1));
  static final String ACCESS_TOKEN_PATH = "/oauth/access_token";

  static Platform description() {
    return Platform.builder("tumblr", "Tumblr")
        .hosts(
            new Hosts(
                URI.create("https://api.tumblr.com"),
                URI.create("https://www.tumblr.com"),
                URI.create("https://www.tumblr.com")))
        .oauth1(
            new OAuth1Endpoints(
                "/oauth/request_token", "/oauth/authorize", ACCESS_TOKEN_PATH, "GET", null))
        .oauth2(
            new OAuth2Endpoints(
                "/oauth2/authorize",
                "/v2/oauth2/token",
                null,
                null,
                null,
                ClientAuthentication.BODY,
                "/v2/blog/staff/info",
                List.of("basic", "offline_access"),
                true))
        .identity(new IdentityEndpoint("/v2/user/info", null, "/response/user/name"))
        .errorStyle(ErrorStyle.TUMBLR_META)
        .rateLimitHeaders(
            "hourly limit",
            new RateLimitHeaders(
                "x-ratelimit-perhour-limit",
                "x-ratelimit-perhour-remaining",
                "x-ratelimit-perhour-reset",
                RateLimitHeaders.Reset.DELAY_SECONDS))
        .rateLimitWindow(
            "daily limit",
            new RateLimitHeaders(
                "x-ratelimit-perday-limit",
                "x-ratelimit-perday-remaining",
                "x-ratelimit-perday-reset",
                RateLimitHeaders.Reset.DELAY_SECONDS))
        .developerPortal(URI.create("https://www.tumblr.com/oauth/apps"))
        .keyRegeneration(
            URI.create("https://www.tumblr.com/oauth/apps"),
            "find the app; if its page offers no reset of the secret key, press \"+ Register"
                + " application\" to make a new one and delete the leaked one (its OAuth"
                + " consumer key and secret key stop working)")
        .apiKeyParameter("api_key")
        .connectedApps(URI.create("https://www.tumblr.com/settings/apps"))
        .endpoints(endpoints())
        .errors(errors())
        .build();
  }

  private static List<Endpoint> endpoints() {
    List<Endpoint> e = new ArrayList<>();
    e.add(get("/v2/blog/{blog}/info", KEY, Set.of(), Pagination.none("/response/blog")));
    e.add(get("/v2/blog/{blog}/avatar", Set.of(NONE), Set.of(), Pagination.none("")));
    e.add(get("/v2/blog/{blog}/avatar/{size}", Set.of(NONE), Set.of(), Pagination.none("")));
    e.add(get("/v2/blog/{blog}/posts", KEY, Set.of(), Pagination.offset("/response/posts", 20)));
    e.add(
        get(
            "/v2/blog/{blog}/posts/{type}",
            KEY,
            Set.of(),
            Pagination.offset("/response/posts", 20)));
    e.add(
        get(
            "/v2/blog/{blog}/likes",
            KEY,
            Set.of(),
            Pagination.offset("/response/liked_posts", 20)));
    e.add(get("/v2/blog/{blog}/followers", USER, BASIC, Pagination.offset("/response/users", 20)));
    e.add(get("/v2/blog/{blog}/following", USER, BASIC, Pagination.offset("/response/blogs", 20)));
    e.add(
        new Endpoint(
            "POST", "/v2/blog/{blog}/posts", USER, WRITE, Pagination.none("/response"), PER_KEY));
    e.add(
        new Endpoint(
            "POST", "/v2/blog/{blog}/post", USER, WRITE, Pagination.none("/response"), PER_KEY));
    e.add(get("/v2/tagged", KEY, Set.of(), Pagination.before("/response", "/timestamp", 20)));
    e.add(get("/v2/user/info", USER, BASIC, Pagination.none("/response/user")));
    e.add(get("/v2/user/dashboard", USER, BASIC, Pagination.offset("/response/posts", 20)));
    e.add(get("/v2/user/likes", USER, BASIC, Pagination.offset("/response/liked_posts", 20)));
    e.add(get("/v2/user/following", USER, BASIC, Pagination.offset("/response/blogs", 20)));
    return e;
  }

  private static List<ErrorRule> errors() {
    List<ErrorRule> r = new ArrayList<>();
    r.add(ErrorRule.statuses(400, 401, ProblemKind.VERIFIER_REJECTED).onPath(ACCESS_TOKEN_PATH));
    r.addAll(OAuth2Errors.RULES);
    r.addAll(HttpStatuses.RULES);
    return r;
  }

  private static Endpoint get(
      String path, Set<CredentialKind> accepts, Set<String> scopes, Pagination pages) {
    return new Endpoint("GET", path, accepts, scopes, pages, PER_KEY);
  }
}
