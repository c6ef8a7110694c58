package dev.latchkey.sandbox.internal.twitter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.sandbox.internal.ApiError;
import dev.latchkey.sandbox.internal.AuthType;
import dev.latchkey.sandbox.internal.Authentication;
import dev.latchkey.sandbox.internal.Caller;
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
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The X/Twitter routes under {@code /twitter}: OAuth 1.0a (protocol-facts B), API v1.1 and v2
 * identity and timeline endpoints (E), errors and headers (F).
 */
final class TwitterRoutes {
  static final String PREFIX = "/twitter";
  static final String FAMILY = "latchkey.rateLimitFamily";

  static final Family OAUTH = new Family("oauth", 180, 180, 900);
  static final Family VERIFY_CREDENTIALS = new Family("/account/verify_credentials", 75, 0, 900);
  static final Family USERS_SHOW = new Family("/users/show/:id", 900, 900, 900);
  static final Family USER_TIMELINE = new Family("/statuses/user_timeline", 900, 1500, 900);
  static final Family UPDATE = new Family("/statuses/update", 300, 0, 10800);
  static final Family USERS_ME = new Family("/2/users/me", 75, 0, 900);
  static final Family USERS_BY_USERNAME =
      new Family("/2/users/by/username/:username", 900, 300, 900);
  static final Family USER_TWEETS = new Family("/2/users/:id/tweets", 900, 1500, 900);
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter CREATED_AT =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final String SOURCE =
      "<a href=\"https://github.com/latchkey\" rel=\"nofollow\">Latchkey Sandbox</a>";

  private final PlatformState state;
  private final RateLimits limits;
  private final Authentication authentication;

  TwitterRoutes(PlatformServices services) {
    this.state = services.state();
    this.limits = services.limits();
    this.authentication = services.authentication();
  }

  void register(JavalinDefaultRouting r) {
    r.before(PREFIX + "/*", ctx -> ctx.attribute(FAMILY, OAUTH));
    r.get(PREFIX + "/1.1/account/verify_credentials.json", this::verifyCredentials);
    r.get(PREFIX + "/1.1/users/show.json", this::usersShow);
    r.get(PREFIX + "/1.1/statuses/user_timeline.json", this::userTimeline);
    r.post(PREFIX + "/1.1/statuses/update.json", this::update);
    r.get(PREFIX + "/2/users/me", this::usersMe);
    r.get(PREFIX + "/2/users/by/username/{username}", this::usersByUsername);
    r.get(PREFIX + "/2/users/{id}/tweets", this::userTweets);
    // Every X response carries the rate-limit headers (protocol-facts F), token endpoints too.
    r.after(PREFIX + "/*", ctx -> errorHeaders(ctx, limits));
  }

  /** Adds the rate-limit headers where a handler did not (counted as unauthenticated). */
  static void errorHeaders(Context ctx, RateLimits limits) {
    Family f = ctx.attribute(FAMILY);
    if (f != null && ctx.res().getHeader("x-rate-limit-limit") == null) {
      rateHeaders(ctx, limits.count(f, null, null));
    }
  }

  /**
   * Authenticates a user-context call and sets the X headers; app-only gets the path's refusal
   * (v1.1 403/220, v2 "Unsupported Authentication").
   */
  private Caller user(Context ctx, Family family) {
    Caller c = anyCaller(ctx, family);
    if (!c.isUser()) {
      throw state
          .description()
          .errors(ctx.path())
          .unsupportedAuthentication(
              AuthType.APP_ONLY, Set.of(AuthType.OAUTH1_USER, AuthType.OAUTH2_USER));
    }
    return c;
  }

  /** Authenticates a call that X also serves to app-only tokens, and sets the X headers. */
  private Caller anyCaller(Context ctx, Family family) {
    ctx.attribute(FAMILY, family);
    Caller c = authentication.authenticate(ctx);
    rateHeaders(
        ctx, limits.count(family, c.app().consumerKey(), c.isUser() ? c.user().id() : null));
    ctx.header("x-access-level", c.access().header());
    return c;
  }

