package dev.latchkey.sandbox.internal.twitter;

import dev.latchkey.sandbox.internal.data.Ref;

/**
 * What a tweet sent at run time says beyond its text: the tweet it replies to and its author, the
 * tweet it quotes, and the app that sent it.
 */
record PostedTweet(long inReplyTo, int inReplyToUser, Ref quoted, String source) {
  static final PostedTweet NONE = new PostedTweet(-1, -1, null, Words.SOURCE_API);

  /** Where {@code Words} would be: the source anchor of tweets sent through the API. */
  private static final class Words {
    static final String SOURCE_API =
        "<a href=\"https://github.com/latchkey\" rel=\"nofollow\">Latchkey Sandbox</a>";
  }
}
