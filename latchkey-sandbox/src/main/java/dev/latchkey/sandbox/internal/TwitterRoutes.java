package dev.latchkey.sandbox.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.sandbox.SandboxPlatform;
import dev.latchkey.sandbox.internal.OAuth1Verifier.TokenKind;
import dev.latchkey.sandbox.internal.OAuth1Verifier.Verified;
import dev.latchkey.sandbox.internal.RateLimits.Family;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The X/Twitter routes under {@code /twitter}: OAuth 1.0a (protocol-facts B), API v1.1 and v2
 * identity and timeline endpoints (E), errors and headers (F).
 */
public final class TwitterRoutes {
  static final String PREFIX = "/twitter";
  static final String FAMILY = "latchkey.rateLimitFamily";

  static final Family OAUTH = new Family("oauth", 180, 180, 900);
  static final Family VERIFY_CREDENTIALS = new Family("/account/verify_credentials", 75, 0, 900);
  static final Family USERS_SHOW = new Family("/users/show/:id", 900, 900, 900);
  static final Family USER_TIMELINE = new Family("/statuses/user_timeline", 900, 1500, 900);
  static final Family UPDATE = new Family("/statuses/update", 300, 0, 10800);
  static final Family USERS_ME = new Family("/2/users/me", 75, 0, 900);

  private static final DateTimeFormatter CREATED_AT =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final String SOURCE =
      "<a href=\"https://github.com/latchkey\" rel=\"nofollow\">Latchkey Sandbox</a>";

  private final PlatformState state;
  private final OAuth1Verifier verifier;
  private final RateLimits limits;
  private final ThreeLeggedEndpoints threeLegged;

  public TwitterRoutes(PlatformState state, OAuth1Verifier verifier, RateLimits limits) {
    this.state = state;
    this.verifier = verifier;
    this.limits = limits;
    this.threeLegged = new ThreeLeggedEndpoints(state, verifier);
  }

  public void register(JavalinDefaultRouting r) {
    r.before(PREFIX + "/*", ctx -> ctx.attribute(FAMILY, OAUTH));
    r.post(PREFIX + "/oauth/request_token", threeLegged::requestToken);
    for (String page : List.of("/oauth/authorize", "/oauth/authenticate")) {
      r.get(PREFIX + page, threeLegged::showAuthorize);
      r.post(PREFIX + page, threeLegged::submitAuthorize);
    }
    r.post(PREFIX + "/oauth/access_token", threeLegged::accessToken);
    for (String path :
        List.of(
            "/oauth/invalidate_token",
            "/1.1/oauth/invalidate_token",
            "/1.1/oauth/invalidate_token.json")) {
      r.post(PREFIX + path, this::invalidateToken);
    }
    r.get(PREFIX + "/1.1/account/verify_credentials.json", this::verifyCredentials);
    r.get(PREFIX + "/1.1/users/show.json", this::usersShow);
    r.get(PREFIX + "/1.1/statuses/user_timeline.json", this::userTimeline);
    r.post(PREFIX + "/1.1/statuses/update.json", this::update);
    r.get(PREFIX + "/2/users/me", this::usersMe);
    // Every X response carries the rate-limit headers (protocol-facts F), token endpoints too.
    r.after(PREFIX + "/*", ctx -> errorHeaders(ctx, limits));
  }

  /** Adds the rate-limit headers where a handler did not (counted as unauthenticated). */
  public static void errorHeaders(Context ctx, RateLimits limits) {
    Family f = ctx.attribute(FAMILY);
    if (f != null && ctx.res().getHeader("x-rate-limit-limit") == null) {
      rateHeaders(ctx, limits.count(f, null, null));
    }
  }

  private Verified user(Context ctx, Family family) {
    ctx.attribute(FAMILY, family);
    Verified v =
        OAuth2Routes.bearerOr(
            ctx,
            () -> verifier.verify(Requests.signed(ctx, SandboxPlatform.TWITTER), TokenKind.ACCESS));
    rateHeaders(ctx, limits.count(family, v.app().consumerKey(), v.accessToken().userId()));
    ctx.header("x-access-level", v.accessToken().access().header());
    return v;
  }

  private static void rateHeaders(Context ctx, RateLimits.Snapshot s) {
    ctx.header("x-rate-limit-limit", Integer.toString(s.limit()));
    ctx.header("x-rate-limit-remaining", Integer.toString(s.remaining()));
    ctx.header("x-rate-limit-reset", Long.toString(s.resetEpochSeconds()));
  }

