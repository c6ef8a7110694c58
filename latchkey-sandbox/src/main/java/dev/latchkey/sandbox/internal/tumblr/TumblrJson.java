package dev.latchkey.sandbox.internal.tumblr;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.sandbox.internal.Html;
import dev.latchkey.sandbox.internal.Json;
import dev.latchkey.sandbox.internal.UserProfile;
import dev.latchkey.sandbox.internal.data.Mix;
import dev.latchkey.sandbox.internal.data.World;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Tumblr's objects (its API doc, "Blog Info", "Posts"): the blog, and a post in the legacy form of
 * its type or in the Neue Post Format ({@code npf=true}: {@code content}, {@code layout}, {@code
 * trail}).
 */
final class TumblrJson {
  private static final DateTimeFormatter POST_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'GMT'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final World world;
  private final Posts posts;

  TumblrJson(Posts posts) {
    this.posts = posts;
    this.world = posts.world();
  }

  static String url(UserProfile u) {
    return "https://" + u.screenName() + ".tumblr.com/";
  }

  /** The newest post's time in epoch seconds, or 0. */
  long updated(UserProfile u, long now) {
    var top = world.userStream(u.index(), now, Long.MAX_VALUE, Integer.MAX_VALUE).take(1, -1);
    return top.isEmpty() ? 0 : world.timelines().epochMsOf(top.get(0).id()) / 1000;
  }

  ObjectNode blog(UserProfile u, long now) {
    int total = world.itemCount(u.index(), now);
    ObjectNode b = Json.object();
    b.put("title", u.name());
    b.put("name", u.screenName());
    b.put("posts", total);
    b.put("total_posts", total);
    b.put("url", url(u));
    b.put("updated", updated(u, now));
    b.put("description", u.description());
    b.put("ask", false);
    b.put("ask_anon", false);
    b.put("likes", u.likes());
    b.put("is_nsfw", false);
    b.put("uuid", u.uuid());
    ArrayNode avatar = b.putArray("avatar");
    for (int size : new int[] {512, 128, 64}) {
      ObjectNode a = avatar.addObject();
      a.put("width", size);
      a.put("height", size);
      a.put("url", avatarUrl(u, size));
    }
    return b;
  }

  /** The short blog object of follower and following lists. */
  ObjectNode shortBlog(UserProfile u, long now) {
    ObjectNode b = Json.object();
    b.put("name", u.screenName());
    b.put("title", u.name());
    b.put("description", u.description());
    b.put("url", url(u));
    b.put("uuid", u.uuid());
    b.put("updated", updated(u, now));
    return b;
  }

  static String avatarUrl(UserProfile u, int size) {
    return "https://64.media.tumblr.com/avatar_"
        + Long.toHexString(Mix.hash(u.id(), 81) & 0xFFFFFFFFFFFFL)
        + "_"
        + size
        + ".pnj";
  }

  ObjectNode post(Post p, boolean npf) {
    UserProfile owner = world.profile(p.blog());
    ObjectNode o = Json.object();
    o.put("type", npf ? "blocks" : p.type());
    if (npf) {
      o.put("original_type", p.type().equals("text") ? "regular" : p.type());
    }
    o.put("blog_name", owner.screenName());
    ObjectNode blog = o.putObject("blog");
    blog.put("name", owner.screenName());
    blog.put("title", owner.name());
    blog.put("url", url(owner));
    blog.put("uuid", owner.uuid());
    o.put("id", p.id());
    o.put("id_string", Long.toString(p.id()));
    o.put("post_url", url(owner) + "post/" + p.id());
    o.put("slug", slug(p));
    o.put("date", POST_DATE.format(Instant.ofEpochMilli(p.createdMs())));
    o.put("timestamp", p.createdMs() / 1000);
    o.put("state", "published");
    o.put("format", "html");
    o.put("reblog_key", Long.toString(Mix.hash(p.id(), 82) & 0xFFFFFFFFFFL, 36));
    ArrayNode tags = o.putArray("tags");
    p.tags().forEach(tags::add);
    o.put("short_url", "https://tmblr.co/Z" + Long.toString(p.id(), 36));
    o.put("summary", summary(p));
    o.put("is_blocks_post_format", npf);
    o.put("note_count", p.notes());
    if (npf) {
      npf(o, p);
    } else {
      legacy(o, p);
    }
    return o;
  }

  private static String slug(Post p) {
    String base = p.title() != null ? p.title() : p.text();
    String slug =
        base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    return slug.length() > 40 ? slug.substring(0, 40) : slug;
  }

  private static String summary(Post p) {
    String s = p.title() != null ? p.title() : p.text();
    return s.length() > 80 ? s.substring(0, 80) : s;
  }

  private static String para(String text) {
    return "<p>" + Html.escape(text) + "</p>";
  }