  private static void rateHeaders(Context ctx, RateLimits.Snapshot s) {
    ctx.header("x-rate-limit-limit", Integer.toString(s.limit()));
    ctx.header("x-rate-limit-remaining", Integer.toString(s.remaining()));
    ctx.header("x-rate-limit-reset", Long.toString(s.resetEpochSeconds()));
  }

  private void verifyCredentials(Context ctx) {
    UserProfile me = user(ctx, VERIFY_CREDENTIALS).user();
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
    Caller c = user(ctx, USER_TIMELINE);
    UserProfile target = target(ctx, c.user().id());
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
    Caller c = user(ctx, UPDATE);
    if (!c.access().canWrite()) {
      throw ApiError.cannotWrite();
    }
    String status = Requests.param(ctx, "status");
    if (status == null || status.isBlank()) {
      throw new ApiError(400, 170, "Missing required parameter: status.");
    }
    if (status.codePointCount(0, status.length()) > 280) {
      throw new ApiError(403, 186, "Tweet needs to be a bit shorter.");
    }
    UserProfile me = c.user();
    Item item = state.post(me.id(), "", status, List.of());
    Json.send(
        ctx, 200, tweetJson(item, me, false, "extended".equals(Requests.param(ctx, "tweet_mode"))));
  }

  private void usersMe(Context ctx) {
    UserProfile me = user(ctx, USERS_ME).user();
    ObjectNode body = Json.object();
    body.set("data", v2User(me, fields(ctx, "user.fields")));
    Json.send(ctx, 200, body);
  }

  private void usersByUsername(Context ctx) {
    anyCaller(ctx, USERS_BY_USERNAME);
    String username = ctx.pathParam("username");
    if (!username.matches("[A-Za-z0-9_]{1,15}")) {
      invalidRequest(
          ctx,
          "username",
          username,
          "The `username` query parameter value ["
              + username
              + "] does not match ^[A-Za-z0-9_]{1,15}$");
      return;
    }
    ObjectNode body = Json.object();
    state
        .userByScreenName(username)
        .ifPresentOrElse(
            u -> body.set("data", v2User(u, fields(ctx, "user.fields"))),
            () -> {
              ObjectNode e = body.putArray("errors").addObject();
              e.put("value", username);
              e.put("detail", "Could not find user with username: [" + username + "].");
              e.put("title", "Not Found Error");
              e.put("resource_type", "user");
              e.put("parameter", "username");
              e.put("resource_id", username);
              e.put("type", "https://api.twitter.com/2/problems/resource-not-found");
            });
    Json.send(ctx, 200, body);
  }

  /**
   * {@code GET /2/users/{id}/tweets}: newest first, {@code max_results} 5-100 (default 10), {@code
   * since_id} and {@code until_id} exclusive, opaque {@code pagination_token}.
   */
  private void userTweets(Context ctx) {
    user(ctx, USER_TWEETS);
    String id = ctx.pathParam("id");
    UserProfile owner;
    try {
      owner = state.user(Long.parseLong(id)).orElse(null);
    } catch (NumberFormatException e) {
      owner = null;
    }
    String maxParam = Requests.param(ctx, "max_results");
    int max = 10;
    if (maxParam != null) {
      Long parsed = Requests.longParam(ctx, "max_results");
      if (parsed == null || parsed < 5 || parsed > 100) {
        invalidRequest(
            ctx,
            "max_results",
            maxParam,
            "The `max_results` query parameter value [" + maxParam + "] is not between 5 and 100");
        return;
      }
      max = parsed.intValue();
    }
    Long sinceId = Requests.longParam(ctx, "since_id");
    Long untilId = Requests.longParam(ctx, "until_id");
    String tokenParam = Requests.param(ctx, "pagination_token");
    Long startAt = null;
    if (tokenParam != null) {
      startAt = decodeToken(tokenParam);
      if (startAt == null) {
        invalidRequest(
            ctx,
            "pagination_token",
            tokenParam,
            "The `pagination_token` query parameter value [" + tokenParam + "] is not valid");
        return;
      }
    }
    Set<String> tweetFields = fields(ctx, "tweet.fields");
    ArrayNode data = Json.array();
    Item last = null;
    boolean more = false;
    List<Item> items = owner == null ? List.of() : state.items(owner.id());
    for (Item item : items) {
      if (startAt != null && item.id() > startAt || untilId != null && item.id() >= untilId) {
        continue;
      }
      if (sinceId != null && item.id() <= sinceId) {
        break;
      }
      if (data.size() == max) {
        more = true;
        break;
      }
      data.add(v2Tweet(item, tweetFields));
      last = item;
    }
    ObjectNode body = Json.object();
    ObjectNode meta = Json.object();
    if (!data.isEmpty()) {
      body.set("data", data);
      meta.put("result_count", data.size());
      meta.put("newest_id", data.get(0).get("id").asText());
      meta.put("oldest_id", last.id() + "");
      if (more) {
        meta.put("next_token", encodeToken(last.id() - 1));
      }
    } else {
      meta.put("result_count", 0);
    }
    body.set("meta", meta);
    Json.send(ctx, 200, body);
  }

