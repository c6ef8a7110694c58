package dev.latchkey.sandbox.internal.twitter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.sandbox.internal.ApiError;
import dev.latchkey.sandbox.internal.Call;
import dev.latchkey.sandbox.internal.Caller;
import dev.latchkey.sandbox.internal.Json;
import dev.latchkey.sandbox.internal.Pages;
import dev.latchkey.sandbox.internal.Requests;
import dev.latchkey.sandbox.internal.UserProfile;
import dev.latchkey.sandbox.internal.data.FollowGraph;
import dev.latchkey.sandbox.internal.data.ItemStream;
import dev.latchkey.sandbox.internal.data.Posted;
import dev.latchkey.sandbox.internal.data.Ref;
import dev.latchkey.sandbox.internal.data.World;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * X API v2 reads and writes (protocol-facts E.2, the OpenAPI): users, tweets, timelines, mentions,
 * follows, likes, recent search and counts, posting and deleting. Fields and expansions per the
 * OpenAPI with {@code includes}; lookups of several ids answer 200 with {@code data} and {@code
 * errors} for the ones missing; pages turn with {@code next_token}/{@code pagination_token}; {@code
 * since_id} and {@code until_id} are exclusive.
 */
final class V2Routes {
  static final String PROBLEMS = XV2Problems.PROBLEMS;
  private static final long SEVEN_DAYS_MS = 7L * 24 * 3600 * 1000;

  private final Tweets tweets;
  private final World world;
  private final V2Json json;
  private final Posting posting;

  V2Routes(Tweets tweets, Posting posting) {
    this.tweets = tweets;
    this.world = tweets.world();
    this.json = new V2Json(tweets);
    this.posting = posting;
  }

  V2Json json() {
    return json;
  }

  // ---- shared -----------------------------------------------------------------------------------

  /** An entry of {@code errors[]} for a resource that is missing or not shown (partial errors). */
  static ObjectNode resourceError(
      String value,
      String detail,
      String title,
      String resourceType,
      String parameter,
      String type) {
    ObjectNode e = Json.object();
    e.put("value", value);
    e.put("detail", detail);
    e.put("title", title);
    e.put("resource_type", resourceType);
    e.put("parameter", parameter);
    e.put("resource_id", value);
    e.put("type", PROBLEMS + type);
    return e;
  }

  private static ObjectNode userNotFound(String value, String parameter, String by) {
    return resourceError(
        value,
        "Could not find user with " + by + ": [" + value + "].",
        "Not Found Error",
        "user",
        parameter,
        "resource-not-found");
  }

  private static ObjectNode userSuspended(String value, String parameter, UserProfile u) {
    return resourceError(
        value,
        "User has been suspended: [" + u.screenName() + "].",
        "Forbidden",
        "user",
        parameter,
        "resource-not-found");
  }

  private static ObjectNode userNotAuthorized(String value, String parameter) {
    return resourceError(
        value,
        "Sorry, you are not authorized to see the user with id: [" + value + "].",
        "Authorization Error",
        "user",
        parameter,
        "not-authorized-for-resource");
  }

  /** Writes {@code {data, includes, errors, meta}}, each part only when it has something. */
  private static void send(
      Call call, JsonNode data, V2Json.Includes includes, ArrayNode errors, ObjectNode meta) {
    ObjectNode out = Json.object();
    if (data != null && !(data.isArray() && data.isEmpty())) {
      out.set("data", data);
    }
    if (includes != null && !includes.isEmpty()) {
      out.set("includes", includes.json());
    }
    if (errors != null && !errors.isEmpty()) {
      out.set("errors", errors);
    }
    if (meta != null) {
      out.set("meta", meta);
    }
    Json.send(call.ctx(), 200, out);
  }

  private static int maxResults(Call call, int min, int max, int defaultValue) {
    String raw = call.param("max_results");
    if (raw == null) {
      return defaultValue;
    }
    Long n = Requests.longParam(call.ctx(), "max_results");
    if (n == null || n < min || n > max) {
      throw ApiError.invalidParameter(
          "max_results",
          raw,
          "The `max_results` query parameter value ["
              + raw
              + "] is not between "
              + min
              + " and "
              + max);
    }
    return n.intValue();
  }

  private static long idParam(Call call, String name) {
    String raw = call.param(name);
    if (raw == null) {
      return -1;
    }
    if (!raw.matches("[0-9]{1,19}")) {
      throw ApiError.invalidParameter(
          name,
          raw,
          "The `" + name + "` query parameter value [" + raw + "] does not match ^[0-9]{1,19}$");
    }
    return Long.parseLong(raw);
  }

