package dev.latchkey.sandbox.internal.twitter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.sandbox.internal.Caller;
import dev.latchkey.sandbox.internal.Json;
import dev.latchkey.sandbox.internal.UserProfile;
import dev.latchkey.sandbox.internal.data.Ref;
import dev.latchkey.sandbox.internal.data.World;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * X API v2 objects (protocol-facts E.2; the OpenAPI's Tweet, User and Media schemas): the default
 * fields ({@code id}, {@code text}, {@code edit_history_tweet_ids}; {@code id}, {@code name},
 * {@code username}) plus those asked for, keys in X's alphabetical order, and the {@code includes}
 * the expansions call for.
 */
final class V2Json {
  static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.'000Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final Tweets tweets;
  private final World world;

  V2Json(Tweets tweets) {
    this.tweets = tweets;
    this.world = tweets.world();
  }

  /** ISO-8601 as X writes it: whole seconds and {@code .000Z}. */
  static String iso(long epochMs) {
    return ISO.format(Instant.ofEpochMilli(epochMs));
  }

  /** What a response includes, each object once, in the order first met. */
  final class Includes {
    private final Map<Long, UserProfile> users = new LinkedHashMap<>();
    private final Map<Long, Tweet> tweetsById = new LinkedHashMap<>();
    private final Map<String, Tweet.Media> media = new LinkedHashMap<>();
    private final V2Fields fields;
    private final Caller caller;
    private final long now;

    Includes(V2Fields fields, Caller caller, long now) {
      this.fields = fields;
      this.caller = caller;
      this.now = now;
    }

    void user(int index) {
      UserProfile p = world.profile(index);
      users.putIfAbsent(p.id(), p);
    }

    /** Adds what a returned tweet's expansions call for. */
    void forTweet(Tweet t) {
      var e = fields.expansions();
      if (e.contains("author_id")) {
        user(t.author());
      }
      if (e.contains("in_reply_to_user_id") && t.inReplyToUser() >= 0) {
        user(t.inReplyToUser());
      }
      if (e.contains("entities.mentions.username")) {
        for (Tweet.Mention m : t.mentions()) {
          user(m.user());
        }
      }
      if (e.contains("attachments.media_keys") && t.media() != null) {
        media.putIfAbsent(t.media().key(), t.media());
      }
      if (e.contains("edit_history_tweet_ids")) {
        tweetsById.putIfAbsent(t.id(), t);
      }
      if (e.contains("referenced_tweets.id") || e.contains("referenced_tweets.id.author_id")) {
        for (Ref r : references(t, now)) {
          if (tweets.refusal(r, caller) != Tweets.Refusal.NONE) {
            continue;
          }
          Tweet ref = tweets.tweet(r);
          if (e.contains("referenced_tweets.id")) {
            tweetsById.putIfAbsent(ref.id(), ref);
          }
          if (e.contains("referenced_tweets.id.author_id")) {
            user(ref.author());
          }
        }
      }
    }

    /** Adds what a returned user's expansions call for. */
    void forUser(UserProfile u) {
      if (fields.expansions().contains("most_recent_tweet_id")) {
        Ref newest = mostRecent(u, caller, now);
        if (newest != null) {
          Tweet t = tweets.tweet(newest);
          tweetsById.putIfAbsent(t.id(), t);
        }
      }
    }

    boolean isEmpty() {
      return users.isEmpty() && tweetsById.isEmpty() && media.isEmpty();
    }

    ObjectNode json() {
      ObjectNode out = Json.object();
      if (!media.isEmpty()) {
        ArrayNode a = out.putArray("media");
        media.values().forEach(m -> a.add(media(m, fields)));
      }
      if (!users.isEmpty()) {
        ArrayNode a = out.putArray("users");
        users.values().forEach(u -> a.add(V2Json.this.user(u, fields, caller, now)));
      }
      if (!tweetsById.isEmpty()) {
        ArrayNode a = out.putArray("tweets");
        tweetsById.values().forEach(t -> a.add(V2Json.this.tweet(t, fields)));
      }
      return out;
    }
  }

  Includes includes(V2Fields fields, Caller caller, long now) {
    return new Includes(fields, caller, now);
  }

  private Ref mostRecent(UserProfile u, Caller caller, long now) {
    if (tweets.refusalForAuthor(u.index(), caller) != Tweets.Refusal.NONE) {
      return null;
    }
    List<Ref> top = world.userStream(u.index(), now, Long.MAX_VALUE, 3200).take(1, -1);
    return top.isEmpty() ? null : top.get(0);
  }

  private List<Ref> references(Tweet t, long now) {
    List<Ref> out = new java.util.ArrayList<>(2);
    if (t.retweeted() != null) {
      out.add(t.retweeted());
    }
    if (t.quoted() != null) {
      out.add(t.quoted());
    }
    if (t.inReplyToStatusId() > 0) {
      Ref r = tweets.world().find(t.inReplyToStatusId(), now);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  ObjectNode tweet(Tweet t, V2Fields fields) {
    var f = fields.tweet();
    Map<String, JsonNode> o = new TreeMap<>();
    String id = Long.toString(t.id());
    o.put("id", Json.MAPPER.getNodeFactory().textNode(id));
    o.put("text", Json.MAPPER.getNodeFactory().textNode(t.text()));
    o.put("edit_history_tweet_ids", Json.array().add(id));
    if (f.contains("attachments") && t.media() != null) {
      ObjectNode a = Json.object();
      a.putArray("media_keys").add(t.media().key());
      o.put("attachments", a);
    }
    if (f.contains("author_id")) {
      o.put("author_id", text(Long.toString(world.people().id(t.author()))));
    }
    if (f.contains("conversation_id")) {
      long conversation = t.inReplyToStatusId() > 0 ? t.inReplyToStatusId() : t.id();
      o.put("conversation_id", text(Long.toString(conversation)));
    }
    if (f.contains("created_at")) {
      o.put("created_at", text(iso(t.createdMs())));
    }
    if (f.contains("display_text_range")) {
      int[] r = t.displayRange();
      o.put("display_text_range", Json.array().add(r[0]).add(r[1]));
    }
    if (f.contains("edit_controls")) {
      ObjectNode e = Json.object();
      e.put("edits_remaining", 5);
      e.put("is_edit_eligible", t.retweeted() == null);
      e.put("editable_until", iso(t.createdMs() + 3_600_000L));
      o.put("edit_controls", e);
    }
    if (f.contains("entities")) {
      ObjectNode entities = entities(t);
      if (!entities.isEmpty()) {
        o.put("entities", entities);
      }
    }
    if (f.contains("in_reply_to_user_id") && t.inReplyToUser() >= 0) {
      o.put("in_reply_to_user_id", text(Long.toString(world.people().id(t.inReplyToUser()))));
    }
    if (f.contains("lang")) {
      o.put("lang", text("en"));
    }
    if (f.contains("possibly_sensitive")) {
      o.put("possibly_sensitive", Json.MAPPER.getNodeFactory().booleanNode(false));
    }
    if (f.contains("public_metrics")) {
      ObjectNode m = Json.object();
      m.put("retweet_count", t.metrics().retweets());
      m.put("reply_count", t.metrics().replies());
      m.put("like_count", t.metrics().likes());
      m.put("quote_count", t.metrics().quotes());
      m.put("bookmark_count", t.metrics().bookmarks());
      m.put("impression_count", t.metrics().impressions());
      o.put("public_metrics", m);
    }
    if (f.contains("referenced_tweets")) {
      ArrayNode refs = Json.array();
      if (t.retweeted() != null) {
        refs.addObject().put("type", "retweeted").put("id", Long.toString(t.retweeted().id()));
      }
      if (t.quoted() != null) {
        refs.addObject().put("type", "quoted").put("id", Long.toString(t.quoted().id()));
      }
      if (t.inReplyToStatusId() > 0) {
        refs.addObject().put("type", "replied_to").put("id", Long.toString(t.inReplyToStatusId()));
      }
      if (!refs.isEmpty()) {
        o.put("referenced_tweets", refs);
      }
    }
    if (f.contains("reply_settings")) {
      o.put("reply_settings", text("everyone"));
    }
    if (f.contains("source")) {
      o.put("source", text(dev.latchkey.sandbox.internal.data.Words.sourceName(t.source())));
    }
    return sorted(o);
  }

  private ObjectNode entities(Tweet t) {
    ObjectNode e = Json.object();
    if (!t.hashtags().isEmpty()) {
      ArrayNode a = e.putArray("hashtags");
      for (Tweet.Hashtag h : t.hashtags()) {
        a.addObject().put("start", h.start()).put("end", h.end()).put("tag", h.tag());
      }
    }
    if (!t.mentions().isEmpty()) {
      ArrayNode a = e.putArray("mentions");
      for (Tweet.Mention m : t.mentions()) {
        a.addObject()
            .put("start", m.start())
            .put("end", m.end())
            .put("username", m.screenName())
            .put("id", Long.toString(world.people().id(m.user())));
      }
    }
    if (!t.urls().isEmpty() || t.media() != null) {
      ArrayNode a = e.putArray("urls");
      for (Tweet.Link l : t.urls()) {
        a.addObject()
            .put("start", l.start())
            .put("end", l.end())
            .put("url", l.url())
            .put("expanded_url", l.expanded())
            .put("display_url", l.display());
      }
      if (t.media() != null) {
        Tweet.Media m = t.media();
        a.addObject()
            .put("start", m.start())
            .put("end", m.end())
            .put("url", m.url())
            .put("expanded_url", m.expanded())
            .put("display_url", m.display())
            .put("media_key", m.key());
      }
    }
    return e;
  }

  ObjectNode user(UserProfile u, V2Fields fields, Caller caller, long now) {
    var f = fields.user();
    Map<String, JsonNode> o = new TreeMap<>();
    o.put("id", text(Long.toString(u.id())));
    o.put("name", text(u.name()));
    o.put("username", text(u.screenName()));
    if (f.contains("created_at")) {
      o.put("created_at", text(iso(u.createdAt().toEpochMilli())));
    }
    if (f.contains("description")) {
      o.put("description", text(u.description()));
    }
    if (f.contains("entities") && u.url() != null) {
      ObjectNode e = Json.object();
      e.putObject("url")
          .putArray("urls")
          .addObject()
          .put("start", 0)
          .put("end", u.url().length())
          .put("url", u.url())
          .put("expanded_url", u.expandedUrl())
          .put("display_url", u.expandedUrl().replaceFirst("^https?://", ""));
      e.putObject("description");
      o.put("entities", e);
    }
    if (f.contains("location") && !u.location().isEmpty()) {
      o.put("location", text(u.location()));
    }
    if (f.contains("most_recent_tweet_id")) {
      Ref newest = mostRecent(u, caller, now);
      if (newest != null) {
        o.put("most_recent_tweet_id", text(Long.toString(newest.id())));
      }
    }
    if (f.contains("profile_banner_url") && V11Json.hasBanner(u)) {
      o.put("profile_banner_url", text(V11Json.bannerUrl(u)));
    }
    if (f.contains("profile_image_url")) {
      o.put("profile_image_url", text(V11Json.profileImage(u, V11Json.defaultImage(u))));
    }
    if (f.contains("protected")) {
      o.put("protected", Json.MAPPER.getNodeFactory().booleanNode(u.isProtected()));
    }
    if (f.contains("public_metrics")) {
      ObjectNode m = Json.object();
      m.put("followers_count", world.graph().followersCount(u.index()));
      m.put("following_count", world.graph().friendsCount(u.index()));
      m.put("tweet_count", world.itemCount(u.index(), now));
      m.put("listed_count", u.listed());
      m.put("like_count", u.likes());
      o.put("public_metrics", m);
    }
    if (f.contains("url")) {
      o.put("url", text(u.url() == null ? "" : u.url()));
    }
    if (f.contains("verified")) {
      o.put("verified", Json.MAPPER.getNodeFactory().booleanNode(u.verified()));
    }
    if (f.contains("verified_type")) {
      o.put("verified_type", text(u.verified() ? "blue" : "none"));
    }
    return sorted(o);
  }

  static ObjectNode media(Tweet.Media m, V2Fields fields) {
    var f = fields.media();
    Map<String, JsonNode> o = new TreeMap<>();
    o.put("media_key", text(m.key()));
    o.put("type", text("photo"));
    if (f.contains("url")) {
      o.put("url", text(m.mediaUrl()));
    }
    if (f.contains("width")) {
      o.put("width", Json.MAPPER.getNodeFactory().numberNode(1920));
    }
    if (f.contains("height")) {
      o.put("height", Json.MAPPER.getNodeFactory().numberNode(1080));
    }
    if (f.contains("alt_text")) {
      o.put("alt_text", text(""));
    }
    return sorted(o);
  }

  private static JsonNode text(String s) {
    return Json.MAPPER.getNodeFactory().textNode(s);
  }

  private static ObjectNode sorted(Map<String, JsonNode> fields) {
    ObjectNode o = Json.object();
    fields.forEach(o::set);
    return o;
  }
}
