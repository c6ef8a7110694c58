package dev.latchkey.sandbox.internal.twitter;

import dev.latchkey.sandbox.internal.ApiError;
import dev.latchkey.sandbox.internal.Call;
import dev.latchkey.sandbox.internal.Caller;
import dev.latchkey.sandbox.internal.Html;
import dev.latchkey.sandbox.internal.data.Overlay;
import dev.latchkey.sandbox.internal.data.Posted;
import dev.latchkey.sandbox.internal.data.Ref;
import dev.latchkey.sandbox.internal.data.World;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sending a tweet, for {@code statuses/update} and {@code POST /2/tweets} alike: a read-only token
 * is refused (261), so is empty text (170), text over 280 characters (186) and a repeat of one of
 * the user's recent tweets (187, "Status is a duplicate."), each in the path's dialect.
 */
final class Posting {
  private static final Pattern STATUS_URL =
      Pattern.compile("https?://(?:mobile\\.)?(?:twitter|x)\\.com/\\w+/status(?:es)?/(\\d{1,19})");
  private static final int RECENT = 50;

  private final Tweets tweets;
  private final World world;

  Posting(Tweets tweets) {
    this.tweets = tweets;
    this.world = tweets.world();
  }

  /**
   * Posts {@code text} for the caller.
   *
   * @param inReplyTo the tweet answered, or -1
   * @param quote a tweet URL to quote (v1.1 {@code attachment_url}) or a tweet id (v2), or null
   * @param v2 whether the call is {@code POST /2/tweets} (its errors are problems)
   */
  Posted post(Call call, String text, long inReplyTo, String quote, boolean v2) {
    Caller c = call.caller();
    if (!c.access().canWrite()) {
      throw ApiError.cannotWrite();
    }
    if (text == null || text.isBlank()) {
      throw v2
          ? ApiError.invalidParameter("text", "", "The `text` field is required.")
          : new ApiError(400, 170, "Missing required parameter: status.");
    }
    if (text.codePointCount(0, text.length()) > 280) {
      throw v2
          ? ApiError.problem(
              403,
              "Forbidden",
              "Your Tweet text is too long. For more information on how Twitter determines"
                  + " text length see https://github.com/twitter/twitter-text.",
              "about:blank")
          : new ApiError(403, 186, "Tweet needs to be a bit shorter.");
    }
    int me = c.user().index();
    for (Posted earlier : recent(me)) {
      if (earlier.text().equals(text) && !world.overlay().isDeleted(earlier.id())) {
        throw v2
            ? ApiError.problem(
                403,
                "Forbidden",
                "You are not allowed to create a Tweet with duplicate content.",
                "about:blank")
            : new ApiError(403, 187, "Status is a duplicate.");
      }
    }
    long replyTo = -1;
    int replyToUser = -1;
    if (inReplyTo > 0) {
      Ref target = world.find(inReplyTo, call.nowMs());
      if (target != null && tweets.refusal(target, c) == Tweets.Refusal.NONE) {
        replyTo = target.id();
        replyToUser = target.user();
      } else if (v2) {
        throw ApiError.problem(
            403,
            "Forbidden",
            "You attempted to reply to a Tweet that is deleted or not visible to you.",
            "about:blank");
      }
    }
    Ref quoted = null;
    if (quote != null) {
      long id = quotedId(quote);
      Ref target = id > 0 ? world.find(id, call.nowMs()) : null;
      if (target != null && tweets.refusal(target, c) == Tweets.Refusal.NONE) {
        quoted = target;
      } else {
        throw v2
            ? ApiError.problem(
                403,
                "Forbidden",
                "You cannot quote a Tweet that is deleted or not visible to you.",
                "about:blank")
            : new ApiError(400, 44, "attachment_url parameter is invalid.");
      }
    }
    Overlay overlay = world.overlay();
    long now = call.nowMs();
    long id = world.timelines().runtimeId(me, now);
    synchronized (overlay) {
      while (overlay.get(id) != null) {
        id += 1L << 22;
      }
      String source =
          "<a href=\"https://github.com/latchkey\" rel=\"nofollow\">"
              + Html.escape(c.app().name())
              + "</a>";
      String body =
          quoted == null
              ? text
              : text
                  + " https://twitter.com/"
                  + world.people().screenName(quoted.user())
                  + "/status/"
                  + quoted.id();
      Posted p =
          new Posted(
              id,
              me,
              now,
              body,
              tweets.mentionedUsers(text),
              new PostedTweet(replyTo, replyToUser, quoted, source));
      overlay.add(p);
      return p;
    }
  }

  private List<Posted> recent(int user) {
    List<Posted> mine = world.overlay().byUser(user);
    return mine.size() > RECENT ? mine.subList(0, RECENT) : mine;
  }

  private static long quotedId(String quote) {
    Matcher m = STATUS_URL.matcher(quote);
    String digits = m.find() ? m.group(1) : quote;
    try {
      return Long.parseLong(digits.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Deletes one of the caller's tweets; false when it was already gone. */
  boolean delete(Call call, Ref r) {
    if (r.user() != call.caller().user().index()) {
      throw ApiError.problem(
          403,
          "Forbidden",
          "You are not allowed to delete a Tweet that is not yours.",
          "about:blank");
    }
    return !world.isDeleted(r) && world.overlay().delete(r.id());
  }
}
