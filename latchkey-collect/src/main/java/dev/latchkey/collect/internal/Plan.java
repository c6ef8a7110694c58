package dev.latchkey.collect.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.collect.Api;
import dev.latchkey.collect.Endpoint;
import dev.latchkey.collect.Job;
import dev.latchkey.collect.JobOptions;
import dev.latchkey.collect.RecordType;
import dev.latchkey.collect.TaskKind;
import dev.latchkey.collect.TaskSpec;
import dev.latchkey.http.ApiRequest;
import dev.latchkey.platform.Pagination;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one task is collected: which endpoint, what it is asked, how its pages turn, where the
 * records are in an answer. Collection facts; the endpoint facts (rate-limit family, accepted
 * credentials, page sizes and parameters, the fields that make records whole) come from the
 * platform's endpoint table.
 */
public final class Plan {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A user argument that must become an id first (v2 paths take ids). */
  public record Resolution(Endpoint endpoint, ApiRequest request, String idPointer) {}

  final TaskSpec task;
  final JobOptions options;
  final Endpoint endpoint;
  final Paging paging;
  final String tokenParam;
  final String sizeParam;
  final int sizeMin;
  final int sizeMax;
  final String recordsPointer;
  final RecordType type;
  final String[] idPointers;
  final Map<String, String> fixed = new LinkedHashMap<>();
  final String pathName;
  final String pathValue;
  final boolean resolveUser;
  final String relation;
  final String timestampField;
  final boolean lookupErrors;
  final String firstNext;
  final String fixedFromCursor;
  final List<String> invalid;
  final Platform platform;

  private Plan(Builder b) {
    this.invalid = List.copyOf(b.invalid);
    this.platform = b.platform;
    described(b);
    this.firstNext = b.firstNext;
    this.fixedFromCursor = b.fixedFromCursor;
    this.task = b.task;
    this.options = b.options;
    this.endpoint = b.endpoint;
    this.paging = b.paging;
    this.tokenParam = b.tokenParam;
    this.sizeParam = b.sizeParam;
    this.sizeMin = b.describedMin > 0 ? b.describedMin : 1;
    this.sizeMax = b.describedMax > 0 ? b.describedMax : 1;
    this.recordsPointer = b.recordsPointer;
    this.type = b.type;
    this.idPointers = b.idPointers;
    this.fixed.putAll(b.fixed);
    this.pathName = b.pathName;
    this.pathValue = b.pathValue;
    this.resolveUser = b.resolveUser;
    this.relation = b.relation;
    this.timestampField = b.timestampField;
    this.lookupErrors = b.lookupErrors;
  }

  /**
   * Targets X would refuse as a whole request (screen names that are not 1 to 15 letters, digits or
   * {@code _}): each becomes an error record instead, so one bad line of a users file does not stop
   * a collection.
   */
  public List<String> invalid() {
    return invalid;
  }

  /** Whether nothing is left to ask once the invalid targets are set aside. */
  public boolean nothingToAsk() {
    return !invalid.isEmpty() && (resolveUser || invalid.size() == task.targets().size());
  }

  /** The endpoint the task's pages come from. */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** How the pages turn. */
  public Paging paging() {
    return paging;
  }

  /** What the records are. */
  public RecordType type() {
    return type;
  }

  /** The relation of the records to the task's user ({@code follower}), or null. */
  public String relation() {
    return relation;
  }

  /** Whether missing lookups become error records. */
  public boolean lookupErrors() {
    return lookupErrors;
  }

  /** The Tumblr timestamp field pages turn by, or null. */
  public String timestampField() {
    return timestampField;
  }

  /** The task's single target (user, query, blog, tag). */
  public String target() {
    return task.targets().isEmpty() ? null : task.targets().get(0);
  }

  /** The step that turns a screen name into an id, when this task needs one not yet known. */
  public Resolution resolution(ObjectNode cursor) {
    if (!resolveUser || cursor.has("user_id")) {
      return null;
    }
    String user = Job.normalizeUser(target());
    if (Job.isId(user)) {
      cursor.put("user_id", user);
      return null;
    }
    if (options.api() == Api.V1_1) {
      Endpoint show = Endpoint.of(platform, "GET", "/1.1/users/show.json");
      return new Resolution(
          show, ApiRequest.get(show.path()).query("screen_name", user).build(), "/id_str");
    }
    Endpoint byName = Endpoint.of(platform, "GET", "/2/users/by/username/{username}");
    return new Resolution(
        byName, ApiRequest.get(byName.path("username", encode(user))).build(), "/data/id");
  }

