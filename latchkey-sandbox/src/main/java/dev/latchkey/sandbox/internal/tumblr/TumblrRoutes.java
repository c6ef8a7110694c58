package dev.latchkey.sandbox.internal.tumblr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.oauth1.Parameter;
import dev.latchkey.sandbox.internal.ApiError;
import dev.latchkey.sandbox.internal.AuthType;
import dev.latchkey.sandbox.internal.Call;
import dev.latchkey.sandbox.internal.Caller;
import dev.latchkey.sandbox.internal.Json;
import dev.latchkey.sandbox.internal.Requests;
import dev.latchkey.sandbox.internal.UserProfile;
import dev.latchkey.sandbox.internal.data.FollowGraph;
import dev.latchkey.sandbox.internal.data.ItemStream;
import dev.latchkey.sandbox.internal.data.Overlay;
import dev.latchkey.sandbox.internal.data.Posted;
import dev.latchkey.sandbox.internal.data.Ref;
import dev.latchkey.sandbox.internal.data.Timelines;
import dev.latchkey.sandbox.internal.data.World;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Tumblr API v2 (its API doc): the user's info, dashboard, likes and following; a blog's info,
 * avatar, likes, following, followers and posts (every type, legacy or NPF, by {@code id}, {@code
 * tag}, {@code offset} or {@code before}/{@code after}); posts with a tag; creating posts in NPF
 * and the legacy form. Everything in the {@code meta}/{@code response} envelope; {@code limit} 1 to
 * 20.
 */
final class TumblrRoutes {
  static final int MAX_LIMIT = 20;
  static final int MAX_LIKES_OFFSET = 1000;
  private static final Set<Integer> AVATAR_SIZES = Set.of(16, 24, 30, 40, 48, 64, 96, 128, 512);

  private final World world;
  private final Posts posts;
  private final TumblrJson json;

  TumblrRoutes(Posts posts) {
    this.posts = posts;
    this.world = posts.world();
    this.json = new TumblrJson(posts);
  }

  // ---- shared -----------------------------------------------------------------------------------

  static void ok(Call call, JsonNode response) {
    send(call, 200, "OK", response);
  }

  static void send(Call call, int status, String msg, JsonNode response) {
    ObjectNode body = Json.object();
    ObjectNode meta = body.putObject("meta");
    meta.put("status", status);
    meta.put("msg", msg);
    body.set("response", response);
    Json.send(call.ctx(), status, body);
  }

  private static ApiError badRequest(String detail) {
    return new ApiError(400, 0, detail);
  }

  /** A blog identifier: short name, {@code name.tumblr.com}, or {@code t:} UUID; 404 otherwise. */
  private UserProfile blog(Call call) {
    String identifier = call.ctx().pathParam("blog");
    String id = identifier.toLowerCase(Locale.ROOT);
    OptionalInt found;
    if (identifier.startsWith("t:")) {
      found = world.indexOfUuid(identifier);
    } else if (id.endsWith(".tumblr.com")) {
      found = world.indexOfScreenName(id.substring(0, id.length() - ".tumblr.com".length()));
    } else {
      found = world.indexOfScreenName(id);
    }
    if (found.isEmpty()) {
      throw new ApiError(404, 0, "Not Found");
    }
    return world.profile(found.getAsInt());
  }

  private static int limit(Call call) {
    Long n = Requests.longParam(call.ctx(), "limit");
    return n == null ? MAX_LIMIT : (int) Math.max(1, Math.min(MAX_LIMIT, n));
  }

  private static int offset(Call call) {
    Long n = Requests.longParam(call.ctx(), "offset");
    return n == null ? 0 : (int) Math.max(0, Math.min(Integer.MAX_VALUE, n));
  }

  private static boolean npf(Call call) {
    String v = call.param("npf");
    return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
  }

  private static Long seconds(Call call, String name) {
    String raw = call.param(name);
    if (raw == null) {
      return null;
    }
    Long v = Requests.longParam(call.ctx(), name);
    if (v == null || v < 0) {
      throw badRequest("Invalid " + name + " parameter.");
    }
    return v;
  }

  private ArrayNode render(List<Ref> refs, boolean npf) {
    ArrayNode out = Json.array();
    for (Ref r : refs) {
      out.add(json.post(posts.post(r), npf));
    }
    return out;
  }