  private static long timeParam(Call call, String name) {
    String raw = call.param(name);
    if (raw == null) {
      return -1;
    }
    try {
      return Instant.parse(raw).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw ApiError.invalidParameter(
          name,
          raw,
          "The `"
              + name
              + "` query parameter value ["
              + raw
              + "] is not a valid RFC 3339 date-time (YYYY-MM-DDTHH:mm:ssZ)");
    }
  }

  /** The page to resume at: the id a token carries (exclusive), or none. */
  private static long token(Call call, String... names) {
    for (String name : names) {
      String raw = call.param(name);
      if (raw != null) {
        long position = Pages.position(raw);
        if (position < 0) {
          throw ApiError.invalidParameter(
              name, raw, "The `" + name + "` query parameter value [" + raw + "] is not valid");
        }
        return position;
      }
    }
    return -1;
  }

  private UserProfile pathUser(Call call) {
    String raw = call.ctx().pathParam("id");
    if (!raw.matches("[0-9]{1,19}")) {
      throw ApiError.invalidParameter(
          "id", raw, "The `id` query parameter value [" + raw + "] does not match ^[0-9]{1,19}$");
    }
    OptionalInt index = world.indexOfId(Long.parseLong(raw));
    return index.isEmpty() ? null : world.profile(index.getAsInt());
  }

  /**
   * The user of a path id whose items the caller asks for, or null after answering 200 with the
   * error that explains why not (missing, suspended, protected).
   */
  private UserProfile itemsOwner(Call call) {
    String raw = call.ctx().pathParam("id");
    UserProfile u = pathUser(call);
    ArrayNode errors = Json.array();
    if (u == null) {
      errors.add(userNotFound(raw, "id", "id"));
    } else if (u.suspended()) {
      errors.add(userSuspended(raw, "id", u));
    } else if (u.isProtected() && !tweets.canSeeProtected(u.index(), call.caller())) {
      errors.add(userNotAuthorized(raw, "id"));
    } else {
      return u;
    }
    send(call, null, null, errors, null);
    return null;
  }

  // ---- users ------------------------------------------------------------------------------------

  void usersMe(Call call) {
    V2Fields f = V2Fields.read(call.ctx(), false);
    V2Json.Includes inc = json.includes(f, call.caller(), call.nowMs());
    UserProfile me = call.caller().user();
    inc.forUser(me);
    send(call, json.user(me, f, call.caller(), call.nowMs()), inc, null, null);
  }

  void userById(Call call) {
    V2Fields f = V2Fields.read(call.ctx(), false);
    String raw = call.ctx().pathParam("id");
    UserProfile u = pathUser(call);
    oneUser(call, f, u, raw, "id", "id");
  }

  void userByUsername(Call call) {
    String username = call.ctx().pathParam("username");
    if (!username.matches("[A-Za-z0-9_]{1,15}")) {
      throw ApiError.invalidParameter(
          "username",
          username,
          "The `username` query parameter value ["
              + username
              + "] does not match ^[A-Za-z0-9_]{1,15}$");
    }
    V2Fields f = V2Fields.read(call.ctx(), false);
    OptionalInt index = world.indexOfScreenName(username);
    oneUser(
        call,
        f,
        index.isEmpty() ? null : world.profile(index.getAsInt()),
        username,
        "username",
        "username");
  }

  private void oneUser(
      Call call, V2Fields f, UserProfile u, String value, String parameter, String by) {
    ArrayNode errors = Json.array();
    if (u == null) {
      errors.add(userNotFound(value, parameter, by));
      send(call, null, null, errors, null);
    } else if (u.suspended()) {
      errors.add(userSuspended(value, parameter, u));
      send(call, null, null, errors, null);
    } else {
      V2Json.Includes inc = json.includes(f, call.caller(), call.nowMs());
      inc.forUser(u);
      send(call, json.user(u, f, call.caller(), call.nowMs()), inc, null, null);
    }
  }

  void usersByIds(Call call) {
    manyUsers(call, "ids", true);
  }

  void usersByUsernames(Call call) {
    manyUsers(call, "usernames", false);
  }

