package dev.latchkey.sandbox.internal.twitter;

import static dev.latchkey.sandbox.internal.AuthType.APP_ONLY;
import static dev.latchkey.sandbox.internal.AuthType.OAUTH1_USER;
import static dev.latchkey.sandbox.internal.AuthType.OAUTH2_USER;

import dev.latchkey.sandbox.internal.AuthType;
import dev.latchkey.sandbox.internal.Endpoint;
import dev.latchkey.sandbox.internal.Limit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every X endpoint the sandbox serves, as X documents it: the credentials each serves (the
 * OpenAPI's security lists for v2; v1.1's user-only and app-allowed endpoints), the OAuth 2 scopes,
 * and the rate limits (v1.1: the 2018 rate-limit table and the 2019 100,000-per-day cap on the
 * timelines; v2: X's rate-limit table and the cassettes' headers).
 */
final class XEndpoints {
  /** v1.1 endpoints that refuse app-only tokens (403/220). */
  static final Set<AuthType> V1_USER = Set.of(OAUTH1_USER);

  /** v1.1 endpoints X also serves to app-only tokens. */
  static final Set<AuthType> V1_ANY = Set.of(OAUTH1_USER, APP_ONLY);

  static final Set<AuthType> V2_ANY = Set.of(OAUTH1_USER, OAUTH2_USER, APP_ONLY);
  static final Set<AuthType> V2_USER = Set.of(OAUTH1_USER, OAUTH2_USER);
  static final Set<AuthType> V2_OAUTH2 = Set.of(OAUTH2_USER, APP_ONLY);
  static final Set<AuthType> APP = Set.of(APP_ONLY);

  private static final Set<String> READ = Set.of("tweet.read", "users.read");
  private static final Set<String> FOLLOWS = Set.of("tweet.read", "users.read", "follows.read");
  private static final Set<String> LIKES = Set.of("tweet.read", "users.read", "like.read");
  private static final Set<String> WRITE = Set.of("tweet.read", "users.read", "tweet.write");
  private static final int TIMELINE_DAILY = 100_000;

  private XEndpoints() {}

