package dev.latchkey.sandbox.internal.twitter;

import dev.latchkey.sandbox.internal.ApiError;
import dev.latchkey.sandbox.internal.Requests;
import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The v2 field and expansion parameters of one request, checked against X's OpenAPI lists: an
 * unknown value is {@code 400 invalid-request} naming the parameter, as X answers. Both spellings
 * are accepted: {@code tweet.fields} and {@code post.fields}, {@code referenced_tweets.id} and
 * {@code referenced_posts.id} (the 2025 OpenAPI renamed them; clients send the first).
 */
record V2Fields(Set<String> tweet, Set<String> user, Set<String> media, Set<String> expansions) {

  static final List<String> TWEET_FIELDS =
      List.of(
          "article",
          "attachments",
          "author_id",
          "card_uri",
          "community_id",
          "context_annotations",
          "conversation_id",
          "created_at",
          "display_text_range",
          "edit_controls",
          "edit_history_tweet_ids",
          "entities",
          "geo",
          "id",
          "in_reply_to_user_id",
          "lang",
          "media_metadata",
          "non_public_metrics",
          "note_tweet",
          "organic_metrics",
          "possibly_sensitive",
          "promoted_metrics",
          "public_metrics",
          "referenced_tweets",
          "reply_settings",
          "scopes",
          "source",
          "text",
          "withheld");
  static final List<String> USER_FIELDS =
      List.of(
          "affiliation",
          "confirmed_email",
          "connection_status",
          "created_at",
          "description",
          "entities",
          "id",
          "is_identity_verified",
          "location",
          "most_recent_tweet_id",
          "name",
          "parody",
          "pinned_tweet_id",
          "profile_banner_url",
          "profile_image_url",
          "protected",
          "public_metrics",
          "receives_your_dm",
          "subscription",
          "subscription_type",
          "url",
          "username",
          "verified",
          "verified_followers_count",
          "verified_type",
          "withheld");
  static final List<String> MEDIA_FIELDS =
      List.of(
          "alt_text",
          "duration_ms",
          "height",
          "media_key",
          "non_public_metrics",
          "organic_metrics",
          "preview_image_url",
          "promoted_metrics",
          "public_metrics",
          "type",
          "url",
          "variants",
          "width");
  static final List<String> POLL_FIELDS =
      List.of("duration_minutes", "end_datetime", "id", "options", "voting_status");
  static final List<String> PLACE_FIELDS =
      List.of(
          "contained_within",
          "country",
          "country_code",
          "full_name",
          "geo",
          "id",
          "name",
          "place_type");
  static final List<String> TWEET_EXPANSIONS =
      List.of(
          "article.cover_media",
          "article.media_entities",
          "attachments.media_keys",
          "attachments.media_source_tweet",
          "attachments.poll_ids",
          "author_id",
          "edit_history_tweet_ids",
          "entities.mentions.username",
          "geo.place_id",
          "in_reply_to_user_id",
          "entities.note.mentions.username",
          "referenced_tweets.id",
          "referenced_tweets.id.author_id");
  static final List<String> USER_EXPANSIONS =
      List.of("affiliation.user_id", "most_recent_tweet_id", "pinned_tweet_id");

  /** The 2025 OpenAPI's names for the same things. */
  private static final Map<String, String> POST_NAMES =
      Map.of(
          "edit_history_post_ids", "edit_history_tweet_ids",
          "referenced_posts", "referenced_tweets",
          "referenced_posts.id", "referenced_tweets.id",
          "referenced_posts.id.author_id", "referenced_tweets.id.author_id",
          "most_recent_post_id", "most_recent_tweet_id",
          "pinned_post_id", "pinned_tweet_id");

  /**
   * Reads the parameters of a request to an endpoint that returns tweets ({@code tweets} true) or
   * users.
   *
   * @throws ApiError {@code invalid-request} for a value X does not know
   */
  static V2Fields read(Context ctx, boolean tweets) {
    Set<String> tweet = values(ctx, "tweet.fields", TWEET_FIELDS);
    tweet.addAll(values(ctx, "post.fields", TWEET_FIELDS));
    Set<String> user = values(ctx, "user.fields", USER_FIELDS);
    Set<String> media = tweets ? values(ctx, "media.fields", MEDIA_FIELDS) : Set.of();
    if (tweets) {
      values(ctx, "poll.fields", POLL_FIELDS);
      values(ctx, "place.fields", PLACE_FIELDS);
    }
    Set<String> expansions = values(ctx, "expansions", tweets ? TWEET_EXPANSIONS : USER_EXPANSIONS);
    return new V2Fields(tweet, user, media, expansions);
  }

  /** No fields and no expansions: the default objects. */
  static V2Fields none() {
    return new V2Fields(Set.of(), Set.of(), Set.of(), Set.of());
  }

  private static Set<String> values(Context ctx, String name, List<String> allowed) {
    String raw = Requests.param(ctx, name);
    Set<String> out = new LinkedHashSet<>();
    if (raw == null) {
      return out;
    }
    for (String v : raw.split(",", -1)) {
      String value = POST_NAMES.getOrDefault(v, v);
      if (!allowed.contains(value)) {
        throw ApiError.invalidParameter(
            name,
            raw,
            "The `"
                + name
                + "` query parameter value ["
                + v
                + "] is not one of ["
                + String.join(",", allowed)
                + "]");
      }
      out.add(value);
    }
    return out;
  }
}
