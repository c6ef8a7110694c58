package dev.latchkey.platform;

import static dev.latchkey.platform.CredentialKind.APP_ONLY;
import static dev.latchkey.platform.CredentialKind.OAUTH1_USER;
import static dev.latchkey.platform.CredentialKind.OAUTH2_USER;
import static dev.latchkey.platform.RateLimitFamily.perQuarterHour;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * X (Twitter) as data. Endpoint credentials and scopes from X's OpenAPI {@code security} ({@code
 * /work/shared/reference/x-openapi.json}): v1.1 takes OAuth 1.0a user and app-only tokens, never
 * OAuth 2 user tokens; v2 takes all three where the OpenAPI lists them. Limits per 15 minutes (user
 * / app) and page sizes from X's rate-limit tables and endpoint references.
 */
final class Twitter {
  private Twitter() {}

  private static final Set<CredentialKind> USER_OR_APP = Set.of(OAUTH1_USER, APP_ONLY);
  private static final Set<CredentialKind> USER_ONLY = Set.of(OAUTH1_USER);
  private static final Set<CredentialKind> V2_ALL = Set.of(OAUTH1_USER, OAUTH2_USER, APP_ONLY);
  private static final Set<CredentialKind> V2_USER = Set.of(OAUTH1_USER, OAUTH2_USER);
  private static final Set<CredentialKind> V2_APP = Set.of(APP_ONLY);
  private static final Set<String> READ = Set.of("tweet.read", "users.read");
  private static final Set<String> FOLLOWS = Set.of("tweet.read", "users.read", "follows.read");
  private static final Set<String> WRITE = Set.of("tweet.read", "tweet.write", "users.read");
  private static final Set<String> NONE = Set.of();
  private static final String ACCESS_TOKEN_PATH = "/oauth/access_token";

  /**
   * Every field of a v2 user, in names every v2 version accepts (X's data dictionary; what twarc2
   * asks for).
   */
  private static final String USER_FIELDS =
      "created_at,description,entities,id,location,name,pinned_tweet_id,profile_image_url,"
          + "protected,public_metrics,url,username,verified,withheld";

  /** Asks a v2 call answering with users for all of a user. */
  static final Map<String, String> V2_USER_FIELDS = Map.of("user.fields", USER_FIELDS);

  /**
   * Asks a v2 call answering with tweets for all of a tweet and what it points at: its author, the
   * users it replies to and mentions, the tweets it quotes, retweets or replies to and their
   * authors, its media and place (twarc2's fields and expansions).
   */
  static final Map<String, String> V2_TWEET_FIELDS =
      ordered(
          "tweet.fields",
          "attachments,author_id,conversation_id,created_at,entities,geo,id,in_reply_to_user_id,"
              + "lang,possibly_sensitive,public_metrics,referenced_tweets,reply_settings,source,text,"
              + "withheld",
          "user.fields",
          USER_FIELDS,
          "expansions",
          "author_id,in_reply_to_user_id,referenced_tweets.id,referenced_tweets.id.author_id,"
              + "entities.mentions.username,attachments.media_keys,geo.place_id",
          "media.fields",
          "alt_text,duration_ms,height,media_key,preview_image_url,public_metrics,type,url,width",
          "place.fields",
          "contained_within,country,country_code,full_name,geo,id,name,place_type");

