package dev.latchkey.sandbox.internal;

import java.util.random.RandomGenerator;

/**
 * How a platform's seeded users and items look: the range of user ids, the screen-name style and
 * the item id scheme (X's snowflakes; Tumblr's 64-bit post ids).
 *
 * @param userIdMin smallest seeded user id
 * @param userIdMax bound (exclusive) of seeded user ids
 * @param screenNameSuffix appended to the lower-case first name ({@code _sandbox}, {@code
 *     -sandbox}); X names allow underscores, Tumblr blog names dashes
 * @param itemIds makes an item id from its time and the seeded random stream
 */
public record SeedFacts(long userIdMin, long userIdMax, String screenNameSuffix, ItemIds itemIds) {

  /** Makes the id of an item created at {@code epochMillis}. */
  @FunctionalInterface
  public interface ItemIds {
    long make(long epochMillis, RandomGenerator random);
  }
}