  static List<Endpoint> table(V11Routes v1, V2Routes v2, XStreams streams) {
    List<Endpoint> t = new ArrayList<>();
    // ---- v1.1 ----
    t.add(
        get(
            "/1.1/account/verify_credentials.json",
            V1_USER,
            v1("account", "/account/verify_credentials", 75, 0),
            v1::verifyCredentials));
    t.add(
        get(
            "/1.1/users/show.json",
            V1_ANY,
            v1("users", "/users/show/:id", 900, 900),
            v1::usersShow));
    Limit lookup = v1("users", "/users/lookup", 900, 300);
    t.add(get("/1.1/users/lookup.json", V1_ANY, lookup, v1::usersLookup));
    t.add(post("/1.1/users/lookup.json", V1_ANY, lookup, v1::usersLookup));
    t.add(
        get(
            "/1.1/statuses/user_timeline.json",
            V1_ANY,
            v1("statuses", "/statuses/user_timeline", 900, 1500)
                .withDaily(TIMELINE_DAILY, "x-app-rate-limit-"),
            v1::userTimeline));
    t.add(
        get(
            "/1.1/statuses/home_timeline.json",
            V1_USER,
            v1("statuses", "/statuses/home_timeline", 15, 0),
            v1::homeTimeline));
    t.add(
        get(
            "/1.1/statuses/mentions_timeline.json",
            V1_USER,
            v1("statuses", "/statuses/mentions_timeline", 75, 0)
                .withDaily(TIMELINE_DAILY, "x-app-rate-limit-"),
            v1::mentionsTimeline));
    Limit show = v1("statuses", "/statuses/show/:id", 900, 900);
    t.add(get("/1.1/statuses/show.json", V1_ANY, show, v1::statusesShow));
    t.add(get("/1.1/statuses/show/:id.json", V1_ANY, show, v1::statusesShow));
    Limit statusesLookup = v1("statuses", "/statuses/lookup", 900, 300);
    t.add(get("/1.1/statuses/lookup.json", V1_ANY, statusesLookup, v1::statusesLookup));
    t.add(post("/1.1/statuses/lookup.json", V1_ANY, statusesLookup, v1::statusesLookup));
    t.add(
        post(
            "/1.1/statuses/update.json",
            V1_USER,
            v1("statuses", "/statuses/update", 300, 0).every(10_800),
            v1::statusesUpdate));
    t.add(
        get(
            "/1.1/search/tweets.json",
            V1_ANY,
            v1("search", "/search/tweets", 180, 450),
            v1::searchTweets));
    t.add(
        get(
            "/1.1/followers/ids.json",
            V1_ANY,
            v1("followers", "/followers/ids", 15, 15),
            v1::followersIds));
    t.add(
        get(
            "/1.1/followers/list.json",
            V1_ANY,
            v1("followers", "/followers/list", 15, 15),
            v1::followersList));
    t.add(
        get(
            "/1.1/friends/ids.json",
            V1_ANY,
            v1("friends", "/friends/ids", 15, 15),
            v1::friendsIds));
    t.add(
        get(
            "/1.1/friends/list.json",
            V1_ANY,
            v1("friends", "/friends/list", 15, 15),
            v1::friendsList));
    t.add(
        get(
            "/1.1/favorites/list.json",
            V1_ANY,
            v1("favorites", "/favorites/list", 75, 75),
            v1::favoritesList));
    t.add(
        get(
            "/1.1/trends/place.json",
            V1_ANY,
            v1("trends", "/trends/place", 75, 75),
            v1::trendsPlace));
    t.add(
        get(
            "/1.1/trends/available.json",
            V1_ANY,
            v1("trends", "/trends/available", 75, 75),
            v1::trendsAvailable));
    t.add(
        get(
            "/1.1/application/rate_limit_status.json",
            V1_ANY,
            v1("application", "/application/rate_limit_status", 180, 180),
            v1::rateLimitStatus));
    // ---- v2 ----
    t.add(v2get("/2/users/me", V2_USER, READ, 75, 0, v2::usersMe));
    t.add(v2get("/2/users/by/username/:username", V2_ANY, READ, 900, 300, v2::userByUsername));
    t.add(v2get("/2/users/by", V2_ANY, READ, 900, 300, v2::usersByUsernames));
    t.add(v2get("/2/users/:id", V2_ANY, READ, 900, 300, v2::userById));
    t.add(v2get("/2/users", V2_ANY, READ, 900, 300, v2::usersByIds));
    t.add(v2get("/2/users/:id/tweets", V2_ANY, READ, 900, 1500, v2::userTweets));
    t.add(v2get("/2/users/:id/mentions", V2_ANY, READ, 180, 450, v2::userMentions));
    t.add(v2get("/2/users/:id/followers", V2_ANY, FOLLOWS, 15, 15, v2::followers));
    t.add(v2get("/2/users/:id/following", V2_ANY, FOLLOWS, 15, 15, v2::following));
    t.add(v2get("/2/users/:id/liked_tweets", V2_USER, LIKES, 75, 0, v2::likedTweets));
    t.add(v2get("/2/tweets/search/recent", V2_ANY, READ, 300, 450, v2::searchRecent));
    t.add(v2get("/2/tweets/counts/recent", V2_OAUTH2, Set.of(), 300, 300, v2::countsRecent));
    t.add(v2get("/2/tweets/sample/stream", APP, Set.of(), 0, 50, streams::sample));
    t.add(v2get("/2/tweets/search/stream/rules", APP, Set.of(), 0, 450, streams::getRules));
    t.add(
        new Endpoint(
            "POST",
            "/2/tweets/search/stream/rules",
            APP,
            Set.of(),
            v2limit("/2/tweets/search/stream/rules", 0, 100),
            streams::postRules));
    t.add(v2get("/2/tweets/search/stream", APP, Set.of(), 0, 50, streams::filtered));
    t.add(v2get("/2/tweets/:id", V2_ANY, READ, 900, 450, v2::tweetById));
    t.add(v2get("/2/tweets", V2_ANY, READ, 900, 450, v2::tweetsByIds));
    t.add(
        new Endpoint(
            "POST",
            "/2/tweets",
            V2_USER,
            WRITE,
            v2limit("/2/tweets", 100, 0).withDaily(10_000, "x-app-limit-24hour-"),
            v2::createTweet));
    t.add(
        new Endpoint(
            "DELETE",
            "/2/tweets/:id",
            V2_USER,
            WRITE,
            v2limit("/2/tweets/:id#delete", 50, 0),
            v2::deleteTweet));
    return List.copyOf(t);
  }

  private static Limit v1(String family, String resource, int user, int app) {
    return Limit.of(family, resource, user, app);
  }

  private static Limit v2limit(String path, int user, int app) {
    return Limit.of("v2", path, user, app);
  }

  private static Endpoint get(String path, Set<AuthType> auth, Limit limit, Endpoint.Handler h) {
    return new Endpoint("GET", path, auth, Set.of(), limit, h);
  }

  private static Endpoint post(String path, Set<AuthType> auth, Limit limit, Endpoint.Handler h) {
    return new Endpoint("POST", path, auth, Set.of(), limit, h);
  }

  private static Endpoint v2get(
      String path, Set<AuthType> auth, Set<String> scopes, int user, int app, Endpoint.Handler h) {
    return new Endpoint("GET", path, auth, scopes, v2limit(path, user, app), h);
  }
}
