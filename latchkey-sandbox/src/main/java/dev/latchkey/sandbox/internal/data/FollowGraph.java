package dev.latchkey.sandbox.internal.data;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Who follows whom, computed both ways without storing an edge. User {@code a} follows {@code a +
 * d(j)} (mod the population) for every {@code j} below its seeded friend count, with {@code d} a
 * fixed increasing sequence, so the followers of {@code b} are found by scanning {@code j}. On top,
 * the role with a followers target is followed by that many users (the first generated ones), and
 * is left out of everyone's seeded list, so both directions always agree.
 *
 * <p>A user's following list has slots: slot 0 is the popular role when the user follows it, then
 * one slot per {@code j}; the slot of {@code j} whose target is the popular role is empty.
 */
public final class FollowGraph {
  /** One listed user and the position to resume after it. */
  public record Entry(int user, int next) {}

  private final long seed;
  private final int size;
  private final int maxFriends;
  private final int popular;
  private final int windowStart;
  private final int windowSize;

  /**
   * Followers counts already scanned (every user in an answer's includes carries one, and a scan
   * costs up to {@code maxFriends} hashes): direct-mapped, each entry {@code user << 32 | count +
   * 1}, 0 when empty. The graph never changes, so an entry never goes stale.
   */
  private final AtomicLongArray followersCounts = new AtomicLongArray(1 << 14);

  /**
   * @param popular the index of the user with a followers target, or -1
   * @param popularFollowers how many users follow it
   * @param windowStart the first of its followers
   */
  public FollowGraph(
      long seed, int size, int maxFriends, int popular, int popularFollowers, int windowStart) {
    this.seed = seed;
    this.size = size;
    this.maxFriends = Math.max(0, Math.min(maxFriends, (size - 2) / 8));
    this.popular = popular;
    this.windowStart = windowStart;
    this.windowSize = popular < 0 ? 0 : Math.max(0, Math.min(popularFollowers, size - windowStart));
  }

  /** The offset of slot {@code j}: 1, 8, 16, …; strictly increasing. */
  static long offset(int j) {
    return 1 + 7L * j + ((long) j * j) % 5;
  }

  /**
   * How many users {@code a} follows through the seeded rule (before the popular role): the named
   * users 50 to 200, the others 0 to the maximum, most of them few.
   */
  public int seededFriends(int a) {
    double u = Mix.unit(Mix.hash(seed, 11, a));
    if (a < windowStart) {
      return Math.min(maxFriends, 50 + (int) (150 * u));
    }
    return (int) (maxFriends * u * u * u);
  }

  private boolean followsPopular(int a) {
    return a >= windowStart && a < windowStart + windowSize && a != popular;
  }

  /** The number of slots of {@code a}'s following list. */
  public int slots(int a) {
    return seededFriends(a) + (followsPopular(a) ? 1 : 0);
  }

  /** Who is in slot {@code s} of {@code a}'s list, or -1 for an empty slot. */
  public int friendAt(int a, int s) {
    if (followsPopular(a)) {
      if (s == 0) {
        return popular;
      }
      s--;
    }
    if (s < 0 || s >= seededFriends(a)) {
      return -1;
    }
    int target = (int) Math.floorMod(a + offset(s), (long) size);
    return target == popular ? -1 : target;
  }

  /** The slot of {@code b} in {@code a}'s list, or -1 when {@code a} does not follow {@code b}. */
  public int slotOf(int a, int b) {
    if (b == popular) {
      return followsPopular(a) ? 0 : -1;
    }
    int j = seededSlot(a, b);
    return j < 0 ? -1 : j + (followsPopular(a) ? 1 : 0);
  }

  public boolean follows(int a, int b) {
    return a != b && slotOf(a, b) >= 0;
  }

  private int seededSlot(int a, int b) {
    long delta = Math.floorMod((long) b - a, (long) size);
    int lo = 0;
    int hi = seededFriends(a) - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long d = offset(mid);
      if (d == delta) {
        return mid;
      } else if (d < delta) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }

  public int friendsCount(int a) {
    int n = slots(a);
    int seeded = seededFriends(a);
    if (popular >= 0 && seededSlot(a, popular) >= 0 && seeded > 0) {
      n--;
    }
    return n;
  }

  public int followersCount(int b) {
    if (b == popular) {
      return windowSize;
    }
    int slot = b & (followersCounts.length() - 1);
    long cached = followersCounts.getOpaque(slot);
    if (cached != 0 && (int) (cached >>> 32) == b) {
      return (int) cached - 1;
    }
    int n = scanFollowers(b);
    followersCounts.setOpaque(slot, ((long) b << 32) | (n + 1));
    return n;
  }

  private int scanFollowers(int b) {
    int n = 0;
    for (int j = 0; j < maxFriends; j++) {
      if (follower(b, j) >= 0) {
        n++;
      }
    }
    return n;
  }

  /** The follower of {@code b} at scan position {@code j}, or -1. */
  private int follower(int b, int j) {
    int a = (int) Math.floorMod(b - offset(j), (long) size);
    return seededFriends(a) > j ? a : -1;
  }

  /**
   * Up to {@code limit} followers of {@code b} from position {@code from}; the last entry's {@code
   * next} resumes the list, and the list ends when fewer come back or {@link #followersEnd} is
   * reached.
   */
  public java.util.List<Entry> followers(int b, int from, int limit) {
    java.util.List<Entry> out = new java.util.ArrayList<>(Math.min(limit, 1024));
    if (b == popular) {
      for (int p = Math.max(0, from); p < windowSize && out.size() < limit; p++) {
        int a = windowStart + p;
        if (a != b) {
          out.add(new Entry(a, p + 1));
        }
      }
      return out;
    }
    for (int j = Math.max(0, from); j < maxFriends && out.size() < limit; j++) {
      int a = follower(b, j);
      if (a >= 0) {
        out.add(new Entry(a, j + 1));
      }
    }
    return out;
  }

  /** The position after the last follower of {@code b}. */
  public int followersEnd(int b) {
    return b == popular ? windowSize : maxFriends;
  }

  /** Up to {@code limit} users {@code a} follows, from slot {@code from}. */
  public java.util.List<Entry> following(int a, int from, int limit) {
    java.util.List<Entry> out = new java.util.ArrayList<>(Math.min(limit, 1024));
    int slots = slots(a);
    for (int s = Math.max(0, from); s < slots && out.size() < limit; s++) {
      int b = friendAt(a, s);
      if (b >= 0) {
        out.add(new Entry(b, s + 1));
      }
    }
    return out;
  }

  /** The index of the user with a followers target, or -1. */
  public int popular() {
    return popular;
  }
}
