package dev.latchkey.sandbox.internal.tumblr;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.sandbox.internal.ApiError;
import dev.latchkey.sandbox.internal.App;
import dev.latchkey.sandbox.internal.AuthType;
import dev.latchkey.sandbox.internal.Authentication;
import dev.latchkey.sandbox.internal.Caller;
import dev.latchkey.sandbox.internal.Html;
import dev.latchkey.sandbox.internal.Item;
import dev.latchkey.sandbox.internal.Json;
import dev.latchkey.sandbox.internal.PlatformServices;
import dev.latchkey.sandbox.internal.PlatformState;
import dev.latchkey.sandbox.internal.RateLimits;
import dev.latchkey.sandbox.internal.RateLimits.Family;
import dev.latchkey.sandbox.internal.Requests;
import dev.latchkey.sandbox.internal.UserProfile;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Tumblr routes under {@code /tumblr}: OAuth 1.0a (protocol-facts G, access_token by GET or
 * POST) and API v2 {@code user/info}, {@code blog/{id}/info} and {@code blog/{id}/posts} in the
 * {@code meta}/{@code response} envelope.
 */
final class TumblrRoutes {
  static final String PREFIX = "/tumblr";
  static final Family PER_HOUR = new Family("hour", 1000, 1000, 3600);
  static final Family PER_DAY = new Family("day", 5000, 5000, 86400);
  private static final DateTimeFormatter POST_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'GMT'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final PlatformState state;
  private final RateLimits limits;
  private final Authentication authentication;

  TumblrRoutes(PlatformServices services) {
    this.state = services.state();
    this.limits = services.limits();
    this.authentication = services.authentication();
  }

  void register(JavalinDefaultRouting r) {
    r.get(PREFIX + "/v2/user/info", this::userInfo);
    r.get(PREFIX + "/v2/blog/{blog}/info", this::blogInfo);
    r.get(PREFIX + "/v2/blog/{blog}/posts", this::blogPosts);
  }

  /** The OAuth-authenticated user. */
  private Caller oauth(Context ctx) {
    Caller c = authentication.authenticate(ctx);
    rateHeaders(ctx, c.app().consumerKey());
    return c;
  }

  /**
   * The {@code Authorization} header when there is one (OAuth 1.0a; later Bearer), else {@code
   * api_key}.
   */
  private void oauthOrApiKey(Context ctx) {
    if (ctx.header("Authorization") != null) {
      oauth(ctx);
      return;
    }
    String apiKey = Requests.param(ctx, "api_key");
    App app = state.app(apiKey);
    if (app == null) {
      throw new ApiError(401, 0, "Got an error. Try again.");
    }
    rateHeaders(ctx, app.consumerKey());
  }

  /** Tumblr's hourly and daily counters per consumer key; resets in seconds from now. */
  private void rateHeaders(Context ctx, String consumerKey) {
    RateLimits.Snapshot hour = limits.count(PER_HOUR, consumerKey, null);
    RateLimits.Snapshot day = limits.count(PER_DAY, consumerKey, null);
    long now = limits.nowEpochSeconds();
    ctx.header("X-Ratelimit-Perhour-Limit", Integer.toString(hour.limit()));
    ctx.header("X-Ratelimit-Perhour-Remaining", Integer.toString(hour.remaining()));
    ctx.header("X-Ratelimit-Perhour-Reset", Long.toString(hour.resetEpochSeconds() - now));
    ctx.header("X-Ratelimit-Perday-Limit", Integer.toString(day.limit()));
    ctx.header("X-Ratelimit-Perday-Remaining", Integer.toString(day.remaining()));
    ctx.header("X-Ratelimit-Perday-Reset", Long.toString(day.resetEpochSeconds() - now));
  }

  private void userInfo(Context ctx) {
    Caller c = oauth(ctx);
    if (!c.isUser()) {
      throw state
          .description()
          .errors(ctx.path())
          .unsupportedAuthentication(
              AuthType.APP_ONLY, Set.of(AuthType.OAUTH1_USER, AuthType.OAUTH2_USER));
    }
    UserProfile me = c.user();
    ObjectNode user = Json.object();
    user.put("following", me.friends());
    user.put("default_post_format", "html");
    user.put("name", me.screenName());
    user.put("likes", me.favourites());
    ArrayNode blogs = user.putArray("blogs");
    ObjectNode blog = blogJson(me);
    blog.put("primary", true);
    blog.put("followers", me.followers());
    blog.put("type", "public");
    blog.put("tweet", "N");
    blog.put("admin", true);
    blogs.add(blog);
    ObjectNode response = Json.object();
    response.set("user", user);
    ok(ctx, response);
  }