  private static Map<String, String> ordered(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  static Platform description() {
    Hosts x =
        new Hosts(
            URI.create("https://api.x.com"),
            URI.create("https://api.x.com"),
            URI.create("https://x.com"));
    return Platform.builder("twitter", "X (Twitter)")
        .hosts(x)
        .alternateHosts(
            "legacy",
            new Hosts(
                URI.create("https://api.twitter.com"),
                URI.create("https://api.twitter.com"),
                URI.create("https://twitter.com")))
        .alternateHosts("x", x)
        .oauth1(
            new OAuth1Endpoints(
                "/oauth/request_token",
                "/oauth/authorize",
                ACCESS_TOKEN_PATH,
                "POST",
                "/1.1/oauth/invalidate_token"))
        .oauth2(
            new OAuth2Endpoints(
                "/i/oauth2/authorize",
                "/2/oauth2/token",
                "/2/oauth2/revoke",
                "/oauth2/token",
                "/oauth2/invalidate_token",
                ClientAuthentication.BASIC,
                "/2/users/by/username/XDevelopers",
                List.of("tweet.read", "users.read", "offline.access"),
                false))
        .identity(
            new IdentityEndpoint(
                "/1.1/account/verify_credentials.json?skip_status=true", "/id_str", "/screen_name"))
        .identity(new IdentityEndpoint("/2/users/me", "/data/id", "/data/username"))
        .accessLevelHeader("x-access-level")
        .errorStyle(ErrorStyle.TWITTER_ERRORS)
        .errorStyle(ErrorStyle.PROBLEM_DETAILS)
        .rateLimitHeaders(
            new RateLimitHeaders(
                "x-rate-limit-limit",
                "x-rate-limit-remaining",
                "x-rate-limit-reset",
                RateLimitHeaders.Reset.EPOCH_SECONDS))
        // v2's 24-hour caps (protocol-facts E: the headers TAV2 reads; collection-notes)
        .rateLimitWindow(
            "24-hour app cap",
            new RateLimitHeaders(
                "x-app-limit-24hour-limit",
                "x-app-limit-24hour-remaining",
                "x-app-limit-24hour-reset",
                RateLimitHeaders.Reset.EPOCH_SECONDS))
        .rateLimitWindow(
            "24-hour user cap",
            new RateLimitHeaders(
                "x-user-limit-24hour-limit",
                "x-user-limit-24hour-remaining",
                "x-user-limit-24hour-reset",
                RateLimitHeaders.Reset.EPOCH_SECONDS))
        .developerPortal(URI.create("https://developer.x.com/en/portal/dashboard"))
        .keyRegeneration(
            URI.create("https://developer.x.com/en/portal/projects-and-apps"),
            "open the app, then \"Keys and tokens\"; under \"Consumer Keys\" press"
                + " \"Regenerate\" and confirm (the old key and secret stop working at once,"
                + " and so does every token issued to them)")
        .connectedApps(URI.create("https://x.com/settings/connected_apps"))
        .endpoints(endpoints())
        .errors(errors())
        .build();
  }

  private static List<Endpoint> endpoints() {
    List<Endpoint> e = new ArrayList<>();
    // v1.1 (protocol-facts E.1; v1.1 takes no OAuth 2 user tokens)
    e.add(
        get(
            "/1.1/account/verify_credentials.json",
            USER_ONLY,
            Pagination.none(""),
            perQuarterHour("/account/verify_credentials", 75, 0)));
    e.add(
        get(
            "/1.1/statuses/user_timeline.json",
            USER_OR_APP,
            Pagination.maxId("", 200),
            perQuarterHour("/statuses/user_timeline", 900, 1500)));
    e.add(
        get(
            "/1.1/statuses/mentions_timeline.json",
            USER_ONLY,
            Pagination.maxId("", 200),
            perQuarterHour("/statuses/mentions_timeline", 75, 0)));
    e.add(
        get(
            "/1.1/search/tweets.json",
            USER_OR_APP,
            Pagination.maxId("/statuses", 100),
            perQuarterHour("/search/tweets", 180, 450)));
    RateLimitFamily usersLookup = perQuarterHour("/users/lookup", 900, 300);
    e.add(get("/1.1/users/lookup.json", USER_OR_APP, Pagination.none(""), usersLookup));
    e.add(
        endpoint(
            "POST", "/1.1/users/lookup.json", USER_OR_APP, NONE, Pagination.none(""), usersLookup));
    e.add(
        get(
            "/1.1/users/show.json",
            USER_OR_APP,
            Pagination.none(""),
            perQuarterHour("/users/show/:id", 900, 900)));
    e.add(
        get(
            "/1.1/followers/ids.json",
            USER_OR_APP,
            Pagination.cursor("/ids", 5000),
            perQuarterHour("/followers/ids", 15, 15)));
    e.add(
        get(
            "/1.1/followers/list.json",
            USER_OR_APP,
            Pagination.cursor("/users", 200),
            perQuarterHour("/followers/list", 15, 15)));
    e.add(
        get(
            "/1.1/friends/ids.json",
            USER_OR_APP,
            Pagination.cursor("/ids", 5000),
            perQuarterHour("/friends/ids", 15, 15)));
    e.add(
        get(
            "/1.1/friends/list.json",
            USER_OR_APP,
            Pagination.cursor("/users", 200),
            perQuarterHour("/friends/list", 15, 15)));
    RateLimitFamily statusesLookup = perQuarterHour("/statuses/lookup", 900, 300);
    e.add(get("/1.1/statuses/lookup.json", USER_OR_APP, Pagination.none(""), statusesLookup));
    e.add(
        endpoint(
            "POST",
            "/1.1/statuses/lookup.json",
            USER_OR_APP,
            NONE,
            Pagination.none(""),
            statusesLookup));
    e.add(
        get(
            "/1.1/statuses/show.json",
            USER_OR_APP,
            Pagination.none(""),
            perQuarterHour("/statuses/show/:id", 900, 900)));
    e.add(
        endpoint(
            "POST",
            "/1.1/statuses/update.json",
            USER_ONLY,
            NONE,
            Pagination.none(""),
            new RateLimitFamily("/statuses/update", 300, 0, java.time.Duration.ofHours(3))));
    e.add(
        get(
            "/1.1/application/rate_limit_status.json",
            USER_OR_APP,
            Pagination.none("/resources"),
            perQuarterHour("/application/rate_limit_status", 180, 180)));
    e.add(
        endpoint(
            "POST", "/1.1/oauth/invalidate_token", USER_ONLY, NONE, Pagination.none(""), null));
    e.add(
        endpoint(
            "POST",
            "/1.1/oauth/invalidate_token.json",
            USER_ONLY,
            NONE,
            Pagination.none(""),
            null));

    // v2 (x-openapi.json security; limits from X's rate-limit tables, per user / per app)
    RateLimitFamily usersById = perQuarterHour("/2/users", 900, 300);
    e.add(
        v2("/2/users/me", V2_USER, Pagination.none("/data"), perQuarterHour("/2/users/me", 75, 0))
            .withFields(V2_USER_FIELDS));
    e.add(
        v2("/2/users/{id}", V2_ALL, Pagination.none("/data"), usersById)
            .withFields(V2_USER_FIELDS));
    e.add(v2("/2/users", V2_ALL, Pagination.none("/data"), usersById).withFields(V2_USER_FIELDS));
    e.add(
        v2("/2/users/by", V2_ALL, Pagination.none("/data"), usersById).withFields(V2_USER_FIELDS));
    e.add(
        v2(
            "/2/users/by/username/{username}",
            V2_ALL,
            Pagination.none("/data"),
            perQuarterHour("/2/users/by/username/:username", 900, 300)));
    e.add(
        v2(
                "/2/users/{id}/tweets",
                V2_ALL,
                Pagination.nextToken("pagination_token", "max_results", 100).withMinPageSize(5),
                perQuarterHour("/2/users/:id/tweets", 900, 10_000))
            .withFields(V2_TWEET_FIELDS));
    e.add(
        v2(
                "/2/users/{id}/mentions",
                V2_ALL,
                Pagination.nextToken("pagination_token", "max_results", 100).withMinPageSize(5),
                perQuarterHour("/2/users/:id/mentions", 180, 450))
            .withFields(V2_TWEET_FIELDS));
    e.add(
        endpoint(
                "GET",
                "/2/users/{id}/followers",
                V2_ALL,
                FOLLOWS,
                Pagination.nextToken("pagination_token", "max_results", 1000),
                perQuarterHour("/2/users/:id/followers", 15, 15))
            .withFields(V2_USER_FIELDS));
    e.add(
        endpoint(
                "GET",
                "/2/users/{id}/following",
                V2_ALL,
                FOLLOWS,
                Pagination.nextToken("pagination_token", "max_results", 1000),
                perQuarterHour("/2/users/:id/following", 15, 15))
            .withFields(V2_USER_FIELDS));
    e.add(
        v2("/2/tweets", V2_ALL, Pagination.none("/data"), perQuarterHour("/2/tweets", 5000, 3500))
            .withFields(V2_TWEET_FIELDS));
    e.add(
        endpoint(
            "POST",
            "/2/tweets",
            V2_USER,
            WRITE,
            Pagination.none("/data"),
            new RateLimitFamily("/2/tweets:post", 100, 0, RateLimitFamily.FIFTEEN_MINUTES)));
    e.add(
        v2(
                "/2/tweets/{id}",
                V2_ALL,
                Pagination.none("/data"),
                perQuarterHour("/2/tweets/:id", 900, 450))
            .withFields(V2_TWEET_FIELDS));
    e.add(
        endpoint(
            "DELETE",
            "/2/tweets/{id}",
            V2_USER,
            WRITE,
            Pagination.none("/data"),
            perQuarterHour("/2/tweets/:id:delete", 50, 0)));
    e.add(
        v2(
                "/2/tweets/search/recent",
                V2_ALL,
                Pagination.nextToken("next_token", "max_results", 100).withMinPageSize(10),
                perQuarterHour("/2/tweets/search/recent", 300, 450))
            .withFields(V2_TWEET_FIELDS));
    e.add(
        endpoint(
                "GET",
                "/2/tweets/search/all",
                V2_APP,
                NONE,
                Pagination.nextToken("next_token", "max_results", 500).withMinPageSize(10),
                perQuarterHour("/2/tweets/search/all", 0, 300))
            .withFields(V2_TWEET_FIELDS));
    e.add(
        endpoint(
            "GET",
            "/2/tweets/counts/recent",
            Set.of(OAUTH2_USER, APP_ONLY),
            NONE,
            new Pagination(
                Pagination.Style.NEXT_TOKEN, "next_token", "/meta/next_token", "/data", null, 0),
            perQuarterHour("/2/tweets/counts/recent", 0, 300)));
    e.add(
        endpoint(
                "GET",
                "/2/tweets/sample/stream",
                V2_APP,
                NONE,
                Pagination.stream(),
                perQuarterHour("/2/tweets/sample/stream", 0, 50))
            .withFields(V2_TWEET_FIELDS));
    e.add(
        endpoint(
                "GET",
                "/2/tweets/search/stream",
                V2_APP,
                NONE,
                Pagination.stream(),
                perQuarterHour("/2/tweets/search/stream", 0, 50))
            .withFields(V2_TWEET_FIELDS));
    e.add(
        endpoint(
            "GET",
            "/2/tweets/search/stream/rules",
            V2_APP,
            NONE,
            Pagination.nextToken("pagination_token", "max_results", 1000),
            perQuarterHour("/2/tweets/search/stream/rules", 0, 450)));
    e.add(
        endpoint(
            "POST",
            "/2/tweets/search/stream/rules",
            V2_APP,
            NONE,
            Pagination.none("/data"),
            perQuarterHour("/2/tweets/search/stream/rules:post", 0, 100)));
    return e;
  }

  private static List<ErrorRule> errors() {
    List<ErrorRule> r = new ArrayList<>();
    // A refusal at the access-token step is the PIN or verifier, whatever code it carries.
    r.add(ErrorRule.statuses(400, 401, ProblemKind.VERIFIER_REJECTED).onPath(ACCESS_TOKEN_PATH));
    r.add(ErrorRule.code(89, ProblemKind.TOKEN_REVOKED));
    r.add(ErrorRule.code(32, ProblemKind.NOT_AUTHENTICATED));
    r.add(ErrorRule.code(135, ProblemKind.CLOCK_SKEW));
    r.add(ErrorRule.code(215, ProblemKind.BAD_AUTHENTICATION_DATA));
    r.add(ErrorRule.code(415, ProblemKind.CALLBACK_NOT_APPROVED));
    r.add(ErrorRule.code(417, ProblemKind.CALLBACK_NOT_APPROVED));
    r.add(ErrorRule.code(416, ProblemKind.APP_SUSPENDED));
    r.add(ErrorRule.code(326, ProblemKind.ACCOUNT_LOCKED));
    r.add(ErrorRule.code(63, ProblemKind.ACCOUNT_LOCKED));
    r.add(ErrorRule.code(99, ProblemKind.APP_CREDENTIALS_REFUSED));
    r.add(ErrorRule.code(88, ProblemKind.RATE_LIMITED));
    r.add(ErrorRule.problem("usage-capped", ProblemKind.USAGE_CAPPED));
    r.add(ErrorRule.problem("UsageCapExceeded", ProblemKind.USAGE_CAPPED));
    r.add(ErrorRule.code(220, ProblemKind.WRONG_CREDENTIAL_KIND));
    r.add(ErrorRule.problem("unsupported-authentication", ProblemKind.WRONG_CREDENTIAL_KIND));
    r.add(ErrorRule.code(261, ProblemKind.ACCESS_LEVEL));
    r.add(ErrorRule.code(453, ProblemKind.API_TIER));
    r.add(ErrorRule.problem("client-forbidden", ProblemKind.API_TIER));
    r.add(ErrorRule.code(17, ProblemKind.NOT_FOUND));
    r.add(ErrorRule.code(34, ProblemKind.NOT_FOUND));
    r.add(ErrorRule.code(50, ProblemKind.NOT_FOUND));
    r.addAll(OAuth2Errors.RULES);
    r.addAll(HttpStatuses.RULES);
    return r;
  }

  private static Endpoint get(
      String path, Set<CredentialKind> accepts, Pagination pages, RateLimitFamily family) {
    return endpoint("GET", path, accepts, NONE, pages, family);
  }

  private static Endpoint v2(
      String path, Set<CredentialKind> accepts, Pagination pages, RateLimitFamily family) {
    return endpoint("GET", path, accepts, READ, pages, family);
  }

  private static Endpoint endpoint(
      String method,
      String path,
      Set<CredentialKind> accepts,
      Set<String> scopes,
      Pagination pages,
      RateLimitFamily family) {
    return new Endpoint(method, path, accepts, scopes, pages, family);
  }
}
