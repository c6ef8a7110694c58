package dev.latchkey.sandbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.keychain.Secret;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxPlatform;
import dev.latchkey.sandbox.internal.data.Role;
import dev.latchkey.sandbox.internal.data.Timelines;
import dev.latchkey.sandbox.internal.data.World;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sandbox's own control surface under {@code /sandbox}: register an app, revoke a user's
 * tokens, and an index page with masked keys. Loopback {@code Host} only, no cross-origin posts
 * (security-notes §9.14).
 */
public final class ControlRoutes {
  private final Map<SandboxPlatform, PlatformState> states;
  private final java.time.Clock clock;

  public ControlRoutes(Map<SandboxPlatform, PlatformState> states, java.time.Clock clock) {
    this.states = states;
    this.clock = clock;
  }

  public void register(JavalinDefaultRouting r) {
    r.before("/sandbox", ControlRoutes::guard);
    r.before("/sandbox/*", ControlRoutes::guard);
    r.get("/", ctx -> ctx.redirect("/sandbox/", HttpStatus.FOUND));
    r.get("/sandbox", this::index);
    r.get("/sandbox/", this::index);
    r.post("/sandbox/apps", this::registerApp);
    r.post("/sandbox/apps/regenerate", this::regenerate);
    r.post("/sandbox/revoke", this::revoke);
  }

  /** Refuses DNS-rebinding hosts and foreign origins. */
  static void guard(Context ctx) {
    String refusal = HostGuard.refusal(ctx, Set.of());
    if (refusal != null) {
      throw new ApiError(403, 0, "the sandbox control API: " + refusal);
    }
  }