  private void blogInfo(Context ctx) {
    oauthOrApiKey(ctx);
    UserProfile owner = blog(ctx.pathParam("blog"));
    ObjectNode response = Json.object();
    response.set("blog", blogJson(owner));
    ok(ctx, response);
  }

  private void blogPosts(Context ctx) {
    oauthOrApiKey(ctx);
    UserProfile owner = blog(ctx.pathParam("blog"));
    Long limitParam = Requests.longParam(ctx, "limit");
    Long offsetParam = Requests.longParam(ctx, "offset");
    int limit = limitParam == null ? 20 : (int) Math.max(1, Math.min(20, limitParam));
    int offset =
        offsetParam == null ? 0 : (int) Math.max(0, Math.min(Integer.MAX_VALUE, offsetParam));
    List<Item> items = state.items(owner.id());
    ArrayNode posts = Json.array();
    for (int i = offset; i < items.size() && posts.size() < limit; i++) {
      posts.add(postJson(items.get(i), owner));
    }
    ObjectNode response = Json.object();
    response.set("blog", blogJson(owner));
    response.set("posts", posts);
    response.put("total_posts", items.size());
    if (offset + limit < items.size()) {
      ObjectNode next = response.putObject("_links").putObject("next");
      String path = "/v2/blog/" + owner.screenName() + "/posts";
      next.put("href", path + "?limit=" + limit + "&offset=" + (offset + limit));
      next.put("method", "GET");
      ObjectNode q = next.putObject("query_params");
      q.put("limit", Integer.toString(limit));
      q.put("offset", Integer.toString(offset + limit));
    }
    ok(ctx, response);
  }

  /** Resolves a blog identifier: short name, {@code name.tumblr.com}, or {@code t:} UUID. */
  private UserProfile blog(String identifier) {
    String id = identifier.toLowerCase(Locale.ROOT);
    Optional<UserProfile> found;
    if (identifier.startsWith("t:")) {
      found = state.userByUuid(identifier);
    } else if (id.endsWith(".tumblr.com")) {
      found = state.userByScreenName(id.substring(0, id.length() - ".tumblr.com".length()));
    } else {
      found = state.userByScreenName(id);
    }
    return found.orElseThrow(() -> new ApiError(404, 0, "Blog not found."));
  }

  private ObjectNode blogJson(UserProfile u) {
    List<Item> items = state.items(u.id());
    ObjectNode b = Json.object();
    b.put("title", u.name());
    b.put("name", u.screenName());
    b.put("posts", items.size());
    b.put("total_posts", items.size());
    b.put("url", "https://" + u.screenName() + ".tumblr.com/");
    b.put("updated", items.isEmpty() ? 0 : items.get(0).createdAt().getEpochSecond());
    b.put("description", u.description());
    b.put("ask", false);
    b.put("ask_anon", false);
    b.put("likes", u.favourites());
    b.put("is_nsfw", false);
    b.put("uuid", u.uuid());
    ArrayNode avatar = b.putArray("avatar");
    for (int size : new int[] {512, 128, 64}) {
      ObjectNode a = avatar.addObject();
      a.put("width", size);
      a.put("height", size);
      a.put("url", "https://assets.tumblr.com/images/default_avatar/cube_open_" + size + ".png");
    }
    return b;
  }

  private static ObjectNode postJson(Item item, UserProfile owner) {
    ObjectNode p = Json.object();
    p.put("type", "text");
    p.put("blog_name", owner.screenName());
    p.put("id", item.id());
    p.put("id_string", Long.toString(item.id()));
    p.put("post_url", "https://" + owner.screenName() + ".tumblr.com/post/" + item.id());
    p.put("slug", "post-" + item.id());
    p.put("date", POST_DATE.format(item.createdAt()));
    p.put("timestamp", item.createdAt().getEpochSecond());
    p.put("state", "published");
    p.put("format", "html");
    p.put("reblog_key", Long.toString(item.id() % 1_000_000_007L, 36));
    ArrayNode tags = p.putArray("tags");
    item.tags().forEach(tags::add);
    p.put("short_url", "https://tmblr.co/Z" + Long.toString(item.id(), 36));
    p.put("summary", item.title());
    p.put("is_blocks_post_format", false);
    p.put("note_count", (int) (item.id() % 41));
    p.put("title", item.title());
    p.put("body", "<p>" + Html.escape(item.text()) + "</p>");
    return p;
  }

  private static void ok(Context ctx, ObjectNode response) {
    ObjectNode body = Json.object();
    ObjectNode meta = body.putObject("meta");
    meta.put("status", 200);
    meta.put("msg", "OK");
    body.set("response", response);
    Json.send(ctx, 200, body);
  }
}
