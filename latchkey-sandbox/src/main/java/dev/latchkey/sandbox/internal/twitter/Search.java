package dev.latchkey.sandbox.internal.twitter;

import dev.latchkey.sandbox.internal.Caller;
import dev.latchkey.sandbox.internal.data.ItemStream;
import dev.latchkey.sandbox.internal.data.Ref;
import dev.latchkey.sandbox.internal.data.World;
import java.util.OptionalInt;

/**
 * Recent search: tweets of the last 7 days that match a query, newest first. Like X's index it is
 * not every tweet: it holds the tweets of the first {@link World#INDEXED_USERS} users, plus those
 * of any user a query names with {@code from:}.
 */
final class Search {
  private Search() {}

  /** Matching tweets with ids at most {@code maxId}, made at or after {@code floorMs}. */
  static ItemStream stream(
      Tweets tweets, SearchQuery query, Caller caller, long nowMs, long maxId, long floorMs) {
    World world = tweets.world();
    ItemStream source;
    String author = query.requiredAuthor();
    if (author != null) {
      OptionalInt index = world.indexOfScreenName(author);
      source =
          index.isEmpty()
              ? ItemStream.empty()
              : world.userStream(index.getAsInt(), nowMs, maxId, Integer.MAX_VALUE);
    } else {
      source = world.indexedStream(nowMs, maxId);
    }
    long floorId = world.timelines().idAt(floorMs);
    ItemStream recent = until(source, floorId);
    return recent.filter(
        r ->
            tweets.refusal(r, caller) == Tweets.Refusal.NONE
                && query.matches(tweets.tweet(r), world));
  }

  /** The stream up to (not below) {@code floorId}; it ends at the first older item. */
  static ItemStream until(ItemStream source, long floorId) {
    return new ItemStream() {
      @Override
      public long peek() {
        long id = source.peek();
        return id >= floorId ? id : -1;
      }

      @Override
      public Ref next() {
        return source.next();
      }
    };
  }
}