  private void legacy(ObjectNode o, Post p) {
    switch (p.type()) {
      case "photo" -> {
        o.put("caption", para(p.text()));
        ArrayNode photos = o.putArray("photos");
        ObjectNode photo = photos.addObject();
        photo.put("caption", "");
        photo.set("original_size", size(p.url(), 1280, 960));
        ArrayNode alt = photo.putArray("alt_sizes");
        for (int w : new int[] {1280, 640, 400, 250, 100}) {
          alt.add(size(p.url().replace("_1280", "_" + w), w, w * 3 / 4));
        }
      }
      case "quote" -> {
        o.put("text", p.text());
        o.put("source", Html.escape(p.source()));
      }
      case "link" -> {
        o.put("title", p.title());
        o.put("url", p.url());
        o.put("link_author", p.source());
        o.put("excerpt", p.text());
        o.put("publisher", p.source());
        o.put("description", para(p.text()));
      }
      case "chat" -> {
        if (p.title() == null) {
          o.putNull("title");
        } else {
          o.put("title", p.title());
        }
        StringBuilder body = new StringBuilder();
        ArrayNode dialogue = o.putArray("dialogue");
        for (String[] line : p.dialogue()) {
          if (body.length() > 0) {
            body.append("\r\n");
          }
          body.append(line[1]).append(' ').append(line[2]);
          ObjectNode d = dialogue.addObject();
          d.put("label", line[1]);
          d.put("name", line[0]);
          d.put("phrase", line[2]);
        }
        o.put("body", body.toString());
      }
      case "audio" -> {
        o.put("caption", para(p.text()));
        o.put(
            "player",
            "<iframe class=\"tumblr_audio_player\" src=\""
                + Html.escape(p.url())
                + "\" frameborder=\"0\" width=\"540\" height=\"85\"></iframe>");
        o.put("plays", p.notes() * 7);
        o.put("artist", p.title() == null ? "Unknown" : p.title());
        o.put("album", "Sandbox Sessions");
        o.put("track_name", summary(p));
        o.put("audio_url", p.url());
      }
      case "video" -> {
        o.put("caption", para(p.text()));
        ArrayNode player = o.putArray("player");
        for (int w : new int[] {250, 400, 500}) {
          ObjectNode e = player.addObject();
          e.put("width", w);
          e.put(
              "embed_code",
              "<iframe width=\""
                  + w
                  + "\" height=\""
                  + (w * 9 / 16)
                  + "\" src=\""
                  + Html.escape(p.url().replace("watch?v=", "embed/"))
                  + "\" frameborder=\"0\" allowfullscreen></iframe>");
        }
        o.put("permalink_url", p.url());
        o.put("video_type", "youtube");
      }
      case "answer" -> {
        o.put("asking_name", p.asking());
        o.put("asking_url", "https://" + p.asking() + ".tumblr.com/");
        o.put("question", p.title());
        o.put("answer", para(p.text()));
      }
      default -> {
        if (p.title() == null) {
          o.putNull("title");
        } else {
          o.put("title", p.title());
        }
        o.put("body", para(p.text()));
      }
    }
  }

  private static ObjectNode size(String url, int w, int h) {
    ObjectNode s = Json.object();
    s.put("width", w);
    s.put("height", h);
    s.put("url", url);
    return s;
  }

  /** The Neue Post Format: content blocks, their layout, and the (empty) reblog trail. */
  private void npf(ObjectNode o, Post p) {
    ArrayNode content = o.putArray("content");
    ArrayNode layout = o.putArray("layout");
    switch (p.type()) {
      case "photo" -> {
        ObjectNode image = content.addObject().put("type", "image");
        ArrayNode media = image.putArray("media");
        for (int w : new int[] {1280, 640, 250}) {
          media
              .addObject()
              .put("url", p.url().replace("_1280", "_" + w))
              .put("type", "image/jpeg")
              .put("width", w)
              .put("height", w * 3 / 4);
        }
        text(content, p.text(), null);
      }
      case "quote" -> {
        text(content, p.text(), "quote");
        text(content, "— " + p.source(), null);
      }
      case "link" -> {
        content
            .addObject()
            .put("type", "link")
            .put("url", p.url())
            .put("title", p.title())
            .put("description", p.text())
            .put("author", p.source())
            .put("site_name", p.source())
            .put("display_url", p.url());
      }
      case "chat" -> {
        for (String[] line : p.dialogue()) {
          ObjectNode block = text(content, line[1] + " " + line[2], "chat");
          block
              .putArray("formatting")
              .addObject()
              .put("start", 0)
              .put("end", line[1].length())
              .put("type", "bold");
        }
      }
      case "audio" -> {
        content
            .addObject()
            .put("type", "audio")
            .put("provider", "soundcloud")
            .put("url", p.url())
            .put("title", summary(p))
            .put("artist", p.title() == null ? "Unknown" : p.title())
            .put("album", "Sandbox Sessions");
        text(content, p.text(), null);
      }
      case "video" -> {
        content
            .addObject()
            .put("type", "video")
            .put("provider", "youtube")
            .put("url", p.url())
            .put(
                "embed_html",
                "<iframe width=\"500\" height=\"281\" src=\""
                    + Html.escape(p.url().replace("watch?v=", "embed/"))
                    + "\" frameborder=\"0\" allowfullscreen></iframe>");
        text(content, p.text(), null);
      }
      case "answer" -> {
        text(content, p.title(), null);
        text(content, p.text(), null);
        ObjectNode ask = layout.addObject().put("type", "ask");
        ask.putArray("blocks").add(0);
        ObjectNode attribution = ask.putObject("attribution").put("type", "blog");
        attribution
            .putObject("blog")
            .put("name", p.asking())
            .put("url", "https://" + p.asking() + ".tumblr.com/");
      }
      default -> {
        if (p.title() != null) {
          text(content, p.title(), "heading1");
        }
        text(content, p.text(), null);
      }
    }
    o.putArray("trail");
  }

  private static ObjectNode text(ArrayNode content, String text, String subtype) {
    ObjectNode block = content.addObject();
    block.put("type", "text");
    if (subtype != null) {
      block.put("subtype", subtype);
    }
    block.put("text", text);
    return block;
  }
}
