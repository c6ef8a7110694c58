package dev.latchkey.sandbox.internal.tumblr;

import static dev.latchkey.sandbox.internal.AuthType.API_KEY;
import static dev.latchkey.sandbox.internal.AuthType.APP_ONLY;
import static dev.latchkey.sandbox.internal.AuthType.NONE;
import static dev.latchkey.sandbox.internal.AuthType.OAUTH1_USER;
import static dev.latchkey.sandbox.internal.AuthType.OAUTH2_USER;

import dev.latchkey.sandbox.internal.AuthType;
import dev.latchkey.sandbox.internal.Endpoint;
import dev.latchkey.sandbox.internal.Limit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every Tumblr endpoint the sandbox serves, with the authentication its doc gives it: None (the
 * avatar), API Key (blog info, posts, likes, tagged; OAuth works there too) or OAuth (the user's
 * own data, followers, following, posting). OAuth 2 tokens need {@code basic}, and {@code write} to
 * post.
 */
final class TumblrEndpoints {
  static final Set<AuthType> ANYONE = Set.of(NONE, API_KEY, APP_ONLY, OAUTH1_USER, OAUTH2_USER);
  static final Set<AuthType> KEY = Set.of(API_KEY, APP_ONLY, OAUTH1_USER, OAUTH2_USER);
  static final Set<AuthType> OAUTH = Set.of(OAUTH1_USER, OAUTH2_USER);
  private static final Set<String> BASIC = Set.of("basic");
  private static final Set<String> WRITE = Set.of("basic", "write");

  private TumblrEndpoints() {}

  static List<Endpoint> table(TumblrRoutes r) {
    List<Endpoint> t = new ArrayList<>();
    t.add(get("/v2/user/info", OAUTH, BASIC, r::userInfo));
    t.add(get("/v2/user/dashboard", OAUTH, BASIC, r::dashboard));
    t.add(get("/v2/user/likes", OAUTH, BASIC, r::userLikes));
    t.add(get("/v2/user/following", OAUTH, BASIC, r::userFollowing));
    t.add(get("/v2/blog/:blog/info", KEY, Set.of(), r::blogInfo));
    t.add(get("/v2/blog/:blog/avatar", ANYONE, Set.of(), r::avatar));
    t.add(get("/v2/blog/:blog/avatar/:size", ANYONE, Set.of(), r::avatar));
    t.add(get("/v2/blog/:blog/likes", KEY, Set.of(), r::blogLikes));
    t.add(get("/v2/blog/:blog/following", OAUTH, BASIC, r::blogFollowing));
    t.add(get("/v2/blog/:blog/followers", OAUTH, BASIC, r::blogFollowers));
    t.add(get("/v2/blog/:blog/posts", KEY, Set.of(), r::blogPosts));
    t.add(get("/v2/blog/:blog/posts/:type", KEY, Set.of(), r::blogPosts));
    t.add(new Endpoint("POST", "/v2/blog/:blog/posts", OAUTH, WRITE, limit(), r::createNpf));
    t.add(new Endpoint("POST", "/v2/blog/:blog/post", OAUTH, WRITE, limit(), r::createLegacy));
    t.add(get("/v2/tagged", KEY, Set.of(), r::tagged));
    return List.copyOf(t);
  }

  /** Tumblr counts per key, not per endpoint: every row shares the hourly and daily limits. */
  private static Limit limit() {
    return Limit.of("tumblr", "per-key", 1000, 1000);
  }

  private static Endpoint get(
      String path, Set<AuthType> auth, Set<String> scopes, Endpoint.Handler h) {
    return new Endpoint("GET", path, auth, scopes, limit(), h);
  }
}
