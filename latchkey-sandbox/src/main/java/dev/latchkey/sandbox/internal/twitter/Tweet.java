package dev.latchkey.sandbox.internal.twitter;

import dev.latchkey.sandbox.internal.data.Ref;
import java.util.List;

/**
 * One tweet as both API versions render it: text with entities (indices in code points), media, and
 * the tweets it replies to, retweets or quotes. Made by {@link Tweets}, never stored.
 */
record Tweet(
    Ref ref,
    int author,
    long createdMs,
    Kind kind,
    String text,
    List<Hashtag> hashtags,
    List<Mention> mentions,
    List<Link> urls,
    Media media,
    long inReplyToStatusId,
    int inReplyToUser,
    Ref retweeted,
    Ref quoted,
    String source,
    Metrics metrics) {

  /** What a tweet is. */
  enum Kind {
    ORIGINAL,
    REPLY,
    RETWEET,
    QUOTE
  }

  record Hashtag(String tag, int start, int end) {}

  record Mention(int user, String screenName, int start, int end) {}

  /** A t.co link: {@code url} as in the text, what it expands to, how it is displayed. */
  record Link(String url, String expanded, String display, int start, int end) {}

  /** An attached photo. */
  record Media(
      long id, String mediaUrl, String url, String display, String expanded, int start, int end) {
    String key() {
      return "3_" + id;
    }
  }

  record Metrics(
      int retweets, int replies, int likes, int quotes, int bookmarks, int impressions) {}

  long id() {
    return ref.id();
  }

  boolean hasLinks() {
    return !urls.isEmpty() || media != null;
  }

  /** Where the visible text starts and ends (a reply's leading mention and media link excluded). */
  int[] displayRange() {
    int length = text.codePointCount(0, text.length());
    int start = 0;
    if (kind == Kind.REPLY && !mentions.isEmpty() && mentions.get(0).start() == 0) {
      start = mentions.get(0).end() + 1;
    }
    int end = media != null ? media.start() - 1 : length;
    return new int[] {Math.min(start, end), Math.max(0, end)};
  }
}
