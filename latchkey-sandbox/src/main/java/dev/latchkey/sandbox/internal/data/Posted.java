package dev.latchkey.sandbox.internal.data;

import java.util.Set;

/**
 * An item created at run time (a tweet sent with {@code statuses/update} or {@code POST /2/tweets},
 * a Tumblr post): the platform's routes give it its content.
 *
 * @param id the item id ({@link Timelines#runtimeId})
 * @param user the author's index
 * @param createdMs when it was made, on the sandbox clock
 * @param text the text (a tweet) or the main text (a post)
 * @param mentions the indexes of users it mentions
 * @param content platform-specific details, or null
 */
public record Posted(
    long id, int user, long createdMs, String text, Set<Integer> mentions, Object content) {
  public Posted {
    mentions = Set.copyOf(mentions);
  }
}
