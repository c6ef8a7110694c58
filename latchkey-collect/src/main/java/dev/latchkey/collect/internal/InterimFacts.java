package dev.latchkey.collect.internal;

import dev.latchkey.collect.Endpoint;
import dev.latchkey.collect.internal.HeaderSet.ResetFormat;
import java.util.List;
import java.util.Map;

/**
 * Endpoint facts the collector needs (rate-limit family, accepted credentials, rate-limit headers)
 * until the platform descriptions carry them: the one place to delete when the account layer's
 * endpoint table lands. Sources: protocol-facts E and F, collection-notes, Tumblr's API doc.
 */
public final class InterimFacts {
  private InterimFacts() {}

  private static final List<HeaderSet> TWITTER_HEADERS =
      List.of(
          new HeaderSet(
              "rate limit",
              "x-rate-limit-limit",
              "x-rate-limit-remaining",
              "x-rate-limit-reset",
              ResetFormat.EPOCH_SECONDS),
          new HeaderSet(
              "24-hour app cap",
              "x-app-limit-24hour-limit",
              "x-app-limit-24hour-remaining",
              "x-app-limit-24hour-reset",
              ResetFormat.EPOCH_SECONDS),
          new HeaderSet(
              "24-hour user cap",
              "x-user-limit-24hour-limit",
              "x-user-limit-24hour-remaining",
              "x-user-limit-24hour-reset",
              ResetFormat.EPOCH_SECONDS));

  private static final List<HeaderSet> TUMBLR_HEADERS =
      List.of(
          new HeaderSet(
              "hourly limit",
              "x-ratelimit-perhour-limit",
              "x-ratelimit-perhour-remaining",
              "x-ratelimit-perhour-reset",
              ResetFormat.DELAY_SECONDS),
          new HeaderSet(
              "daily limit",
              "x-ratelimit-perday-limit",
              "x-ratelimit-perday-remaining",
              "x-ratelimit-perday-reset",
              ResetFormat.DELAY_SECONDS));

  private static Map<String, String> ordered(String... pairs) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The rate-limit header sets a platform sends. */
  public static List<HeaderSet> rateLimitHeaders(String platform) {
    return "tumblr".equals(platform) ? TUMBLR_HEADERS : TWITTER_HEADERS;
  }

  private static Endpoint x(String path, String family, boolean appOnly) {
    return new Endpoint("twitter", "GET", path, family, appOnly, true);
  }

  private static Endpoint tumblr(String path, String family) {
    return new Endpoint("tumblr", "GET", path, family, true, true);
  }

  static final Endpoint V2_USER_BY_USERNAME =
      x("/2/users/by/username/{username}", "/2/users/by/username/:username", true);
  static final Endpoint V2_USERS_BY = x("/2/users/by", "/2/users/by", true);
  static final Endpoint V2_USERS = x("/2/users", "/2/users", true);
  static final Endpoint V2_USER_TWEETS = x("/2/users/{id}/tweets", "/2/users/:id/tweets", true);
  static final Endpoint V2_USER_MENTIONS =
      x("/2/users/{id}/mentions", "/2/users/:id/mentions", true);
  static final Endpoint V2_FOLLOWERS = x("/2/users/{id}/followers", "/2/users/:id/followers", true);
  static final Endpoint V2_FOLLOWING = x("/2/users/{id}/following", "/2/users/:id/following", true);
  static final Endpoint V2_TWEETS = x("/2/tweets", "/2/tweets", true);
  static final Endpoint V2_SEARCH_RECENT =
      x("/2/tweets/search/recent", "/2/tweets/search/recent", true);
  static final Endpoint V2_SEARCH_ALL = x("/2/tweets/search/all", "/2/tweets/search/all", true);
  static final Endpoint V2_SAMPLE_STREAM =
      new Endpoint(
          "twitter", "GET", "/2/tweets/sample/stream", "/2/tweets/sample/stream", true, false);
  static final Endpoint V2_FILTER_STREAM =
      new Endpoint(
          "twitter", "GET", "/2/tweets/search/stream", "/2/tweets/search/stream", true, false);
  static final Endpoint V2_STREAM_RULES =
      new Endpoint(
          "twitter",
          "GET",
          "/2/tweets/search/stream/rules",
          "/2/tweets/search/stream/rules",
          true,
          false);
  static final Endpoint V2_STREAM_RULES_POST =
      new Endpoint(
          "twitter",
          "POST",
          "/2/tweets/search/stream/rules",
          "/2/tweets/search/stream/rules:post",
          true,
          false);