  private static String encodeToken(long maxIdInclusive) {
    return "lk" + Long.toString(maxIdInclusive, 36);
  }

  private static Long decodeToken(String token) {
    if (!token.startsWith("lk") || token.length() > 20) {
      return null;
    }
    try {
      return Long.parseLong(token.substring(2), 36);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A v2 400 {@code invalid-request} problem with the {@code errors[].parameters} structure. */
  private static void invalidRequest(Context ctx, String parameter, String value, String message) {
    ObjectNode body = Json.object();
    ObjectNode e = body.putArray("errors").addObject();
    e.putObject("parameters").putArray(parameter).add(value);
    e.put("message", message);
    body.put("title", "Invalid Request");
    body.put("detail", "One or more parameters to your request was invalid.");
    body.put("type", "https://api.twitter.com/2/problems/invalid-request");
    ctx.status(400).contentType("application/problem+json").result(Json.write(body));
  }

  private static Set<String> fields(Context ctx, String name) {
    String value = Requests.param(ctx, name);
    return value == null ? Set.of() : new HashSet<>(Arrays.asList(value.split(",")));
  }

  private ObjectNode v2User(UserProfile u, Set<String> fields) {
    ObjectNode data = Json.object();
    data.put("id", Long.toString(u.id()));
    data.put("name", u.name());
    data.put("username", u.screenName());
    if (fields.contains("created_at")) {
      data.put("created_at", iso(u.createdAt()));
    }
    if (fields.contains("description")) {
      data.put("description", u.description());
    }
    if (fields.contains("location")) {
      data.put("location", u.location());
    }
    if (fields.contains("protected")) {
      data.put("protected", false);
    }
    if (fields.contains("verified")) {
      data.put("verified", false);
    }
    if (fields.contains("public_metrics")) {
      ObjectNode m = data.putObject("public_metrics");
      m.put("followers_count", u.followers());
      m.put("following_count", u.friends());
      m.put("tweet_count", state.items(u.id()).size());
      m.put("listed_count", u.listed());
    }
    return data;
  }

  private static ObjectNode v2Tweet(Item item, Set<String> fields) {
    ObjectNode t = Json.object();
    t.putArray("edit_history_tweet_ids").add(Long.toString(item.id()));
    t.put("id", Long.toString(item.id()));
    t.put("text", item.text());
    if (fields.contains("created_at")) {
      t.put("created_at", iso(item.createdAt()));
    }
    if (fields.contains("author_id")) {
      t.put("author_id", Long.toString(item.userId()));
    }
    if (fields.contains("public_metrics")) {
      ObjectNode m = t.putObject("public_metrics");
      m.put("retweet_count", (int) (item.id() % 7));
      m.put("reply_count", 0);
      m.put("like_count", (int) (item.id() % 23));
      m.put("quote_count", 0);
    }
    return t;
  }

  /** ISO-8601 with milliseconds, as v2 writes it: {@code 2019-06-04T23:12:08.000Z}. */
  private static String iso(java.time.Instant instant) {
    return ISO.format(instant);
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