  /** {@code _links.next} for an offset page, keeping the request's other parameters. */
  private static void nextLink(ObjectNode response, Call call, String path, int limit, int next) {
    Map<String, String> q = new LinkedHashMap<>();
    for (Parameter p : Requests.query(call.ctx())) {
      if (!p.name().equals("offset")
          && !p.name().equals("api_key")
          && !p.name().startsWith("oauth_")) {
        q.put(p.name(), p.value());
      }
    }
    q.put("limit", Integer.toString(limit));
    q.put("offset", Integer.toString(next));
    StringBuilder href = new StringBuilder(path);
    char sep = '?';
    ObjectNode link = response.putObject("_links").putObject("next");
    for (Map.Entry<String, String> e : q.entrySet()) {
      href.append(sep).append(e.getKey()).append('=').append(e.getValue());
      sep = '&';
    }
    link.put("href", href.toString());
    link.put("method", "GET");
    ObjectNode params = link.putObject("query_params");
    q.forEach(params::put);
  }

  // ---- the user ---------------------------------------------------------------------------------

  void userInfo(Call call) {
    UserProfile me = call.caller().user();
    ObjectNode user = Json.object();
    user.put("following", world.graph().friendsCount(me.index()));
    user.put("default_post_format", "html");
    user.put("name", me.screenName());
    user.put("likes", me.likes());
    ArrayNode blogs = user.putArray("blogs");
    ObjectNode blog = json.blog(me, call.nowMs());
    blog.put("primary", true);
    blog.put("followers", world.graph().followersCount(me.index()));
    blog.put("type", "public");
    blog.put("tweet", "N");
    blog.put("admin", true);
    blogs.add(blog);
    ObjectNode response = Json.object();
    response.set("user", user);
    ok(call, response);
  }

  /** Posts of the blogs the user follows, newest first; {@code since_id} and {@code offset}. */
  void dashboard(Call call) {
    UserProfile me = call.caller().user();
    Long since = Requests.longParam(call.ctx(), "since_id");
    long sinceId = since == null ? -1 : since;
    String type = call.param("type");
    List<ItemStream> parts = new ArrayList<>();
    FollowGraph g = world.graph();
    for (FollowGraph.Entry e : g.following(me.index(), 0, g.slots(me.index()))) {
      parts.add(world.userStream(e.user(), call.nowMs(), Long.MAX_VALUE, Integer.MAX_VALUE));
    }
    ItemStream stream = ItemStream.merge(parts);
    if (type != null) {
      stream = stream.filter(r -> posts.post(r).type().equals(type));
    }
    List<Ref> page = skip(stream, offset(call), sinceId).take(limit(call), sinceId);
    ObjectNode response = Json.object();
    response.set("posts", render(page, npf(call)));
    ok(call, response);
  }

  private static ItemStream skip(ItemStream s, int n, long sinceId) {
    s.take(n, sinceId);
    return s;
  }

  void userLikes(Call call) {
    likes(call, call.caller().user());
  }

  void userFollowing(Call call) {
    UserProfile me = call.caller().user();
    ObjectNode response = Json.object();
    response.put("total_blogs", world.graph().friendsCount(me.index()));
    response.set(
        "blogs", blogs(world.graph().following(me.index(), offset(call), limit(call)), call));
    ok(call, response);
  }

  private ArrayNode blogs(List<FollowGraph.Entry> entries, Call call) {
    ArrayNode out = Json.array();
    for (FollowGraph.Entry e : entries) {
      out.add(json.shortBlog(world.profile(e.user()), call.nowMs()));
    }
    return out;
  }

  // ---- blogs ------------------------------------------------------------------------------------

  void blogInfo(Call call) {
    UserProfile owner = blog(call);
    ObjectNode response = Json.object();
    response.set("blog", json.blog(owner, call.nowMs()));
    ok(call, response);
  }