  static final Endpoint V1_USER_TIMELINE =
      x("/1.1/statuses/user_timeline.json", "/statuses/user_timeline", true);
  static final Endpoint V1_USERS_SHOW = x("/1.1/users/show.json", "/users/show/:id", true);
  static final Endpoint V1_SEARCH = x("/1.1/search/tweets.json", "/search/tweets", true);
  static final Endpoint V1_USERS_LOOKUP = x("/1.1/users/lookup.json", "/users/lookup", true);
  static final Endpoint V1_STATUSES_LOOKUP =
      x("/1.1/statuses/lookup.json", "/statuses/lookup", true);
  static final Endpoint V1_FOLLOWERS_IDS = x("/1.1/followers/ids.json", "/followers/ids", true);
  static final Endpoint V1_FRIENDS_IDS = x("/1.1/friends/ids.json", "/friends/ids", true);

  static final Endpoint TUMBLR_POSTS = tumblr("/v2/blog/{blog}/posts", "tumblr");
  static final Endpoint TUMBLR_INFO = tumblr("/v2/blog/{blog}/info", "tumblr");
  static final Endpoint TUMBLR_LIKES = tumblr("/v2/blog/{blog}/likes", "tumblr");
  static final Endpoint TUMBLR_TAGGED = tumblr("/v2/tagged", "tumblr");

  /** Page-size parameter limits: endpoint path to {min, max}. */
  static final Map<String, int[]> PAGE_SIZES =
      Map.ofEntries(
          Map.entry(V2_USER_TWEETS.path(), new int[] {5, 100}),
          Map.entry(V2_USER_MENTIONS.path(), new int[] {5, 100}),
          Map.entry(V2_FOLLOWERS.path(), new int[] {1, 1000}),
          Map.entry(V2_FOLLOWING.path(), new int[] {1, 1000}),
          Map.entry(V2_SEARCH_RECENT.path(), new int[] {10, 100}),
          Map.entry(V2_SEARCH_ALL.path(), new int[] {10, 500}),
          Map.entry(V1_USER_TIMELINE.path(), new int[] {1, 200}),
          Map.entry(V1_SEARCH.path(), new int[] {1, 100}),
          Map.entry(V1_FOLLOWERS_IDS.path(), new int[] {1, 5000}),
          Map.entry(V1_FRIENDS_IDS.path(), new int[] {1, 5000}),
          Map.entry(TUMBLR_POSTS.path(), new int[] {1, 20}),
          Map.entry(TUMBLR_LIKES.path(), new int[] {1, 20}),
          Map.entry(TUMBLR_TAGGED.path(), new int[] {1, 20}));

  /**
   * Fields and expansions asked of v2 (what twarc2 asks, in names every v2 version accepts). {@code
   * referenced_tweets.id} and {@code referenced_tweets.id.author_id} are left out for now: the
   * sandbox loops on them (Timelines.newest from World.find); add them back when it is fixed.
   */
  static final Map<String, String> V2_TWEET_FIELDS =
      ordered(
          "tweet.fields",
          "attachments,author_id,conversation_id,created_at,entities,geo,id,in_reply_to_user_id,"
              + "lang,possibly_sensitive,public_metrics,referenced_tweets,reply_settings,source,text,"
              + "withheld",
          "user.fields",
          "created_at,description,entities,id,location,name,pinned_tweet_id,profile_image_url,"
              + "protected,public_metrics,url,username,verified,withheld",
          "expansions",
          "author_id,in_reply_to_user_id,entities.mentions.username,attachments.media_keys,"
              + "geo.place_id",
          "media.fields",
          "alt_text,duration_ms,height,media_key,preview_image_url,public_metrics,type,url,width",
          "place.fields",
          "contained_within,country,country_code,full_name,geo,id,name,place_type");

  static final Map<String, String> V2_USER_FIELDS =
      ordered(
          "user.fields",
          "created_at,description,entities,id,location,name,pinned_tweet_id,profile_image_url,"
              + "protected,public_metrics,url,username,verified,withheld");
}