  private void invalidateToken(Context ctx) {
    Verified v = user(ctx, OAUTH);
    v.accessToken().revoke();
    ObjectNode body = Json.object();
    body.put("access_token", v.accessToken().token());
    Json.send(ctx, 200, body);
  }

  private void verifyCredentials(Context ctx) {
    Verified v = user(ctx, VERIFY_CREDENTIALS);
    UserProfile me = state.user(v.accessToken().userId()).orElseThrow();
    boolean skipStatus = isTrue(Requests.param(ctx, "skip_status"));
    boolean extended = "extended".equals(Requests.param(ctx, "tweet_mode"));
    ObjectNode user = userJson(me, !skipStatus, extended);
    if (isTrue(Requests.param(ctx, "include_email"))) {
      user.put("email", me.screenName() + "@sandbox.invalid");
    }
    Json.send(ctx, 200, user);
  }

  private void usersShow(Context ctx) {
    user(ctx, USERS_SHOW);
    UserProfile target = target(ctx, null);
    Json.send(
        ctx, 200, userJson(target, true, "extended".equals(Requests.param(ctx, "tweet_mode"))));
  }

  private void userTimeline(Context ctx) {
    Verified v = user(ctx, USER_TIMELINE);
    UserProfile target = target(ctx, v.accessToken().userId());
    Long countParam = Requests.longParam(ctx, "count");
    int count = countParam == null ? 20 : (int) Math.max(1, Math.min(200, countParam));
    Long sinceId = Requests.longParam(ctx, "since_id");
    Long maxId = Requests.longParam(ctx, "max_id");
    boolean trimUser = isTrue(Requests.param(ctx, "trim_user"));
    boolean extended = "extended".equals(Requests.param(ctx, "tweet_mode"));
    ArrayNode out = Json.array();
    for (Item item : state.items(target.id())) {
      if (out.size() >= count) {
        break;
      }
      if (maxId != null && item.id() > maxId) {
        continue;
      }
      if (sinceId != null && item.id() <= sinceId) {
        break;
      }
      out.add(tweetJson(item, target, trimUser, extended));
    }
    Json.send(ctx, 200, out);
  }

  private void update(Context ctx) {
    Verified v = user(ctx, UPDATE);
    if (!v.accessToken().access().canWrite()) {
      throw ApiError.cannotWrite();
    }
    String status = Requests.param(ctx, "status");
    if (status == null || status.isBlank()) {
      throw new ApiError(400, 170, "Missing required parameter: status.");
    }
    if (status.codePointCount(0, status.length()) > 280) {
      throw new ApiError(403, 186, "Tweet needs to be a bit shorter.");
    }
    UserProfile me = state.user(v.accessToken().userId()).orElseThrow();
    Item item = state.post(me.id(), "", status, List.of());
    Json.send(
        ctx, 200, tweetJson(item, me, false, "extended".equals(Requests.param(ctx, "tweet_mode"))));
  }

  private void usersMe(Context ctx) {
    Verified v = user(ctx, USERS_ME);
    UserProfile me = state.user(v.accessToken().userId()).orElseThrow();
    String fieldsParam = Requests.param(ctx, "user.fields");
    Set<String> fields = fieldsParam == null ? Set.of() : Set.of(fieldsParam.split(","));
    ObjectNode data = Json.object();
    data.put("id", Long.toString(me.id()));
    data.put("name", me.name());
    data.put("username", me.screenName());
    if (fields.contains("created_at")) {
      data.put("created_at", me.createdAt().toString().replace("Z", ".000Z"));
    }
    if (fields.contains("description")) {
      data.put("description", me.description());
    }
    if (fields.contains("location")) {
      data.put("location", me.location());
    }
    if (fields.contains("protected")) {
      data.put("protected", false);
    }
    if (fields.contains("verified")) {
      data.put("verified", false);
    }
    if (fields.contains("public_metrics")) {
      ObjectNode m = data.putObject("public_metrics");
      m.put("followers_count", me.followers());
      m.put("following_count", me.friends());
      m.put("tweet_count", state.items(me.id()).size());
      m.put("listed_count", me.listed());
    }
    ObjectNode body = Json.object();
    body.set("data", data);
    Json.send(ctx, 200, body);
  }

