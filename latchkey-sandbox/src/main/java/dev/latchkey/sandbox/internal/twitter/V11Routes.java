package dev.latchkey.sandbox.internal.twitter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.oauth1.PercentEncoding;
import dev.latchkey.sandbox.internal.ApiError;
import dev.latchkey.sandbox.internal.Call;
import dev.latchkey.sandbox.internal.Caller;
import dev.latchkey.sandbox.internal.Endpoint;
import dev.latchkey.sandbox.internal.Json;
import dev.latchkey.sandbox.internal.Pages;
import dev.latchkey.sandbox.internal.RateWindows;
import dev.latchkey.sandbox.internal.Requests;
import dev.latchkey.sandbox.internal.UserProfile;
import dev.latchkey.sandbox.internal.data.FollowGraph;
import dev.latchkey.sandbox.internal.data.ItemStream;
import dev.latchkey.sandbox.internal.data.Posted;
import dev.latchkey.sandbox.internal.data.Ref;
import dev.latchkey.sandbox.internal.data.World;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * X API v1.1 (protocol-facts E.1, the v1.1 reference pages): accounts, users, timelines, statuses,
 * search, followers and friends, likes, trends, rate-limit status and posting, with v1.1's errors
 * ({@code {"errors":[{code,message}]}}) and pagination ({@code max_id} inclusive, {@code since_id}
 * exclusive, cursors).
 */
final class V11Routes {
  static final int TIMELINE_CAP = 3200;
  static final int HOME_CAP = 800;
  static final long SEARCH_DAYS_MS = 7L * 24 * 3600 * 1000;

  private final Tweets tweets;
  private final World world;
  private final V11Json json;
  private final XRateLimits limits;
  private final Supplier<List<Endpoint>> table;
  private final Posting posting;

  V11Routes(Tweets tweets, XRateLimits limits, Supplier<List<Endpoint>> table, Posting posting) {
    this.tweets = tweets;
    this.world = tweets.world();
    this.json = new V11Json(tweets);
    this.limits = limits;
    this.table = table;
    this.posting = posting;
  }

  // ---- parameters -------------------------------------------------------------------------------