  /**
   * The request for the next page, asking for {@code wanted} records at most (the page size is
   * clamped to the endpoint's range).
   */
  public ApiRequest request(ObjectNode cursor, long wanted) {
    String path = endpoint.path();
    if (pathName != null) {
      String value = pathName.equals("id") ? cursor.path("user_id").asText() : pathValue;
      path = endpoint.path(pathName, encode(value));
    }
    ApiRequest.Builder b = ApiRequest.builder(endpoint.method(), path);
    fixed.forEach(b::query);
    if (fixedFromCursor != null && cursor.has(fixedFromCursor)) {
      b.query(fixedFromCursor, cursor.get(fixedFromCursor).asText());
    }
    if (sizeParam != null) {
      long size = Math.max(sizeMin, Math.min(sizeMax, wanted));
      b.query(sizeParam, Long.toString(size));
    }
    JsonNode next = cursor.get("next");
    if (next != null && !next.isNull()) {
      b.query(tokenParam, next.asText());
    } else if (paging == Paging.CURSOR) {
      b.query(tokenParam, "-1");
    }
    return b.build();
  }

  /** The records of an answer, as the platform's objects; {@code subject} is the task's user id. */
  public List<ObjectNode> records(JsonNode body, String subject) {
    JsonNode at = recordsPointer.isEmpty() ? body : body.at(recordsPointer);
    List<ObjectNode> out = new ArrayList<>();
    if (at.isArray()) {
      for (JsonNode n : at) {
        if (n instanceof ObjectNode o) {
          out.add(o);
        } else if (n.isValueNode() && type == RecordType.FOLLOW) {
          out.add(edge(n.asText(), subject));
        }
      }
    } else if (at instanceof ObjectNode o) {
      out.add(o);
    }
    return out;
  }

  private ObjectNode edge(String other, String subject) {
    ObjectNode e = JSON.createObjectNode();
    boolean followers = "follower".equals(relation);
    e.put("source_id", followers ? other : subject);
    e.put("target_id", followers ? subject : other);
    return e;
  }

  /** A record's id, or null. */
  public String id(ObjectNode record) {
    for (String p : idPointers) {
      JsonNode n = record.at(p);
      if (!n.isMissingNode() && !n.isNull() && !n.isContainerNode()) {
        return n.asText();
      }
    }
    return null;
  }

  /** The cursor after an answer holding {@code records}, or null when the task has nothing more. */
  public ObjectNode next(ObjectNode cursor, JsonNode body, List<ObjectNode> records) {
    ObjectNode n = cursor.deepCopy();
    switch (paging) {
      case NONE -> {
        return null;
      }
      case NEXT_TOKEN -> {
        JsonNode token = body.at("/meta/next_token");
        if (token.isMissingNode() || token.isNull() || token.asText().isEmpty()) {
          return null;
        }
        n.put("next", token.asText());
      }
      case CURSOR -> {
        JsonNode c = body.get("next_cursor_str");
        if (c == null) {
          c = body.get("next_cursor");
        }
        if (c == null || c.asText().equals("0") || c.asText().isEmpty()) {
          return null;
        }
        n.put("next", c.asText());
      }
      case MAX_ID -> {
        if (records.isEmpty()) {
          return null;
        }
        if (recordsPointer.equals("/statuses")
            && body.at("/search_metadata/next_results").isMissingNode()) {
          return null;
        }
        long min = Long.MAX_VALUE;
        for (ObjectNode r : records) {
          min = Math.min(min, r.path("id").asLong(Long.parseLong(r.path("id_str").asText("0"))));
        }
        n.put("next", Long.toString(min - 1));
      }
      case OFFSET -> {
        if (records.isEmpty()) {
          return null;
        }
        long offset = cursor.path("next").asLong(0) + records.size();
        JsonNode total = body.at("/response/total_posts");
        if (total.canConvertToLong() && offset >= total.asLong()) {
          return null;
        }
        n.put("next", offset);
      }
      case BEFORE -> {
        if (records.isEmpty()) {
          return null;
        }
        long min = Long.MAX_VALUE;
        for (ObjectNode r : records) {
          min = Math.min(min, r.path(timestampField).asLong(Long.MAX_VALUE));
        }
        long previous = cursor.path("next").asLong(Long.MAX_VALUE);
        if (min == Long.MAX_VALUE || min >= previous) {
          return null; // no progress: the end, or a page of one instant
        }
        n.put("next", min);
      }
    }
    return n;
  }

