package dev.latchkey.sandbox.internal.twitter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.sandbox.internal.Caller;
import dev.latchkey.sandbox.internal.Json;
import dev.latchkey.sandbox.internal.UserProfile;
import dev.latchkey.sandbox.internal.data.Mix;
import dev.latchkey.sandbox.internal.data.Ref;
import dev.latchkey.sandbox.internal.data.World;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * X API v1.1 objects, key for key as X sends them (the recorded {@code verify_credentials} and
 * {@code user_timeline} responses in tweepy's cassettes): the user object in its three forms and
 * the tweet object in compatibility and extended mode (protocol-facts E.1).
 */
final class V11Json {
  static final DateTimeFormatter CREATED_AT =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** Which user object: verify_credentials', a lookup's, or the one inside a tweet. */
  enum UserForm {
    ACCOUNT,
    LOOKUP,
    EMBEDDED
  }

  private final Tweets tweets;
  private final World world;

  V11Json(Tweets tweets) {
    this.tweets = tweets;
    this.world = tweets.world();
  }

  static String createdAt(long epochMs) {
    return CREATED_AT.format(Instant.ofEpochMilli(epochMs));
  }

  ObjectNode user(
      UserProfile u, UserForm form, boolean withStatus, boolean extended, Caller caller, long now) {
    ObjectNode o = Json.object();
    o.put("id", u.id());
    o.put("id_str", Long.toString(u.id()));
    o.put("name", u.name());
    o.put("screen_name", u.screenName());
    o.put("location", u.location());
    if (form == UserForm.LOOKUP) {
      if (u.location().isEmpty()) {
        o.putNull("profile_location");
      } else {
        o.set("profile_location", place(u.location()));
      }
    }
    o.put("description", u.description());
    if (u.url() == null) {
      o.putNull("url");
    } else {
      o.put("url", u.url());
    }
    ObjectNode entities = o.putObject("entities");
    if (u.url() != null) {
      ObjectNode link = entities.putObject("url").putArray("urls").addObject();
      link.put("url", u.url());
      link.put("expanded_url", u.expandedUrl());
      link.put("display_url", u.expandedUrl().replaceFirst("^https?://", ""));
      link.putArray("indices").add(0).add(u.url().length());
    }
    entities.putObject("description").putArray("urls");
    o.put("protected", u.isProtected());
    o.put("followers_count", world.graph().followersCount(u.index()));
    o.put("friends_count", world.graph().friendsCount(u.index()));
    o.put("listed_count", u.listed());
    o.put("created_at", CREATED_AT.format(u.createdAt()));
    o.put("favourites_count", u.likes());
    o.putNull("utc_offset");
    o.putNull("time_zone");
    o.put("geo_enabled", false);
    o.put("verified", u.verified());
    o.put("statuses_count", world.itemCount(u.index(), now));
    o.putNull("lang");
    if (withStatus && form != UserForm.EMBEDDED) {
      Ref newest = newestVisible(u, caller, now);
      if (newest != null) {
        ObjectNode status = tweet(tweets.tweet(newest), true, extended, caller, now, false);
        status.remove("user");
        o.set("status", status);
      }
    }
    o.put("contributors_enabled", false);
    o.put("is_translator", false);
    o.put("is_translation_enabled", false);
    long h = Mix.hash(u.id(), 71);
    String[] colors = {"F5F8FA", "000000", "C0DEED", "1A1B1F", "ACDED6"};
    o.put("profile_background_color", colors[Mix.below(h, colors.length)]);
    o.put("profile_background_image_url", "http://abs.twimg.com/images/themes/theme1/bg.png");
    o.put(
        "profile_background_image_url_https", "https://abs.twimg.com/images/themes/theme1/bg.png");
    o.put("profile_background_tile", false);
    boolean defaultImage = defaultImage(u);
    o.put("profile_image_url", profileImage(u, defaultImage).replace("https://", "http://"));
    o.put("profile_image_url_https", profileImage(u, defaultImage));
    if (hasBanner(u)) {
      o.put("profile_banner_url", bannerUrl(u));
    }
    o.put("profile_link_color", "1DA1F2");
    o.put("profile_sidebar_border_color", "C0DEED");
    o.put("profile_sidebar_fill_color", "DDEEF6");
    o.put("profile_text_color", "333333");
    o.put("profile_use_background_image", true);
    o.put("has_extended_profile", false);
    o.put("default_profile", !hasBanner(u));
    o.put("default_profile_image", defaultImage);
    o.put("following", follows(caller, u.index()));
    o.put("follow_request_sent", false);
    o.put("notifications", false);
    o.put("translator_type", "none");
    if (form == UserForm.ACCOUNT) {
      o.put("suspended", u.suspended());
      o.put("needs_phone_verification", false);
    }
    return o;
  }

  private boolean follows(Caller caller, int user) {
    return caller != null && caller.isUser() && world.graph().follows(caller.user().index(), user);
  }

  private Ref newestVisible(UserProfile u, Caller caller, long now) {
    if (u.suspended() || (u.isProtected() && !tweets.canSeeProtected(u.index(), caller))) {
      return null;
    }
    List<Ref> top = world.userStream(u.index(), now, Long.MAX_VALUE, 3200).take(1, -1);
    return top.isEmpty() ? null : top.get(0);
  }

  /** Users with a profile link have a banner too; four in five of the others. */
  static boolean hasBanner(UserProfile u) {
    return u.url() != null || Mix.below(Mix.hash(u.id(), 72), 5) != 0;
  }

  /** One in four users keeps the default profile image. */
  static boolean defaultImage(UserProfile u) {
    return Mix.below(Mix.hash(u.id(), 71) >>> 8, 4) == 0;
  }

  static String bannerUrl(UserProfile u) {
    return "https://pbs.twimg.com/profile_banners/"
        + u.id()
        + "/"
        + (1_500_000_000L + Mix.below(Mix.hash(u.id(), 73), 200_000_000));
  }

  static String profileImage(UserProfile u, boolean defaultImage) {
    if (defaultImage) {
      return "https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png";
    }
    return "https://pbs.twimg.com/profile_images/"
        + (1_000_000_000_000_000_000L + Mix.below(Mix.hash(u.id(), 74), 900_000_000))
        + "/"
        + Long.toString(Mix.hash(u.id(), 75) & 0xFFFFFFFFFFL, 36)
        + "_normal.jpg";
  }

  /** A place object for a profile location (v1.1 {@code profile_location}). */
  static ObjectNode place(String location) {
    ObjectNode p = Json.object();
    String id = String.format("%016x", Mix.hash(location.hashCode(), 76));
    p.put("id", id);
    p.put("url", "https://api.twitter.com/1.1/geo/id/" + id + ".json");
    p.put("place_type", "unknown");
    p.put("name", location);
    p.put("full_name", location);
    p.put("country_code", "");
    p.put("country", "");
    p.putArray("contained_within");
    p.putNull("bounding_box");
    p.putObject("attributes");
    return p;
  }

  /**
   * A tweet object. In compatibility mode (not {@code extended}) text longer than 140 characters is
   * cut and ends with "… " and a link to the whole tweet, with {@code truncated: true}.
   */
  ObjectNode tweet(
      Tweet t, boolean trimUser, boolean extended, Caller caller, long now, boolean search) {
    ObjectNode o = Json.object();
    o.put("created_at", createdAt(t.createdMs()));
    o.put("id", t.id());
    o.put("id_str", Long.toString(t.id()));
    int[] range = t.displayRange();
    int length = t.text().codePointCount(0, t.text().length());
    int cut = -1;
    if (extended) {
      o.put("full_text", t.text());
      o.put("truncated", false);
      o.putArray("display_text_range").add(range[0]).add(range[1]);
    } else if (range[1] - range[0] > 140) {
      cut = t.text().offsetByCodePoints(0, Math.min(length, 116));
      String more = "https://t.co/" + Long.toString(t.id() % 3_656_158_440_062_975L, 36);
      o.put("text", t.text().substring(0, cut).stripTrailing() + "… " + more);
      o.put("truncated", true);
    } else {
      o.put("text", t.text());
      o.put("truncated", false);
    }
    int limit = cut < 0 ? Integer.MAX_VALUE : t.text().codePointCount(0, cut);
    ObjectNode entities = o.putObject("entities");
    ArrayNode tags = entities.putArray("hashtags");
    for (Tweet.Hashtag h : t.hashtags()) {
      if (h.end() <= limit) {
        ObjectNode e = tags.addObject();
        e.put("text", h.tag());
        e.putArray("indices").add(h.start()).add(h.end());
      }
    }
    entities.putArray("symbols");
    ArrayNode mentions = entities.putArray("user_mentions");
    for (Tweet.Mention m : t.mentions()) {
      if (m.end() <= limit) {
        ObjectNode e = mentions.addObject();
        e.put("screen_name", m.screenName());
        e.put("name", world.people().name(m.user()));
        long id = world.people().id(m.user());
        e.put("id", id);
        e.put("id_str", Long.toString(id));
        e.putArray("indices").add(m.start()).add(m.end());
      }
    }
    ArrayNode urls = entities.putArray("urls");
    for (Tweet.Link l : t.urls()) {
      if (l.end() <= limit) {
        ObjectNode e = urls.addObject();
        e.put("url", l.url());
        e.put("expanded_url", l.expanded());
        e.put("display_url", l.display());
        e.putArray("indices").add(l.start()).add(l.end());
      }
    }
    boolean media = t.media() != null && t.media().end() <= limit;
    if (media) {
      entities.putArray("media").add(media(t.media()));
      o.putObject("extended_entities").putArray("media").add(media(t.media()));
    }
    if (search) {
      ObjectNode meta = o.putObject("metadata");
      meta.put("iso_language_code", "en");
      meta.put("result_type", "recent");
    }
    o.put("source", t.source());
    if (t.inReplyToStatusId() > 0) {
      o.put("in_reply_to_status_id", t.inReplyToStatusId());
      o.put("in_reply_to_status_id_str", Long.toString(t.inReplyToStatusId()));
    } else {
      o.putNull("in_reply_to_status_id");
      o.putNull("in_reply_to_status_id_str");
    }
    if (t.inReplyToUser() >= 0) {
      long uid = world.people().id(t.inReplyToUser());
      o.put("in_reply_to_user_id", uid);
      o.put("in_reply_to_user_id_str", Long.toString(uid));
      o.put("in_reply_to_screen_name", world.people().screenName(t.inReplyToUser()));
    } else {
      o.putNull("in_reply_to_user_id");
      o.putNull("in_reply_to_user_id_str");
      o.putNull("in_reply_to_screen_name");
    }
    UserProfile author = world.profile(t.author());
    if (trimUser) {
      ObjectNode u = o.putObject("user");
      u.put("id", author.id());
      u.put("id_str", Long.toString(author.id()));
    } else {
      o.set("user", user(author, UserForm.EMBEDDED, false, extended, caller, now));
    }
    o.putNull("geo");
    o.putNull("coordinates");
    o.putNull("place");
    o.putNull("contributors");
    if (t.retweeted() != null) {
      o.set(
          "retweeted_status",
          tweet(tweets.tweet(t.retweeted()), trimUser, extended, caller, now, search));
    }
    boolean quote = t.quoted() != null;
    o.put("is_quote_status", quote);
    if (quote) {
      o.put("quoted_status_id", t.quoted().id());
      o.put("quoted_status_id_str", Long.toString(t.quoted().id()));
      Tweet quoted = tweets.tweet(t.quoted());
      if (tweets.refusal(t.quoted(), caller) == Tweets.Refusal.NONE) {
        o.set("quoted_status", tweet(quoted, trimUser, extended, caller, now, search));
      }
      ObjectNode permalink = o.putObject("quoted_status_permalink");
      Tweet.Link link = t.urls().isEmpty() ? null : t.urls().get(t.urls().size() - 1);
      if (link != null) {
        permalink.put("url", link.url());
        permalink.put("expanded", link.expanded());
        permalink.put("display", link.display());
      }
    }
    o.put("retweet_count", t.metrics().retweets());
    o.put("favorite_count", t.retweeted() != null ? 0 : t.metrics().likes());
    o.put("favorited", false);
    o.put("retweeted", false);
    if (t.hasLinks()) {
      o.put("possibly_sensitive", false);
    }
    o.put("lang", "en");
    return o;
  }

  private static ObjectNode media(Tweet.Media m) {
    ObjectNode e = Json.object();
    e.put("id", m.id());
    e.put("id_str", Long.toString(m.id()));
    e.putArray("indices").add(m.start()).add(m.end());
    e.put("media_url", m.mediaUrl().replace("https://", "http://"));
    e.put("media_url_https", m.mediaUrl());
    e.put("url", m.url());
    e.put("display_url", m.display());
    e.put("expanded_url", m.expanded());
    e.put("type", "photo");
    ObjectNode sizes = e.putObject("sizes");
    size(sizes, "medium", 1200, 675, "fit");
    size(sizes, "small", 680, 383, "fit");
    size(sizes, "large", 1920, 1080, "fit");
    size(sizes, "thumb", 150, 150, "crop");
    return e;
  }

  private static void size(ObjectNode sizes, String name, int w, int h, String resize) {
    ObjectNode s = sizes.putObject(name);
    s.put("w", w);
    s.put("h", h);
    s.put("resize", resize);
  }
}