  private void manyUsers(Call call, String parameter, boolean byId) {
    List<String> values =
        list(
            call,
            parameter,
            byId ? "[0-9]{1,19}" : "[A-Za-z0-9_]{1,15}",
            byId ? "^[0-9]{1,19}$" : "^[A-Za-z0-9_]{1,15}$");
    V2Fields f = V2Fields.read(call.ctx(), false);
    V2Json.Includes inc = json.includes(f, call.caller(), call.nowMs());
    ArrayNode data = Json.array();
    ArrayNode errors = Json.array();
    for (String v : values) {
      OptionalInt index = byId ? world.indexOfId(Long.parseLong(v)) : world.indexOfScreenName(v);
      if (index.isEmpty()) {
        errors.add(userNotFound(v, parameter, byId ? "ids" : "usernames"));
        continue;
      }
      UserProfile u = world.profile(index.getAsInt());
      if (u.suspended()) {
        errors.add(userSuspended(v, parameter, u));
        continue;
      }
      inc.forUser(u);
      data.add(json.user(u, f, call.caller(), call.nowMs()));
    }
    send(call, data, inc, errors, null);
  }

  /** A comma-separated list of 1 to 100 values, each matching {@code pattern}. */
  private static List<String> list(Call call, String parameter, String pattern, String shown) {
    String raw = call.param(parameter);
    if (raw == null || raw.isEmpty()) {
      throw ApiError.invalidParameter(
          parameter, "", "The `" + parameter + "` query parameter can not be empty");
    }
    String[] parts = raw.split(",", -1);
    if (parts.length > 100) {
      throw ApiError.invalidParameter(
          parameter,
          raw,
          "The number of values in the `"
              + parameter
              + "` query parameter list ["
              + parts.length
              + "] is not between 1 and 100");
    }
    List<String> out = new ArrayList<>();
    for (String p : parts) {
      if (!p.matches(pattern)) {
        throw ApiError.invalidParameter(
            parameter,
            p,
            "The `" + parameter + "` query parameter value [" + p + "] does not match " + shown);
      }
      out.add(p);
    }
    return out;
  }

  // ---- timelines --------------------------------------------------------------------------------

  /** {@code /2/users/:id/tweets}: the newest 3,200 (800 with {@code exclude=replies}). */
  void userTweets(Call call) {
    int max = maxResults(call, 5, 100, 10);
    V2Fields f = V2Fields.read(call.ctx(), true);
    Set<String> exclude = exclude(call);
    Bounds b = bounds(call);
    UserProfile u = itemsOwner(call);
    if (u == null) {
      return;
    }
    int cap = exclude.contains("replies") ? 800 : V11Routes.TIMELINE_CAP;
    ItemStream stream = world.userStream(u.index(), call.nowMs(), b.maxId(), cap);
    if (!exclude.isEmpty()) {
      // only then is each tweet made twice (here and for the page)
      stream = stream.filter(r -> keep(tweets.tweet(r), exclude));
    }
    page(call, stream, max, b.sinceId(), f, false);
  }

  /** {@code /2/users/:id/mentions}: the newest 800 mentions. */
  void userMentions(Call call) {
    int max = maxResults(call, 5, 100, 10);
    V2Fields f = V2Fields.read(call.ctx(), true);
    Bounds b = bounds(call);
    UserProfile u = itemsOwner(call);
    if (u == null) {
      return;
    }
    Caller c = call.caller();
    ItemStream visible =
        world
            .mentionStream(u.index(), call.nowMs(), Long.MAX_VALUE, tweets::mentionsSlot)
            .filter(r -> tweets.refusal(r, c) == Tweets.Refusal.NONE);
    page(call, World.capped(visible, V11Routes.HOME_CAP, b.maxId()), max, b.sinceId(), f, false);
  }

  void likedTweets(Call call) {
    int max = maxResults(call, 5, 100, 100);
    V2Fields f = V2Fields.read(call.ctx(), true);
    long start = token(call, "pagination_token");
    UserProfile u = itemsOwner(call);
    if (u == null) {
      return;
    }
    Caller c = call.caller();
    List<Tweet> found = new ArrayList<>();
    int l = (int) Math.max(0, start);
    for (; l < u.likes() && found.size() < max; l++) {
      Ref r = world.liked(u.index(), l, call.nowMs());
      if (r != null && tweets.refusal(r, c) == Tweets.Refusal.NONE) {
        found.add(tweets.tweet(r));
      }
    }
    ObjectNode meta = Json.object();
    meta.put("result_count", found.size());
    if (l < u.likes() && !found.isEmpty()) {
      meta.put("next_token", Pages.token(l));
    }
    if (start > 0) {
      meta.put("previous_token", Pages.token(Math.max(0, start - max)));
    }
    sendTweets(call, found, f, meta);
  }