  static boolean isTrue(String v) {
    return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("t"));
  }

  static boolean isFalse(String v) {
    return v != null && (v.equals("0") || v.equalsIgnoreCase("false") || v.equalsIgnoreCase("f"));
  }

  private static boolean extended(Call call) {
    return "extended".equals(call.param("tweet_mode"));
  }

  /** A count parameter: the default when absent, clamped into 1..max as X does. */
  private static int count(Call call, int defaultCount, int max) {
    Long n = Requests.longParam(call.ctx(), "count");
    return n == null ? defaultCount : (int) Math.max(1, Math.min(max, n));
  }

  private static long idParam(Call call, String name, long absent) {
    Long v = Requests.longParam(call.ctx(), name);
    return v == null || v <= 0 ? absent : v;
  }

  /** {@code user_id} or {@code screen_name}, else the caller, else 400/38; 404/50 when unknown. */
  private UserProfile target(Call call, boolean callerByDefault) {
    Long userId = Requests.longParam(call.ctx(), "user_id");
    String screenName = call.param("screen_name");
    OptionalInt index;
    if (userId != null) {
      index = world.indexOfId(userId);
    } else if (screenName != null) {
      index = world.indexOfScreenName(screenName);
    } else if (callerByDefault && call.caller().isUser()) {
      return call.caller().user();
    } else {
      throw new ApiError(400, 38, "user_id or screen_name parameter is missing.");
    }
    if (index.isEmpty()) {
      throw new ApiError(404, 50, "User not found.");
    }
    return world.profile(index.getAsInt());
  }

  private static ApiError suspended() {
    return new ApiError(403, 63, "User has been suspended.");
  }

  /** v1.1's answer to a protected timeline: {@code {"request":path,"error":"Not authorized."}}. */
  private static void notAuthorized(Context ctx, String apiPath) {
    ObjectNode body = Json.object();
    body.put("request", apiPath);
    body.put("error", "Not authorized.");
    Json.send(ctx, 401, body);
  }

  private static String apiPath(Call call) {
    String path = call.ctx().path();
    return path.substring(path.indexOf('/', 1));
  }

  // ---- account and users ------------------------------------------------------------------------

  void verifyCredentials(Call call) {
    UserProfile me = call.caller().user();
    boolean skipStatus = isTrue(call.param("skip_status"));
    ObjectNode user =
        json.user(
            me, V11Json.UserForm.ACCOUNT, !skipStatus, extended(call), call.caller(), call.nowMs());
    if (isTrue(call.param("include_email"))) {
      user.put("email", me.screenName() + "@sandbox.invalid");
    }
    Json.send(call.ctx(), 200, user);
  }

  void usersShow(Call call) {
    UserProfile u = target(call, false);
    if (u.suspended()) {
      throw suspended();
    }
    Json.send(
        call.ctx(),
        200,
        json.user(u, V11Json.UserForm.LOOKUP, true, extended(call), call.caller(), call.nowMs()));
  }

  /** Up to 100 users by id and/or screen name; unknown and suspended ones are left out. */
  void usersLookup(Call call) {
    List<Integer> found = new ArrayList<>();
    int asked = 0;
    for (String name : List.of("user_id", "screen_name")) {
      String list = call.param(name);
      if (list == null || list.isBlank()) {
        continue;
      }
      for (String v : list.split(",")) {
        String value = v.trim();
        if (value.isEmpty()) {
          continue;
        }
        if (++asked > 100) {
          throw new ApiError(403, 18, "Too many terms specified in query.");
        }
        OptionalInt index = OptionalInt.empty();
        if (name.equals("user_id")) {
          try {
            index = world.indexOfId(Long.parseLong(value));
          } catch (NumberFormatException e) {
            index = OptionalInt.empty();
          }
        } else {
          index = world.indexOfScreenName(value);
        }
        if (index.isPresent() && !found.contains(index.getAsInt())) {
          found.add(index.getAsInt());
        }
      }
    }
    ArrayNode out = Json.array();
    for (int i : found) {
      UserProfile u = world.profile(i);
      if (!u.suspended()) {
        out.add(
            json.user(
                u, V11Json.UserForm.LOOKUP, true, extended(call), call.caller(), call.nowMs()));
      }
    }
    if (out.isEmpty()) {
      throw new ApiError(404, 17, "No user matches for specified terms.");
    }
    Json.send(call.ctx(), 200, out);
  }

  // ---- timelines --------------------------------------------------------------------------------

  void userTimeline(Call call) {
    UserProfile u = target(call, true);
    if (u.suspended()) {
      throw suspended();
    }
    if (u.isProtected() && !tweets.canSeeProtected(u.index(), call.caller())) {
      notAuthorized(call.ctx(), apiPath(call));
      return;
    }
    ItemStream stream =
        world.userStream(
            u.index(), call.nowMs(), idParam(call, "max_id", Long.MAX_VALUE), TIMELINE_CAP);
    sendTimeline(call, stream, count(call, 20, 200));
  }

  void homeTimeline(Call call) {
    Caller c = call.caller();
    ItemStream visible =
        world
            .homeStream(c.user().index(), call.nowMs())
            .filter(r -> tweets.refusal(r, c) == Tweets.Refusal.NONE);
    sendTimeline(
        call,
        World.capped(visible, HOME_CAP, idParam(call, "max_id", Long.MAX_VALUE)),
        count(call, 20, 200));
  }

  void mentionsTimeline(Call call) {
    Caller c = call.caller();
    ItemStream visible =
        world
            .mentionStream(c.user().index(), call.nowMs(), Long.MAX_VALUE, tweets::mentionsSlot)
            .filter(r -> tweets.refusal(r, c) == Tweets.Refusal.NONE);
    sendTimeline(
        call,
        World.capped(visible, HOME_CAP, idParam(call, "max_id", Long.MAX_VALUE)),
        count(call, 20, 200));
  }

  /**
   * A page of {@code count} tweets above {@code since_id}; {@code exclude_replies} and {@code
   * include_rts=false} drop tweets after counting, as X does.
   */
  private void sendTimeline(Call call, ItemStream stream, int count) {
    long sinceId = idParam(call, "since_id", -1);
    boolean excludeReplies = isTrue(call.param("exclude_replies"));
    boolean noRetweets = isFalse(call.param("include_rts"));
    boolean trim = isTrue(call.param("trim_user"));
    ArrayNode out = Json.array();
    for (Ref r : stream.take(count, sinceId)) {
      Tweet t = tweets.tweet(r);
      if (excludeReplies && t.kind() == Tweet.Kind.REPLY
          || noRetweets && t.kind() == Tweet.Kind.RETWEET) {
        continue;
      }
      out.add(json.tweet(t, trim, extended(call), call.caller(), call.nowMs(), false));
    }
    Json.send(call.ctx(), 200, out);
  }

  // ---- statuses ---------------------------------------------------------------------------------

  void statusesShow(Call call) {
    String raw = call.ctx().pathParamMap().getOrDefault("id", call.param("id"));
    long id;
    try {
      id = Long.parseLong(raw == null ? "" : raw);
    } catch (NumberFormatException e) {
      throw new ApiError(404, 144, "No status found with that ID.");
    }
    Ref r = world.find(id, call.nowMs());
    if (r == null) {
      throw new ApiError(404, 144, "No status found with that ID.");
    }
    switch (tweets.refusal(r, call.caller())) {
      case DELETED -> throw new ApiError(404, 144, "No status found with that ID.");
      case PROTECTED ->
          throw new ApiError(403, 179, "Sorry, you are not authorized to see this status.");
      case SUSPENDED -> throw suspended();
      default -> {}
    }
    Json.send(
        call.ctx(),
        200,
        json.tweet(
            tweets.tweet(r),
            isTrue(call.param("trim_user")),
            extended(call),
            call.caller(),
            call.nowMs(),
            false));
  }

  /** Up to 100 tweets by id; missing ones are left out, or {@code null} with {@code map=true}. */
  void statusesLookup(Call call) {
    String list = call.param("id");
    List<String> ids = new ArrayList<>();
    if (list != null) {
      for (String v : list.split(",")) {
        if (!v.isBlank()) {
          ids.add(v.trim());
        }
      }
    }
    if (ids.size() > 100) {
      throw new ApiError(403, 18, "Too many terms specified in query.");
    }
    boolean map = isTrue(call.param("map"));
    boolean trim = isTrue(call.param("trim_user"));
    ArrayNode array = Json.array();
    ObjectNode byId = Json.object();
    for (String v : ids) {
      ObjectNode tweet = null;
      try {
        Ref r = world.find(Long.parseLong(v), call.nowMs());
        if (r != null && tweets.refusal(r, call.caller()) == Tweets.Refusal.NONE) {
          tweet =
              json.tweet(tweets.tweet(r), trim, extended(call), call.caller(), call.nowMs(), false);
        }
      } catch (NumberFormatException e) {
        tweet = null;
      }
      if (tweet != null) {
        array.add(tweet);
      }
      if (map) {
        byId.set(v, tweet == null ? Json.MAPPER.nullNode() : tweet);
      }
    }
    if (map) {
      ObjectNode out = Json.object();
      out.set("id", byId);
      Json.send(call.ctx(), 200, out);
    } else {
      Json.send(call.ctx(), 200, array);
    }
  }

  void statusesUpdate(Call call) {
    Posted p =
        posting.post(
            call,
            call.param("status"),
            idParam(call, "in_reply_to_status_id", -1),
            call.param("attachment_url"),
            false);
    Json.send(
        call.ctx(),
        200,
        json.tweet(
            tweets.tweet(Ref.of(p)), false, extended(call), call.caller(), call.nowMs(), false));
  }

  // ---- search -----------------------------------------------------------------------------------

  void searchTweets(Call call) {
    String q = call.param("q");
    if (q == null || q.isBlank()) {
      throw new ApiError(400, 25, "Query parameters are missing.");
    }
    if (q.length() > 500) {
      throw new ApiError(400, 195, "Missing or invalid url parameter.");
    }
    SearchQuery query;
    try {
      query = SearchQuery.parse(q);
    } catch (SearchQuery.Invalid e) {
      throw new ApiError(400, 195, "Missing or invalid url parameter.");
    }
    long started = System.nanoTime();
    long now = call.nowMs();
    long maxId = idParam(call, "max_id", Long.MAX_VALUE);
    long sinceId = idParam(call, "since_id", -1);
    String until = call.param("until");
    if (until != null) {
      try {
        long untilMs =
            LocalDate.parse(until).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        maxId = Math.min(maxId, world.timelines().idAt(untilMs) - 1);
      } catch (DateTimeParseException e) {
        throw new ApiError(400, 195, "Missing or invalid url parameter.");
      }
    }
    String lang = call.param("lang");
    int count = count(call, 15, 100);
    List<Ref> page =
        lang != null && !lang.equals("en")
            ? List.of()
            : Search.stream(tweets, query, call.caller(), now, maxId, now - SEARCH_DAYS_MS)
                .take(count, sinceId);
    ObjectNode out = Json.object();
    ArrayNode statuses = out.putArray("statuses");
    for (Ref r : page) {
      statuses.add(
          json.tweet(
              tweets.tweet(r),
              isTrue(call.param("trim_user")),
              extended(call),
              call.caller(),
              now,
              true));
    }
    ObjectNode meta = out.putObject("search_metadata");
    meta.put("completed_in", Math.round((System.nanoTime() - started) / 1e6) / 1000.0);
    long newest = page.isEmpty() ? Math.max(0, sinceId) : page.get(0).id();
    meta.put("max_id", newest);
    meta.put("max_id_str", Long.toString(newest));
    String encoded = PercentEncoding.encode(q);
    if (page.size() == count) {
      long next = page.get(page.size() - 1).id() - 1;
      meta.put(
          "next_results",
          "?max_id=" + next + "&q=" + encoded + "&count=" + count + "&include_entities=1");
    }
    meta.put("query", encoded);
    meta.put("refresh_url", "?since_id=" + newest + "&q=" + encoded + "&include_entities=1");
    meta.put("count", count);
    meta.put("since_id", Math.max(0, sinceId));
    meta.put("since_id_str", Long.toString(Math.max(0, sinceId)));
    Json.send(call.ctx(), 200, out);
  }

  // ---- followers and friends --------------------------------------------------------------------

  void followersIds(Call call) {
    ids(call, true);
  }

  void friendsIds(Call call) {
    ids(call, false);
  }

  void followersList(Call call) {
    list(call, true);
  }

  void friendsList(Call call) {
    list(call, false);
  }

  private record Slice(List<FollowGraph.Entry> entries, long next, long previous) {}

  /**
   * A cursor page of followers or friends: {@code cursor} from -1, {@code next_cursor} 0 at the
   * end.
   */
  private Slice slice(Call call, UserProfile u, boolean followers, int count) {
    String cursorParam = call.param("cursor");
    long cursor = -1;
    if (cursorParam != null) {
      try {
        cursor = Long.parseLong(cursorParam);
      } catch (NumberFormatException e) {
        cursor = Long.MIN_VALUE;
      }
    }
    long position = Pages.cursorPosition(cursor);
    if (position < 0 || cursor == 0) {
      return new Slice(List.of(), 0, 0);
    }
    FollowGraph g = world.graph();
    int from = (int) Math.min(Integer.MAX_VALUE, position);
    if (cursor < -1) {
      // A previous_cursor: the page that ends where this one starts.
      List<FollowGraph.Entry> before = new ArrayList<>();
      for (FollowGraph.Entry e : entries(g, u.index(), followers, 0, Integer.MAX_VALUE)) {
        if (e.next() > from) {
          break;
        }
        before.add(e);
      }
      List<FollowGraph.Entry> page =
          before.subList(Math.max(0, before.size() - count), before.size());
      int start = page.isEmpty() ? 0 : startOf(before, before.size() - page.size());
      return new Slice(
          List.copyOf(page), Pages.cursor(from), start == 0 ? 0 : -Pages.cursor(start));
    }
    List<FollowGraph.Entry> page = entries(g, u.index(), followers, from, count + 1);
    boolean more = page.size() > count;
    List<FollowGraph.Entry> shown = more ? page.subList(0, count) : page;
    long next = more ? Pages.cursor(shown.get(shown.size() - 1).next()) : 0;
    return new Slice(List.copyOf(shown), next, from == 0 ? 0 : -Pages.cursor(from));
  }

  private static int startOf(List<FollowGraph.Entry> all, int index) {
    return index == 0 ? 0 : all.get(index - 1).next();
  }

  private static List<FollowGraph.Entry> entries(
      FollowGraph g, int user, boolean followers, int from, int limit) {
    return followers ? g.followers(user, from, limit) : g.following(user, from, limit);
  }

  private UserProfile graphTarget(Call call) {
    UserProfile u = target(call, true);
    if (u.suspended()) {
      throw suspended();
    }
    return u;
  }

  private void ids(Call call, boolean followers) {
    UserProfile u = graphTarget(call);
    if (u.isProtected() && !tweets.canSeeProtected(u.index(), call.caller())) {
      notAuthorized(call.ctx(), apiPath(call));
      return;
    }
    Slice s = slice(call, u, followers, count(call, 5000, 5000));
    boolean strings = isTrue(call.param("stringify_ids"));
    ObjectNode out = Json.object();
    ArrayNode ids = out.putArray("ids");
    for (FollowGraph.Entry e : s.entries()) {
      long id = world.people().id(e.user());
      if (strings) {
        ids.add(Long.toString(id));
      } else {
        ids.add(id);
      }
    }
    cursors(out, s);
    out.putNull("total_count");
    Json.send(call.ctx(), 200, out);
  }

  private void list(Call call, boolean followers) {
    UserProfile u = graphTarget(call);
    if (u.isProtected() && !tweets.canSeeProtected(u.index(), call.caller())) {
      notAuthorized(call.ctx(), apiPath(call));
      return;
    }
    Slice s = slice(call, u, followers, count(call, 20, 200));
    boolean withStatus = !isTrue(call.param("skip_status"));
    ObjectNode out = Json.object();
    ArrayNode users = out.putArray("users");
    for (FollowGraph.Entry e : s.entries()) {
      UserProfile p = world.profile(e.user());
      users.add(
          json.user(
              p, V11Json.UserForm.LOOKUP, withStatus, extended(call), call.caller(), call.nowMs()));
    }
    cursors(out, s);
    Json.send(call.ctx(), 200, out);
  }

  private static void cursors(ObjectNode out, Slice s) {
    out.put("next_cursor", s.next());
    out.put("next_cursor_str", Long.toString(s.next()));
    out.put("previous_cursor", s.previous());
    out.put("previous_cursor_str", Long.toString(s.previous()));
  }

  // ---- likes ------------------------------------------------------------------------------------

  /**
   * The user's likes, newest like first, as tweets; {@code since_id}/{@code max_id} on tweet ids.
   */
  void favoritesList(Call call) {
    UserProfile u = target(call, true);
    if (u.suspended()) {
      throw suspended();
    }
    if (u.isProtected() && !tweets.canSeeProtected(u.index(), call.caller())) {
      notAuthorized(call.ctx(), apiPath(call));
      return;
    }
    int count = count(call, 20, 200);
    long sinceId = idParam(call, "since_id", -1);
    long maxId = idParam(call, "max_id", Long.MAX_VALUE);
    ArrayNode out = Json.array();
    for (int l = 0; l < u.likes() && out.size() < count; l++) {
      Ref r = world.liked(u.index(), l, call.nowMs());
      if (r == null || r.id() <= sinceId || r.id() > maxId) {
        continue;
      }
      if (tweets.refusal(r, call.caller()) != Tweets.Refusal.NONE) {
        continue;
      }
      ObjectNode t =
          json.tweet(
              tweets.tweet(r),
              isTrue(call.param("trim_user")),
              extended(call),
              call.caller(),
              call.nowMs(),
              false);
      t.put("favorited", call.caller().isUser() && call.caller().user().index() == u.index());
      out.add(t);
    }
    Json.send(call.ctx(), 200, out);
  }

  // ---- trends -----------------------------------------------------------------------------------

  void trendsPlace(Call call) {
    Long woeid = Requests.longParam(call.ctx(), "id");
    if (woeid == null) {
      throw new ApiError(400, 38, "id parameter is missing.");
    }
    Trends.Place place = Trends.place(woeid);
    if (place == null) {
      throw ApiError.pageDoesNotExist();
    }
    boolean noHashtags = "hashtags".equals(call.param("exclude"));
    Json.send(call.ctx(), 200, Trends.json(place, world, call.nowMs(), noHashtags));
  }

  void trendsAvailable(Call call) {
    Json.send(call.ctx(), 200, Trends.available());
  }

  // ---- rate-limit status ------------------------------------------------------------------------

  /**
   * {@code {"rate_limit_context":{…},"resources":{family:{resource:{limit,remaining,reset}}}}} for
   * the caller's context: the access token in user context, the app otherwise.
   */
  void rateLimitStatus(Call call) {
    Caller c = call.caller();
    String only = call.param("resources");
    Set<String> families = only == null ? null : Set.of(only.split(","));
    ObjectNode out = Json.object();
    ObjectNode context = out.putObject("rate_limit_context");
    if (c.isUser() && c.oauth1Token() != null) {
      context.put("access_token", c.oauth1Token().token());
    } else {
      context.put("application", c.app().consumerKey());
    }
    Map<String, ObjectNode> byFamily = new LinkedHashMap<>();
    ObjectNode resources = out.putObject("resources");
    for (Endpoint e : table.get()) {
      if (!e.path().startsWith("/1.1/")
          || e.method().equals("POST") && e.limit().family().equals("statuses")) {
        continue;
      }
      var limit = limits.limit(e);
      if (families != null && !families.contains(limit.family())) {
        continue;
      }
      ObjectNode family = byFamily.computeIfAbsent(limit.family(), f -> resources.putObject(f));
      if (family.has(limit.resource())) {
        continue;
      }
      RateWindows.Snapshot s = limits.peek(e, c);
      ObjectNode r = family.putObject(limit.resource());
      r.put("limit", s.limit());
      r.put("remaining", s.remaining());
      r.put("reset", s.resetEpochSeconds());
    }
    Json.send(call.ctx(), 200, out);
  }
}