  /** Whether a Tumblr record is past {@code --since} (the rest of the pages are older still). */
  public boolean olderThanSince(ObjectNode record) {
    if (options.since() == null || timestampField == null) {
      return false;
    }
    return record.path(timestampField).asLong(Long.MAX_VALUE)
        < options.since().asTime().getEpochSecond();
  }

  /** Whether a Tumblr record is newer than {@code --until} (skipped). */
  public boolean newerThanUntil(ObjectNode record) {
    if (options.until() == null || timestampField == null) {
      return false;
    }
    return record.path(timestampField).asLong(0) >= options.until().asTime().getEpochSecond();
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The plan of {@code task} under {@code options}, with the built-in platform descriptions. */
  public static Plan of(TaskSpec task, JobOptions options) {
    return of(task, options, Platforms.builtIn().get(task.kind().platform()));
  }

  /**
   * The plan of {@code task} under {@code options}; the endpoint's rate-limit family, accepted
   * credentials, page sizes, next-page parameter and fields come from {@code platform}'s endpoint
   * table.
   */
  public static Plan of(TaskSpec task, JobOptions options, Platform platform) {
    Builder b = new Builder(task, options, platform);
    boolean v1 = options.api() == Api.V1_1;
    String target = task.targets().isEmpty() ? null : task.targets().get(0);
    boolean userTask =
        switch (task.kind()) {
          case TIMELINE, MENTIONS, FOLLOWERS, FOLLOWING -> true;
          default -> false;
        };
    if (userTask && !v1) {
      String u = Job.normalizeUser(target);
      if (!Job.isId(u) && !Job.isScreenName(u)) {
        b.invalid.add(target);
      }
    }
    switch (task.kind()) {
      case TIMELINE, MENTIONS -> {
        if (v1) {
          if (task.kind() == TaskKind.MENTIONS) {
            throw new IllegalArgumentException(
                "mentions of any user need API v2 (v1.1 has only the account's own"
                    + " mentions_timeline); drop --api 1.1");
          }
          String user = Job.normalizeUser(target);
          b.endpoint("/1.1/statuses/user_timeline.json")
              .paging(Paging.MAX_ID, "max_id", "count")
              .records("", RecordType.TWEET, "/id_str", "/id")
              .fixed(Job.isId(user) ? "user_id" : "screen_name", user)
              .fixed("tweet_mode", "extended")
              .fixed("include_rts", "true");
          v1Bounds(b, options);
        } else {
          b.endpoint(
                  task.kind() == TaskKind.TIMELINE
                      ? "/2/users/{id}/tweets"
                      : "/2/users/{id}/mentions")
              .paging(Paging.NEXT_TOKEN, "pagination_token", "max_results")
              .records("/data", RecordType.TWEET, "/id")
              .userInPath()
              .allFields();
          v2Bounds(b, options);
        }
      }
      case SEARCH -> {
        if (v1) {
          if (options.archive()) {
            throw new IllegalArgumentException("--archive needs API v2; drop --api 1.1");
          }
          b.endpoint("/1.1/search/tweets.json")
              .paging(Paging.MAX_ID, "max_id", "count")
              .records("/statuses", RecordType.TWEET, "/id_str", "/id")
              .fixed("q", target)
              .fixed("result_type", "recent")
              .fixed("tweet_mode", "extended")
              .fixed("include_entities", "true");
          v1Bounds(b, options);
        } else {
          b.endpoint(options.archive() ? "/2/tweets/search/all" : "/2/tweets/search/recent")
              .paging(Paging.NEXT_TOKEN, "next_token", "max_results")
              .records("/data", RecordType.TWEET, "/id")
              .fixed("query", target)
              .allFields();
          v2Bounds(b, options);
        }
      }
      case USERS -> {
        boolean ids = Job.isId(Job.normalizeUser(target));
        List<String> users = new ArrayList<>();
        for (String t : task.targets()) {
          String u = Job.normalizeUser(t);
          if (!v1 && !ids && !Job.isScreenName(u)) {
            b.invalid.add(t);
          } else {
            users.add(u);
          }
        }
        String list = String.join(",", users);
        if (v1) {
          b.endpoint("/1.1/users/lookup.json")
              .paging(Paging.NONE, null, null)
              .records("", RecordType.USER, "/id_str", "/id")
              .fixed(ids ? "user_id" : "screen_name", list)
              .fixed("include_entities", "true");
        } else {
          b.endpoint(ids ? "/2/users" : "/2/users/by")
              .paging(Paging.NONE, null, null)
              .records("/data", RecordType.USER, "/id")
              .fixed(ids ? "ids" : "usernames", list)
              .allFields();
        }
        b.lookupErrors = true;
        noBounds(task, options);
      }
      case FOLLOWERS, FOLLOWING -> {
        boolean followers = task.kind() == TaskKind.FOLLOWERS;
        b.relation = followers ? "follower" : "following";
        if (v1) {
          b.endpoint(followers ? "/1.1/followers/ids.json" : "/1.1/friends/ids.json")
              .paging(Paging.CURSOR, "cursor", "count")
              .records("/ids", RecordType.FOLLOW, "/source_id")
              .fixed("stringify_ids", "true");
          b.resolveUser = true;
          b.fixedFromCursor = "user_id";
        } else {
          b.endpoint(followers ? "/2/users/{id}/followers" : "/2/users/{id}/following")
              .paging(Paging.NEXT_TOKEN, "pagination_token", "max_results")
              .records("/data", RecordType.USER, "/id")
              .userInPath()
              .allFields();
        }
        noBounds(task, options);
      }
      case TWEETS -> {
        String list = String.join(",", task.targets());
        if (v1) {
          b.endpoint("/1.1/statuses/lookup.json")
              .paging(Paging.NONE, null, null)
              .records("", RecordType.TWEET, "/id_str", "/id")
              .fixed("id", list)
              .fixed("tweet_mode", "extended")
              .fixed("include_entities", "true");
        } else {
          b.endpoint("/2/tweets")
              .paging(Paging.NONE, null, null)
              .records("/data", RecordType.TWEET, "/id")
              .fixed("ids", list)
              .allFields();
        }
        b.lookupErrors = true;
        noBounds(task, options);
      }
      case TUMBLR_POSTS -> {
        b.endpoint("/v2/blog/{blog}/posts")
            .paging(Paging.OFFSET, "offset", "limit")
            .records("/response/posts", RecordType.POST, "/id_string", "/id")
            .path("blog", blog(target));
        b.timestampField = "timestamp";
        if (options.npf()) {
          b.fixed("npf", "true");
        }
      }
      case TUMBLR_BLOG -> {
        b.endpoint("/v2/blog/{blog}/info")
            .paging(Paging.NONE, null, null)
            .records("/response/blog", RecordType.BLOG, "/name", "/uuid")
            .path("blog", blog(target));
        noBounds(task, options);
      }
      case TUMBLR_TAG -> {
        b.endpoint("/v2/tagged")
            .paging(Paging.BEFORE, "before", "limit")
            .records("/response", RecordType.POST, "/id_string", "/id")
            .fixed("tag", target);
        b.timestampField = "timestamp";
        if (options.npf()) {
          b.fixed("npf", "true");
        }
      }
      case TUMBLR_LIKES -> {
        b.endpoint("/v2/blog/{blog}/likes")
            .paging(Paging.BEFORE, "before", "limit")
            .records("/response/liked_posts", RecordType.POST, "/id_string", "/id")
            .path("blog", blog(target));
        b.timestampField = "liked_timestamp";
      }
      case STREAM_SAMPLE, STREAM_FILTER ->
          throw new IllegalArgumentException(task.kind().command() + " is a stream, not pages");
    }
    return new Plan(b);
  }

  /** A blog as its API identifier: a name, a host name, or a {@code t:} UUID. */
  static String blog(String target) {
    String t = target.strip();
    if (t.startsWith("https://") || t.startsWith("http://")) {
      t = t.substring(t.indexOf("//") + 2);
      int slash = t.indexOf('/');
      t = slash < 0 ? t : t.substring(0, slash);
    }
    return t;
  }

  /** Takes the page-size parameter and range and the next-page parameter from the table. */
  private static void described(Builder b) {
    Pagination p = b.described.pagination();
    if (p.pageSizeParameter() != null && b.sizeParam != null) {
      b.sizeParam = p.pageSizeParameter();
      b.describedMin = p.minPageSize();
      b.describedMax = p.maxPageSize();
    }
    if (p.parameter() != null && b.tokenParam != null && p.style().name().equals(b.paging.name())) {
      b.tokenParam = p.parameter();
    }
  }

  private static void v2Bounds(Builder b, JobOptions o) {
    if (o.since() != null) {
      if (o.since().id() != null) {
        b.fixed("since_id", o.since().id().toString());
      } else {
        b.fixed("start_time", iso(o.since().time()));
      }
    }
    if (o.until() != null) {
      if (o.until().id() != null) {
        b.fixed("until_id", o.until().id().toString());
      } else {
        b.fixed("end_time", iso(o.until().time()));
      }
    }
  }

  private static void v1Bounds(Builder b, JobOptions o) {
    if (o.since() != null) {
      b.fixed("since_id", Long.toString(o.since().asTwitterId()));
    }
    if (o.until() != null) {
      b.firstNext = Long.toString(o.until().asTwitterId() - 1);
    }
  }

  private static void noBounds(TaskSpec task, JobOptions o) {
    if (o.since() != null || o.until() != null) {
      throw new IllegalArgumentException(
          task.kind().command() + " takes no --since/--until (it has no time order)");
    }
  }

  private static String iso(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** The cursor a task starts from. */
  public ObjectNode startCursor() {
    ObjectNode c = JSON.createObjectNode();
    if (firstNext != null) {
      c.put("next", firstNext);
    }
    if (timestampField != null && paging == Paging.BEFORE && options.until() != null) {
      c.put("next", options.until().asTime().getEpochSecond());
    }
    return c;
  }

  static final class Builder {
    final TaskSpec task;
    final JobOptions options;
    Endpoint endpoint;
    Paging paging = Paging.NONE;
    String tokenParam;
    String sizeParam;
    String recordsPointer = "";
    RecordType type;
    String[] idPointers = {"/id"};
    final Map<String, String> fixed = new LinkedHashMap<>();
    String pathName;
    String pathValue;
    boolean resolveUser;
    String relation;
    String timestampField;
    boolean lookupErrors;
    String firstNext;
    String fixedFromCursor;
    final List<String> invalid = new ArrayList<>();
    final Platform platform;
    dev.latchkey.platform.Endpoint described;
    int describedMin;
    int describedMax;

    Builder(TaskSpec task, JobOptions options, Platform platform) {
      this.task = task;
      this.options = options;
      this.platform = platform;
    }

    /** The endpoint {@code GET path} of the platform's table. */
    Builder endpoint(String path) {
      described = Endpoint.described(platform, "GET", path);
      endpoint = Endpoint.of(platform, described);
      return this;
    }

    /** Asks for every field and expansion the table lists for the endpoint. */
    Builder allFields() {
      fixed.putAll(described.fields());
      return this;
    }

    Builder paging(Paging p, String token, String size) {
      paging = p;
      tokenParam = token;
      sizeParam = size;
      return this;
    }

    Builder records(String pointer, RecordType t, String... ids) {
      recordsPointer = pointer;
      type = t;
      idPointers = ids;
      return this;
    }

    Builder fixed(String name, String value) {
      fixed.put(name, value);
      return this;
    }

    Builder fixed(Map<String, String> values) {
      fixed.putAll(values);
      return this;
    }

    Builder path(String name, String value) {
      pathName = name;
      pathValue = value;
      return this;
    }

    Builder userInPath() {
      pathName = "id";
      resolveUser = true;
      return this;
    }
  }
}