  private record Bounds(long sinceId, long maxId) {}

  /** {@code since_id}, {@code until_id}, {@code start_time}, {@code end_time} and the token. */
  private Bounds bounds(Call call) {
    long sinceId = idParam(call, "since_id");
    long untilId = idParam(call, "until_id");
    long start = timeParam(call, "start_time");
    long end = timeParam(call, "end_time");
    long resume = token(call, "pagination_token", "next_token");
    long maxId = Long.MAX_VALUE;
    if (untilId > 0) {
      maxId = Math.min(maxId, untilId - 1);
    }
    if (resume >= 0) {
      maxId = Math.min(maxId, resume - 1);
    }
    if (end > 0) {
      maxId = Math.min(maxId, world.timelines().idAt(end) - 1);
    }
    if (start > 0) {
      sinceId = Math.max(sinceId, world.timelines().idAt(start) - 1);
    }
    return new Bounds(sinceId, maxId);
  }

  private static Set<String> exclude(Call call) {
    String raw = call.param("exclude");
    if (raw == null) {
      return Set.of();
    }
    Set<String> out = new java.util.HashSet<>();
    for (String v : raw.split(",")) {
      if (!v.equals("replies") && !v.equals("retweets")) {
        throw ApiError.invalidParameter(
            "exclude",
            raw,
            "The `exclude` query parameter value [" + v + "] is not one of [replies,retweets]");
      }
      out.add(v);
    }
    return out;
  }

  private static boolean keep(Tweet t, Set<String> exclude) {
    return !(exclude.contains("replies") && t.kind() == Tweet.Kind.REPLY
        || exclude.contains("retweets") && t.kind() == Tweet.Kind.RETWEET);
  }

  /** A page of tweets with {@code meta.next_token} when more follow. */
  private void page(
      Call call, ItemStream stream, int max, long sinceId, V2Fields f, boolean searchMeta) {
    List<Ref> refs = stream.take(max + 1, sinceId);
    boolean more = refs.size() > max;
    List<Ref> shown = more ? refs.subList(0, max) : refs;
    List<Tweet> page = new ArrayList<>();
    for (Ref r : shown) {
      page.add(tweets.tweet(r));
    }
    ObjectNode meta = Json.object();
    if (searchMeta) {
      if (!page.isEmpty()) {
        meta.put("newest_id", Long.toString(page.get(0).id()));
        meta.put("oldest_id", Long.toString(page.get(page.size() - 1).id()));
      }
      meta.put("result_count", page.size());
    } else {
      meta.put("result_count", page.size());
      if (!page.isEmpty()) {
        meta.put("newest_id", Long.toString(page.get(0).id()));
        meta.put("oldest_id", Long.toString(page.get(page.size() - 1).id()));
      }
    }
    if (more) {
      meta.put("next_token", Pages.token(page.get(page.size() - 1).id()));
    }
    sendTweets(call, page, f, meta);
  }

  private void sendTweets(Call call, List<Tweet> page, V2Fields f, ObjectNode meta) {
    V2Json.Includes inc = json.includes(f, call.caller(), call.nowMs());
    ArrayNode data = Json.array();
    for (Tweet t : page) {
      data.add(json.tweet(t, f));
      inc.forTweet(t);
    }
    send(call, data, inc, null, meta);
  }

  // ---- follows ----------------------------------------------------------------------------------

  void followers(Call call) {
    follows(call, true);
  }

  void following(Call call) {
    follows(call, false);
  }

  private void follows(Call call, boolean followers) {
    int max = maxResults(call, 1, 1000, 100);
    V2Fields f = V2Fields.read(call.ctx(), false);
    String raw = call.param("pagination_token");
    long from = 0;
    if (raw != null) {
      from = Pages.position(raw);
      if (from < 0 || raw.length() < 16) {
        throw ApiError.invalidParameter(
            "pagination_token",
            raw,
            "The `pagination_token` query parameter value [" + raw + "] is not valid");
      }
    }
    UserProfile u = itemsOwner(call);
    if (u == null) {
      return;
    }
    FollowGraph g = world.graph();
    int start = (int) Math.min(Integer.MAX_VALUE, from);
    List<FollowGraph.Entry> entries =
        followers ? g.followers(u.index(), start, max + 1) : g.following(u.index(), start, max + 1);
    boolean more = entries.size() > max;
    List<FollowGraph.Entry> shown = more ? entries.subList(0, max) : entries;
    V2Json.Includes inc = json.includes(f, call.caller(), call.nowMs());
    ArrayNode data = Json.array();
    for (FollowGraph.Entry e : shown) {
      UserProfile p = world.profile(e.user());
      inc.forUser(p);
      data.add(json.user(p, f, call.caller(), call.nowMs()));
    }
    ObjectNode meta = Json.object();
    meta.put("result_count", shown.size());
    if (more) {
      meta.put("next_token", Pages.upperToken(shown.get(shown.size() - 1).next()));
    }
    if (start > 0) {
      meta.put("previous_token", Pages.upperToken(Math.max(0, start - max)));
    }
    send(call, data, inc, null, meta);
  }