  /**
   * The avatar: without OAuth a redirect to the image (so it works in an {@code <img>}), with OAuth
   * {@code {"avatar_url":…}} and the same {@code Location}.
   */
  void avatar(Call call) {
    UserProfile owner = blog(call);
    int size = 64;
    String raw = call.ctx().pathParamMap().get("size");
    if (raw != null) {
      try {
        size = Integer.parseInt(raw);
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (!AVATAR_SIZES.contains(size)) {
        throw badRequest("Avatar size must be one of 16, 24, 30, 40, 48, 64, 96, 128, 512.");
      }
    }
    String url = TumblrJson.avatarUrl(owner, size);
    call.ctx().header("Location", url);
    ObjectNode response = Json.object();
    response.put("avatar_url", url);
    Caller c = call.caller();
    if (c.type() == AuthType.OAUTH1_USER || c.type() == AuthType.OAUTH2_USER) {
      ok(call, response);
    } else {
      send(call, HttpStatus.FOUND.getCode(), "Found", response);
    }
  }

  void blogLikes(Call call) {
    likes(call, blog(call));
  }

  /**
   * Liked posts newest like first; {@code offset} (at most 1,000), {@code before} or {@code after}.
   */
  private void likes(Call call, UserProfile u) {
    Long before = seconds(call, "before");
    Long after = seconds(call, "after");
    String offsetRaw = call.param("offset");
    int given = (before != null ? 1 : 0) + (after != null ? 1 : 0) + (offsetRaw != null ? 1 : 0);
    if (given > 1) {
      throw badRequest("You can only provide either before, after, or offset.");
    }
    int offset = offset(call);
    if (offset > MAX_LIKES_OFFSET) {
      throw badRequest("The maximum offset is " + MAX_LIKES_OFFSET + "; use before or after.");
    }
    int limit = limit(call);
    List<Ref> refs = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    int skipped = 0;
    for (int l = 0; l < u.likes() && refs.size() < limit; l++) {
      long at = world.likedAtMs(u.index(), l);
      if (before != null && at / 1000 >= before || after != null && at / 1000 <= after) {
        continue;
      }
      Ref r = world.liked(u.index(), l, call.nowMs());
      if (r == null) {
        continue;
      }
      if (skipped < offset) {
        skipped++;
        continue;
      }
      refs.add(r);
      times.add(at / 1000);
    }
    ArrayNode liked = render(refs, npf(call));
    for (int i = 0; i < liked.size(); i++) {
      ((ObjectNode) liked.get(i)).put("liked_timestamp", times.get(i));
    }
    ObjectNode response = Json.object();
    response.set("liked_posts", liked);
    response.put("liked_count", u.likes());
    ok(call, response);
  }

  void blogFollowing(Call call) {
    UserProfile owner = blog(call);
    ObjectNode response = Json.object();
    response.set(
        "blogs", blogs(world.graph().following(owner.index(), offset(call), limit(call)), call));
    response.put("total_blogs", world.graph().friendsCount(owner.index()));
    ok(call, response);
  }

  /** A blog's followers, for the blog's owner only. */
  void blogFollowers(Call call) {
    UserProfile owner = blog(call);
    if (call.caller().user().index() != owner.index()) {
      throw new ApiError(403, 0, "Forbidden");
    }
    FollowGraph g = world.graph();
    int offset = offset(call);
    int limit = limit(call);
    List<FollowGraph.Entry> entries = new ArrayList<>();
    int position = 0;
    int from = 0;
    while (entries.size() < limit) {
      List<FollowGraph.Entry> batch = g.followers(owner.index(), from, 1024);
      if (batch.isEmpty()) {
        break;
      }
      for (FollowGraph.Entry e : batch) {
        if (position++ >= offset && entries.size() < limit) {
          entries.add(e);
        }
      }
      from = batch.get(batch.size() - 1).next();
    }
    ArrayNode users = Json.array();
    for (FollowGraph.Entry e : entries) {
      UserProfile p = world.profile(e.user());
      ObjectNode u = users.addObject();
      u.put("name", p.screenName());
      u.put("following", g.follows(owner.index(), p.index()));
      u.put("url", TumblrJson.url(p));
      u.put("updated", json.updated(p, call.nowMs()));
    }
    ObjectNode response = Json.object();
    response.put("total_users", g.followersCount(owner.index()));
    response.set("users", users);
    ok(call, response);
  }

  /**
   * A blog's posts: all or one {@code type}, one {@code id}, with {@code tag}s (up to four, all
   * required), paged by {@code offset} or by {@code before} (not both) or {@code after} with {@code
   * sort=asc}.
   */
  void blogPosts(Call call) {
    UserProfile owner = blog(call);
    String type = call.ctx().pathParamMap().getOrDefault("type", call.param("type"));
    if (type != null && !Post.TYPES.contains(type)) {
      throw badRequest("Invalid post type.");
    }
    boolean npf = npf(call);
    String idParam = call.param("id");
    ObjectNode response = Json.object();
    response.set("blog", json.blog(owner, call.nowMs()));
    if (idParam != null) {
      Ref r = null;
      try {
        r = world.find(Long.parseLong(idParam), call.nowMs());
      } catch (NumberFormatException e) {
        r = null;
      }
      if (r == null || r.user() != owner.index() || world.isDeleted(r)) {
        throw new ApiError(404, 0, "Not Found");
      }
      response.set("posts", render(List.of(r), npf));
      response.put("total_posts", 1);
      ok(call, response);
      return;
    }
    List<String> tags = tags(call);
    Long before = seconds(call, "before");
    Long after = seconds(call, "after");
    String offsetRaw = call.param("offset");
    if (before != null && offsetRaw != null) {
      throw badRequest("You cannot use before and offset together.");
    }
    boolean ascending = "asc".equalsIgnoreCase(call.param("sort"));
    int limit = limit(call);
    int offset = offset(call);
    long now = call.nowMs();
    Timelines t = world.timelines();
    long maxId = before == null ? Long.MAX_VALUE : t.idAt(before * 1000) - 1;
    long sinceId = after == null ? -1 : t.idAt((after + 1) * 1000) - 1;
    String wantedType = type;
    ItemStream stream =
        world
            .userStream(owner.index(), now, maxId, Integer.MAX_VALUE)
            .filter(r -> matches(posts.post(r), wantedType, tags));
    List<Ref> page;
    if (ascending) {
      List<Ref> all = stream.take(Integer.MAX_VALUE, sinceId);
      List<Ref> reversed = new ArrayList<>(all.size());
      for (int i = all.size() - 1; i >= 0; i--) {
        reversed.add(all.get(i));
      }
      page =
          reversed.subList(
              Math.min(offset, reversed.size()), Math.min(offset + limit, reversed.size()));
    } else {
      stream.take(offset, sinceId);
      page = stream.take(limit, sinceId);
    }
    response.set("posts", render(page, npf));
    int total =
        type == null && tags.isEmpty() && before == null && after == null
            ? world.itemCount(owner.index(), now)
            : offset + page.size() + (page.size() == limit ? 1 : 0);
    response.put("total_posts", total);
    if (page.size() == limit && before == null) {
      nextLink(
          response,
          call,
          "/v2/blog/"
              + owner.screenName()
              + "/posts"
              + (type == null || call.param("type") != null ? "" : "/" + type),
          limit,
          offset + limit);
    }
    ok(call, response);
  }

  private static boolean matches(Post p, String type, List<String> tags) {
    if (type != null && !p.type().equals(type)) {
      return false;
    }
    for (String tag : tags) {
      if (p.tags().stream().noneMatch(t -> t.equalsIgnoreCase(tag))) {
        return false;
      }
    }
    return true;
  }

  /** {@code tag=x} or {@code tag[0]=x&tag[1]=y}, at most four. */
  private static List<String> tags(Call call) {
    List<String> out = new ArrayList<>();
    for (Parameter p : Requests.query(call.ctx())) {
      if (p.name().equals("tag") || p.name().matches("tag\\[[0-9]+\\]")) {
        out.add(p.value());
      }
    }
    if (out.size() > 4) {
      throw badRequest("A maximum of four tags can be provided.");
    }
    return out;
  }

  /** Posts with a tag from every indexed blog, newest first, before a timestamp. */
  void tagged(Call call) {
    String tag = call.param("tag");
    if (tag == null || tag.isBlank()) {
      throw badRequest("Parameter 'tag' is required.");
    }
    Long before = seconds(call, "before");
    long maxId = before == null ? Long.MAX_VALUE : world.timelines().idAt(before * 1000) - 1;
    List<String> wanted = List.of(tag);
    List<Ref> page =
        world
            .indexedStream(call.nowMs(), maxId)
            .filter(r -> matches(posts.post(r), null, wanted))
            .take(limit(call), -1);
    ok(call, render(page, npf(call)));
  }

  // ---- creating posts ---------------------------------------------------------------------------

  /** The blog named in the path, when the caller owns it. */
  private UserProfile ownBlog(Call call) {
    UserProfile owner = blog(call);
    if (call.caller().user().index() != owner.index()) {
      throw new ApiError(403, 0, "Forbidden");
    }
    if (!call.caller().access().canWrite()) {
      throw new ApiError(401, 0, "Unauthorized");
    }
    return owner;
  }

  /** NPF: {@code {"content":[blocks…],"tags":"a,b"}}; 201 with the new id as a string. */
  void createNpf(Call call) {
    UserProfile owner = ownBlog(call);
    JsonNode body = body(call);
    JsonNode content = body.path("content");
    if (!content.isArray() || content.isEmpty()) {
      ObjectNode out = Json.object();
      ObjectNode meta = out.putObject("meta");
      meta.put("msg", "Bad Request");
      meta.put("status", 400);
      out.putArray("response");
      ObjectNode e = out.putArray("errors").addObject();
      e.put("title", "'content' must be an array'");
      e.put("code", 8001);
      Json.send(call.ctx(), 400, out);
      return;
    }
    StringBuilder text = new StringBuilder();
    String type = "text";
    String url = null;
    for (JsonNode block : content) {
      switch (block.path("type").asText()) {
        case "text" -> {
          if (text.length() > 0) {
            text.append('\n');
          }
          text.append(block.path("text").asText());
        }
        case "image" -> {
          type = "photo";
          url = block.path("media").path(0).path("url").asText(null);
        }
        case "link" -> {
          type = "link";
          url = block.path("url").asText(null);
        }
        case "audio" -> {
          type = "audio";
          url = block.path("url").asText(null);
        }
        case "video" -> {
          type = "video";
          url = block.path("url").asText(null);
        }
        default -> {}
      }
    }
    Posted p =
        create(call, owner, text.toString(), type, null, tagsOf(body.path("tags").asText("")), url);
    ObjectNode response = Json.object();
    response.put("id", Long.toString(p.id()));
    send(call, 201, "Created", response);
  }

  /** The legacy form: {@code type} and that type's fields, form-encoded; 201 with the new id. */
  void createLegacy(Call call) {
    UserProfile owner = ownBlog(call);
    JsonNode body = body(call);
    String type = text(call, body, "type", "text");
    String title = text(call, body, "title", null);
    String main =
        switch (type) {
          case "text" -> text(call, body, "body", null);
          case "quote" -> text(call, body, "quote", null);
          case "link" -> text(call, body, "url", null);
          case "chat" -> text(call, body, "conversation", null);
          case "photo" -> text(call, body, "caption", text(call, body, "source", null));
          case "audio" -> text(call, body, "caption", text(call, body, "external_url", null));
          case "video" -> text(call, body, "caption", text(call, body, "embed", null));
          default -> throw badRequest("Invalid post type.");
        };
    if (main == null || main.isBlank()) {
      throw badRequest("Post cannot be empty.");
    }
    String url =
        switch (type) {
          case "link" -> text(call, body, "url", null);
          case "photo" -> text(call, body, "source", null);
          case "audio" -> text(call, body, "external_url", null);
          case "video" -> text(call, body, "embed", null);
          default -> null;
        };
    Posted p = create(call, owner, main, type, title, tagsOf(text(call, body, "tags", "")), url);
    ObjectNode response = Json.object();
    response.put("id", p.id());
    response.put("id_string", Long.toString(p.id()));
    response.put("state", "published");
    response.put("display_text", "Posted to Tumblr");
    send(call, 201, "Created", response);
  }

  private Posted create(
      Call call,
      UserProfile owner,
      String text,
      String type,
      String title,
      List<String> tags,
      String url) {
    Overlay overlay = world.overlay();
    long id = world.timelines().runtimeId(owner.index(), call.nowMs());
    synchronized (overlay) {
      while (overlay.get(id) != null) {
        id += 1L << 22;
      }
      Posted p =
          new Posted(
              id,
              owner.index(),
              call.nowMs(),
              text,
              Set.of(),
              new PostedPost(type, title, tags, null, url));
      overlay.add(p);
      return p;
    }
  }

  private static List<String> tagsOf(String raw) {
    List<String> out = new ArrayList<>();
    for (String t : raw.split(",")) {
      if (!t.isBlank()) {
        out.add(t.trim());
      }
    }
    return out;
  }

  /**
   * The request body as JSON: a JSON body, or a form / multipart {@code json} part, or the form.
   */
  private static JsonNode body(Call call) {
    String type = call.ctx().header("Content-Type");
    String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("application/json")) {
        JsonNode node = Json.MAPPER.readTree(call.ctx().body());
        return node == null ? Json.object() : node;
      }
      if (t.startsWith("multipart/form-data")) {
        String json = call.ctx().formParam("json");
        if (json != null) {
          return Json.MAPPER.readTree(json);
        }
        ObjectNode out = Json.object();
        call.ctx().formParamMap().forEach((k, v) -> out.put(k, v.isEmpty() ? "" : v.get(0)));
        return out;
      }
    } catch (java.io.IOException e) {
      throw badRequest("The request body is not valid JSON.");
    }
    ObjectNode out = Json.object();
    for (Parameter p : Requests.form(call.ctx())) {
      out.put(p.name(), p.value());
    }
    return out;
  }

  private static String text(Call call, JsonNode body, String name, String fallback) {
    JsonNode v = body.get(name);
    if (v != null && !v.isNull()) {
      return v.asText();
    }
    String q = call.param(name);
    return q != null ? q : fallback;
  }
}