  private void registerApp(Context ctx) {
    JsonNode body = readJson(ctx);
    SandboxPlatform platform = platform(body);
    String name = text(body, "name", "Sandbox App");
    if (name.isBlank() || name.length() > 64) {
      throw new ApiError(400, 0, "name must be 1 to 64 characters");
    }
    AccessLevel access;
    try {
      access = AccessLevel.fromHeader(text(body, "access", "read-write"));
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, 0, e.getMessage());
    }
    List<String> callbacks = new ArrayList<>();
    JsonNode cb = body.get("callback_urls");
    if (cb != null && !cb.isNull()) {
      if (!cb.isArray()) {
        throw new ApiError(400, 0, "callback_urls must be an array of URLs");
      }
      for (JsonNode url : cb) {
        if (!url.isTextual()) {
          throw new ApiError(400, 0, "callback_urls must be an array of URLs");
        }
        callbacks.add(url.asText());
      }
    }
    SandboxKeys keys = states.get(platform).registerApp(name, access, callbacks);
    ObjectNode out = Json.object();
    out.put("platform", platform.id());
    out.put("name", name);
    out.put("access", access.header());
    out.putPOJO("callback_urls", callbacks);
    putKeys(out, keys);
    Json.send(ctx, 201, out);
  }

  /**
   * {@code {"platform","consumer_key"}} → the app's new keys in the shape {@code POST
   * /sandbox/apps} answers; the old ones then fail as X's do (32; 89 for their tokens).
   */
  private void regenerate(Context ctx) {
    JsonNode body = readJson(ctx);
    SandboxPlatform platform = platform(body);
    String key = text(body, "consumer_key", null);
    if (key == null || key.isBlank()) {
      throw new ApiError(400, 0, "consumer_key is required");
    }
    PlatformState state = states.get(platform);
    SandboxKeys keys;
    try {
      keys = state.regenerate(key);
    } catch (IllegalArgumentException e) {
      throw new ApiError(404, 0, e.getMessage());
    }
    App app = state.app(keys.consumerKey());
    ObjectNode out = Json.object();
    out.put("platform", platform.id());
    out.put("name", app.name());
    out.put("access", app.access().header());
    out.putPOJO("callback_urls", app.callbackUrls());
    putKeys(out, keys);
    Json.send(ctx, 200, out);
  }

  private void revoke(Context ctx) {
    JsonNode body = readJson(ctx);
    SandboxPlatform platform = platform(body);
    String screenName = text(body, "screen_name", null);
    if (screenName == null) {
      throw new ApiError(400, 0, "screen_name is required");
    }
    int n;
    try {
      n = states.get(platform).revokeUserTokens(screenName);
    } catch (IllegalArgumentException e) {
      throw new ApiError(404, 0, e.getMessage());
    }
    ObjectNode out = Json.object();
    out.put("platform", platform.id());
    out.put("screen_name", screenName);
    out.put("revoked", n);
    Json.send(ctx, 200, out);
  }

  private void index(Context ctx) {
    Html.pageHeaders(ctx);
    StringBuilder b = new StringBuilder("<h1>Latchkey sandbox</h1>\n");
    b.append("<p>An offline emulator of the Twitter (X) and Tumblr APIs. Keys are masked here;")
        .append(" <code>latchkey sandbox --print-keys FILE</code> writes them in full.</p>\n");
    for (PlatformState s : states.values()) {
      String id = s.platform().id();
      b.append("<h2 id=\"").append(id).append("\">").append(Html.escape(id)).append("</h2>\n");
      b.append("<p>Base URL: <code>/").append(id).append("</code></p>\n");
      World world = s.world();
      b.append("<h3>Users</h3>\n<p>")
          .append(world.size())
          .append(" users, generated as they are asked for; the named ones:</p>\n")
          .append("<table><tr><th>id</th><th>screen name</th><th>name</th><th>part</th></tr>\n");
      for (UserProfile u : s.users()) {
        Role role = world.people().role(u.index());
        String part =
            u.index() == 0
                ? "owner of the pre-registered app and of apps registered here"
                : role != null ? role.part() : "";
        b.append("<tr><td>")
            .append(u.id())
            .append("</td><td>")
            .append(Html.escape(u.screenName()))
            .append("</td><td>")
            .append(Html.escape(u.name()))
            .append("</td><td class=\"part\">")
            .append(Html.escape(part))
            .append("</td></tr>\n");
      }
      b.append("</table>\n<p>A deleted item (X: code 144): <code id=\"")
          .append(id)
          .append("-deleted\">")
          .append(deletedExample(world))
          .append("</code></p>\n");
      for (UserProfile u : s.users()) {
        String kind = u.isProtected() ? "protected" : u.suspended() ? "suspended" : null;
        if (kind != null) {
          b.append("<p>An item of the ")
              .append(kind)
              .append(" user: <code id=\"")
              .append(id)
              .append('-')
              .append(kind)
              .append("-item\">")
              .append(world.timelines().id(u.index(), world.timelines().newest(u.index(), now())))
              .append("</code></p>\n");
        }
      }
      b.append("</table>\n<h3>Apps</h3>\n<table><tr><th>name</th><th>access</th>")
          .append("<th>consumer key</th><th>callback URLs</th></tr>\n");
      for (App a : s.apps()) {
        b.append("<tr><td>")
            .append(Html.escape(a.name()))
            .append("</td><td>")
            .append(a.access().header())
            .append("</td><td>")
            .append(Html.escape(Secret.of(a.consumerKey()).masked()))
            .append("</td><td>")
            .append(Html.escape(String.join(" ", a.callbackUrls())))
            .append("</td></tr>\n");
      }
      b.append("</table>\n");
    }
    b.append("<h2>Control API</h2>\n<ul><li><code>POST /sandbox/apps</code> JSON ")
        .append("<code>{platform, name, access, callback_urls}</code></li>")
        .append("<li><code>POST /sandbox/apps/regenerate</code> JSON ")
        .append("<code>{platform, consumer_key}</code></li>")
        .append("<li><code>POST /sandbox/revoke</code> JSON <code>{platform, screen_name}</code>")
        .append("</li></ul>");
    ctx.status(200).result(Html.page("Latchkey sandbox", b.toString()));
  }

  private long now() {
    return clock.millis();
  }

  /** The id of a seeded item of the second user that was deleted. */
  static long deletedExample(World world) {
    Timelines t = world.timelines();
    for (int k = 0; k < t.count(1); k++) {
      if (t.deleted(1, k)) {
        return t.id(1, k);
      }
    }
    return 0;
  }

  /** Writes the four keys under their portal names. */
  public static void putKeys(ObjectNode out, SandboxKeys keys) {
    out.put("consumer_key", keys.consumerKey());
    out.put("consumer_secret", keys.consumerSecret());
    out.put("access_token", keys.accessToken());
    out.put("access_token_secret", keys.accessTokenSecret());
  }

  private static JsonNode readJson(Context ctx) {
    try {
      JsonNode node = Json.MAPPER.readTree(ctx.body());
      if (node == null || !node.isObject()) {
        throw new ApiError(400, 0, "the body must be a JSON object");
      }
      return node;
    } catch (java.io.IOException e) {
      throw new ApiError(400, 0, "the body is not valid JSON");
    }
  }

  private static SandboxPlatform platform(JsonNode body) {
    try {
      return SandboxPlatform.fromId(text(body, "platform", null));
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, 0, "platform must be one of " + SandboxPlatform.ids());
    }
  }

  private static String text(JsonNode body, String field, String fallback) {
    JsonNode n = body.get(field);
    return n == null || n.isNull() ? fallback : n.asText();
  }
}