  // ---- tweets -----------------------------------------------------------------------------------

  void tweetById(Call call) {
    String raw = call.ctx().pathParam("id");
    if (!raw.matches("[0-9]{1,19}")) {
      throw ApiError.invalidParameter(
          "id", raw, "The `id` query parameter value [" + raw + "] does not match ^[0-9]{1,19}$");
    }
    V2Fields f = V2Fields.read(call.ctx(), true);
    tweetsFor(call, List.of(raw), "id", f, false);
  }

  void tweetsByIds(Call call) {
    List<String> ids = list(call, "ids", "[0-9]{1,19}", "^[0-9]{1,19}$");
    V2Fields f = V2Fields.read(call.ctx(), true);
    tweetsFor(call, ids, "ids", f, true);
  }

  private void tweetsFor(Call call, List<String> ids, String parameter, V2Fields f, boolean array) {
    V2Json.Includes inc = json.includes(f, call.caller(), call.nowMs());
    ArrayNode data = Json.array();
    ArrayNode errors = Json.array();
    for (String v : ids) {
      Ref r = world.find(Long.parseLong(v), call.nowMs());
      Tweets.Refusal refusal =
          r == null ? Tweets.Refusal.DELETED : tweets.refusal(r, call.caller());
      switch (refusal) {
        case NONE -> {
          Tweet t = tweets.tweet(r);
          data.add(json.tweet(t, f));
          inc.forTweet(t);
        }
        case PROTECTED ->
            errors.add(
                resourceError(
                    v,
                    "Sorry, you are not authorized to see the Tweet with "
                        + parameter
                        + ": ["
                        + v
                        + "].",
                    "Authorization Error",
                    "tweet",
                    parameter,
                    "not-authorized-for-resource"));
        case SUSPENDED ->
            errors.add(
                resourceError(
                    v,
                    "User has been suspended: [" + world.people().screenName(r.user()) + "].",
                    "Forbidden",
                    "tweet",
                    parameter,
                    "resource-not-found"));
        default ->
            errors.add(
                resourceError(
                    v,
                    "Could not find tweet with " + parameter + ": [" + v + "].",
                    "Not Found Error",
                    "tweet",
                    parameter,
                    "resource-not-found"));
      }
    }
    send(call, array ? data : (data.isEmpty() ? null : data.get(0)), inc, errors, null);
  }