  /** {@code user_id} or {@code screen_name}, else {@code fallback} (the caller), else 400/38. */
  private UserProfile target(Context ctx, Long fallback) {
    Long userId = Requests.longParam(ctx, "user_id");
    String screenName = Requests.param(ctx, "screen_name");
    if (userId != null) {
      return state.user(userId).orElseThrow(() -> new ApiError(404, 50, "User not found."));
    }
    if (screenName != null) {
      return state
          .userByScreenName(screenName)
          .orElseThrow(() -> new ApiError(404, 50, "User not found."));
    }
    if (fallback != null) {
      return state.user(fallback).orElseThrow();
    }
    throw new ApiError(400, 38, "user_id or screen_name parameter is missing.");
  }

  ObjectNode userJson(UserProfile u, boolean withStatus, boolean extended) {
    ObjectNode o = Json.object();
    o.put("id", u.id());
    o.put("id_str", Long.toString(u.id()));
    o.put("name", u.name());
    o.put("screen_name", u.screenName());
    o.put("location", u.location());
    o.put("description", u.description());
    o.putNull("url");
    ObjectNode entities = o.putObject("entities");
    entities.putObject("description").putArray("urls");
    o.put("protected", false);
    o.put("followers_count", u.followers());
    o.put("friends_count", u.friends());
    o.put("listed_count", u.listed());
    o.put("created_at", CREATED_AT.format(u.createdAt()));
    o.put("favourites_count", u.favourites());
    o.putNull("utc_offset");
    o.putNull("time_zone");
    o.put("geo_enabled", false);
    o.put("verified", false);
    List<Item> items = state.items(u.id());
    o.put("statuses_count", items.size());
    o.putNull("lang");
    if (withStatus && !items.isEmpty()) {
      ObjectNode status = tweetJson(items.get(0), u, true, extended);
      status.remove("user");
      o.set("status", status);
    }
    o.put("contributors_enabled", false);
    o.put("is_translator", false);
    o.put("is_translation_enabled", false);
    o.put("profile_background_color", "F5F8FA");
    o.putNull("profile_background_image_url");
    o.putNull("profile_background_image_url_https");
    o.put("profile_background_tile", false);
    o.put(
        "profile_image_url",
        "http://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png");
    o.put(
        "profile_image_url_https",
        "https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png");
    o.put("profile_link_color", "1DA1F2");
    o.put("profile_sidebar_border_color", "C0DEED");
    o.put("profile_sidebar_fill_color", "DDEEF6");
    o.put("profile_text_color", "333333");
    o.put("profile_use_background_image", true);
    o.put("has_extended_profile", false);
    o.put("default_profile", true);
    o.put("default_profile_image", true);
    o.put("following", false);
    o.put("follow_request_sent", false);
    o.put("notifications", false);
    o.put("translator_type", "none");
    o.putArray("withheld_in_countries");
    o.put("suspended", false);
    o.put("needs_phone_verification", false);
    return o;
  }

  ObjectNode tweetJson(Item item, UserProfile author, boolean trimUser, boolean extended) {
    ObjectNode o = Json.object();
    o.put("created_at", CREATED_AT.format(item.createdAt()));
    o.put("id", item.id());
    o.put("id_str", Long.toString(item.id()));
    String text = item.text();
    int length = text.codePointCount(0, text.length());
    if (extended) {
      o.put("full_text", text);
      o.putArray("display_text_range").add(0).add(length);
      o.put("truncated", false);
    } else if (length > 140) {
      int end = text.offsetByCodePoints(0, 139);
      o.put("text", text.substring(0, end) + "…");
      o.put("truncated", true);
    } else {
      o.put("text", text);
      o.put("truncated", false);
    }
    ObjectNode entities = o.putObject("entities");
    entities.putArray("hashtags");
    entities.putArray("symbols");
    entities.putArray("user_mentions");
    entities.putArray("urls");
    o.put("source", SOURCE);
    o.putNull("in_reply_to_status_id");
    o.putNull("in_reply_to_status_id_str");
    o.putNull("in_reply_to_user_id");
    o.putNull("in_reply_to_user_id_str");
    o.putNull("in_reply_to_screen_name");
    if (trimUser) {
      ObjectNode u = o.putObject("user");
      u.put("id", author.id());
      u.put("id_str", Long.toString(author.id()));
    } else {
      o.set("user", userJson(author, false, extended));
    }
    o.putNull("geo");
    o.putNull("coordinates");
    o.putNull("place");
    o.putNull("contributors");
    o.put("is_quote_status", false);
    o.put("retweet_count", (int) (item.id() % 7));
    o.put("favorite_count", (int) (item.id() % 23));
    o.put("favorited", false);
    o.put("retweeted", false);
    o.put("lang", "en");
    return o;
  }

  private static boolean isTrue(String v) {
    return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("t"));
  }
}
