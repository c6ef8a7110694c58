package dev.latchkey.sandbox.internal;

import dev.latchkey.sandbox.internal.data.Role;
import java.util.List;

/**
 * How a platform's seeded users look: the original four (whose draws from the seed stream are kept,
 * so every seed still gives the same keys and names), the users with a part to play, and the style
 * of generated names and ids.
 *
 * @param legacyIdMin smallest id of the original four
 * @param legacyIdMax bound (exclusive) of their ids
 * @param legacySuffix appended to their lower-case first names ({@code _sandbox}, {@code -sandbox})
 * @param legacyIdDrawBound the bound of one draw per original item, kept for the stream's sake
 * @param separator between a generated name and its number; X names allow {@code _}, Tumblr blog
 *     names {@code -}
 * @param idBase the smallest id of every later user
 * @param roles the users with a part to play (the account with 100,000 followers, …)
 */
public record SeedFacts(
    long legacyIdMin,
    long legacyIdMax,
    String legacySuffix,
    int legacyIdDrawBound,
    char separator,
    long idBase,
    List<Role> roles) {
  public SeedFacts {
    roles = List.copyOf(roles);
  }
}