  /** {@code POST /2/tweets}: a JSON body; 201 with the new tweet's id, text and edit history. */
  void createTweet(Call call) {
    String type = call.ctx().header("Content-Type");
    JsonNode body;
    try {
      body =
          type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")
              ? Json.MAPPER.readTree(call.ctx().body())
              : null;
    } catch (java.io.IOException e) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      throw ApiError.problem(
          400,
          "Invalid Request",
          "Requests with bodies must have content-type of application/json.",
          PROBLEMS + "invalid-request");
    }
    String text = body.path("text").isTextual() ? body.path("text").asText() : null;
    long replyTo = -1;
    JsonNode reply = body.path("reply").path("in_reply_to_tweet_id");
    if (reply.isTextual() && reply.asText().matches("[0-9]{1,19}")) {
      replyTo = Long.parseLong(reply.asText());
    }
    JsonNode quote = body.path("quote_tweet_id");
    Posted p = posting.post(call, text, replyTo, quote.isTextual() ? quote.asText() : null, true);
    ObjectNode out = Json.object();
    ObjectNode data = out.putObject("data");
    data.putArray("edit_history_tweet_ids").add(Long.toString(p.id()));
    data.put("id", Long.toString(p.id()));
    data.put("text", p.text());
    Json.send(call.ctx(), 201, out);
  }

  /** {@code DELETE /2/tweets/:id}: only the author's own; {@code {"data":{"deleted":true}}}. */
  void deleteTweet(Call call) {
    String raw = call.ctx().pathParam("id");
    if (!raw.matches("[0-9]{1,19}")) {
      throw ApiError.invalidParameter(
          "id", raw, "The `id` query parameter value [" + raw + "] does not match ^[0-9]{1,19}$");
    }
    if (!call.caller().access().canWrite()) {
      throw ApiError.cannotWrite();
    }
    Ref r = world.find(Long.parseLong(raw), call.nowMs());
    boolean deleted = r != null && posting.delete(call, r);
    ObjectNode out = Json.object();
    out.putObject("data").put("deleted", deleted);
    Json.send(call.ctx(), 200, out);
  }

  // ---- search -----------------------------------------------------------------------------------

  private SearchQuery query(Call call) {
    String q = call.param("query");
    if (q == null || q.isEmpty()) {
      throw ApiError.invalidParameter("query", "", "The `query` query parameter can not be empty");
    }
    if (q.length() > 512) {
      throw ApiError.invalidParameter(
          "query",
          q,
          "The `query` query parameter value [...] is not valid: longer than 512 characters");
    }
    try {
      return SearchQuery.parse(q);
    } catch (SearchQuery.Invalid e) {
      throw ApiError.invalidParameter(
          "query", q, "There were errors processing your request: " + e.getMessage());
    }
  }

  /** The earliest instant recent search serves, and a check that {@code start_time} is in it. */
  private long floor(Call call) {
    long floor = call.nowMs() - SEVEN_DAYS_MS;
    long start = timeParam(call, "start_time");
    if (start > 0 && start < floor) {
      String raw = call.param("start_time");
      throw ApiError.invalidParameter(
          "start_time",
          raw,
          "Invalid 'start_time':'"
              + raw
              + "'. 'start_time' must be on or after "
              + Instant.ofEpochMilli(floor).truncatedTo(ChronoUnit.SECONDS));
    }
    return Math.max(floor, start);
  }

  void searchRecent(Call call) {
    SearchQuery q = query(call);
    int max = maxResults(call, 10, 100, 10);
    V2Fields f = V2Fields.read(call.ctx(), true);
    long floor = floor(call);
    Bounds b = bounds(call);
    ItemStream stream = Search.stream(tweets, q, call.caller(), call.nowMs(), b.maxId(), floor);
    page(call, stream, max, b.sinceId(), f, true);
  }

  /** {@code /2/tweets/counts/recent}: matching tweets per minute, hour or day, oldest first. */
  void countsRecent(Call call) {
    SearchQuery q = query(call);
    String granularity = call.param("granularity") == null ? "hour" : call.param("granularity");
    long unit =
        switch (granularity) {
          case "minute" -> 60_000L;
          case "hour" -> 3_600_000L;
          case "day" -> 86_400_000L;
          default ->
              throw ApiError.invalidParameter(
                  "granularity",
                  granularity,
                  "The `granularity` query parameter value ["
                      + granularity
                      + "] is not one of [minute,hour,day]");
        };
    long floor = floor(call);
    long endParam = timeParam(call, "end_time");
    long end = endParam > 0 ? Math.min(endParam, call.nowMs()) : call.nowMs();
    Bounds b = bounds(call);
    long firstBucket = Math.floorDiv(floor, unit) * unit;
    int buckets = (int) ((end - firstBucket + unit - 1) / unit);
    long[] counts = new long[Math.max(1, buckets)];
    ItemStream stream = Search.stream(tweets, q, call.caller(), call.nowMs(), b.maxId(), floor);
    long total = 0;
    while (stream.peek() > b.sinceId() && stream.peek() >= 0) {
      Ref r = stream.next();
      long at = tweets.tweet(r).createdMs();
      if (at >= end || at < floor) {
        continue;
      }
      counts[(int) ((at - firstBucket) / unit)]++;
      total++;
    }
    ArrayNode data = Json.array();
    for (int i = 0; i < buckets; i++) {
      long s = Math.max(floor, firstBucket + i * unit);
      long e = Math.min(end, firstBucket + (i + 1) * unit);
      data.addObject()
          .put("end", V2Json.iso(e))
          .put("start", V2Json.iso(s))
          .put("tweet_count", counts[i]);
    }
    ObjectNode meta = Json.object();
    meta.put("total_tweet_count", total);
    send(call, data, null, null, meta);
  }
}
