package dev.latchkey.sandbox.internal.data;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * When each user posts, computed on demand. Item {@code k} of user {@code i} (0 the newest at
 * start, negative ones still to come) lies {@code off(i,k) = base + k·gap + jitter} milliseconds
 * before the sandbox started, so times follow the clock: the newest items are minutes to hours old,
 * and items with negative {@code k} appear as time passes. Ids are X snowflakes (protocol-facts
 * E.2) of a fixed virtual time minus the same offsets, with the user's index in the low bits, so an
 * id names its user and item, and ids stay the same for a seed whatever the clock says.
 */
public final class Timelines {
  /** X's snowflake epoch. */
  public static final long TWITTER_EPOCH_MS = 1288834974657L;

  /** The virtual instant that the seeded ids count back from. */
  public static final long VIRTUAL_NOW_MS = Instant.parse("2026-06-01T12:00:00Z").toEpochMilli();

  /** Users are numbered below this; the bit above marks items created at run time. */
  public static final int MAX_USERS = 1 << 21;

  static final long RUNTIME_BIT = 1L << 21;
  private static final long INDEX_MASK = RUNTIME_BIT - 1;
  private static final long MINUTE = 60_000L;
  private static final long DAY = 24 * 60 * MINUTE;
  private static final long MAX_SPAN = 12 * 365 * DAY;
  private static final int DELETED_PERIOD = 101;

  private final long seed;
  private final long startMs;
  private final Population people;
  private final int legacyItems;
  private final long legacyGap;

  /**
   * @param startMs the instant the sandbox started; offsets count back from it
   * @param legacyItems the item count of the original four users
   */
  public Timelines(long seed, long startMs, Population people, int legacyItems) {
    this.seed = seed;
    this.startMs = startMs;
    this.people = people;
    this.legacyItems = legacyItems;
    this.legacyGap = 3 * 60 * MINUTE;
  }

  public long startMs() {
    return startMs;
  }

  /**
   * A user's count, gap and base, which every item's time and id start from: kept for the users
   * seen last (a direct-mapped table of {@link #RECENT} slots, each a whole immutable value, so
   * threads share it without locks), since making a page of a user's tweets asks for them hundreds
   * of times and each takes several hashes, an exponential and a logarithm.
   */
  private record PerUser(int user, int count, long gap, long base) {}

  private static final int RECENT = 4096;
  private final java.util.concurrent.atomic.AtomicReferenceArray<PerUser> recent =
      new java.util.concurrent.atomic.AtomicReferenceArray<>(RECENT);

  private PerUser perUser(int i) {
    int slot = i & (RECENT - 1);
    PerUser p = recent.get(slot);
    if (p == null || p.user() != i) {
      int count = seededCount(i);
      long gap = seededGapMs(i, count);
      p = new PerUser(i, count, gap, (long) (Mix.unit(Mix.hash(seed, 23, i)) * (gap / 2)));
      recent.set(slot, p);
    }
    return p;
  }

  /** How many items user {@code i} had when the sandbox started. */
  public int count(int i) {
    return perUser(i).count();
  }

  private int seededCount(int i) {
    if (i < people.firstGenerated() - people.roles().size()) {
      return legacyItems;
    }
    Role role = people.role(i);
    if (role != null && role.items() >= 0) {
      return role.items();
    }
    double u = Mix.unit(Mix.hash(seed, 21, i));
    return (int) (4200 * u * u * u * u);
  }

  /** The mean time between two items of user {@code i}. */
  public long gapMs(int i) {
    return perUser(i).gap();
  }

  private long seededGapMs(int i, int count) {
    if (i < people.firstGenerated() - people.roles().size()) {
      return legacyGap;
    }
    Role role = people.role(i);
    long gap;
    if (role != null && role.items() >= 0) {
      gap = role.items() > 3200 ? 45 * MINUTE : 2 * 60 * MINUTE;
    } else {
      double u = Mix.unit(Mix.hash(seed, 22, i));
      gap = (long) (10 * MINUTE * Math.exp(u * Math.log(3.0 * DAY / (10 * MINUTE))));
    }
    int n = Math.max(1, count);
    return Math.max(MINUTE, Math.min(gap, MAX_SPAN / n));
  }

  /** The offset of user {@code i}'s items. */
  private long baseMs(int i) {
    return perUser(i).base();
  }

  /** How long before the start item {@code k} of user {@code i} was made (negative: after). */
  public long offMs(int i, int k) {
    long gap = gapMs(i);
    return baseMs(i) + k * gap + (long) (Mix.unit(Mix.hash(seed, 24, i, k)) * (gap / 2));
  }

  public Instant createdAt(int i, int k) {
    return Instant.ofEpochMilli(startMs - offMs(i, k));
  }

  public long createdMs(int i, int k) {
    return startMs - offMs(i, k);
  }

  public long id(int i, int k) {
    return ((VIRTUAL_NOW_MS - offMs(i, k) - TWITTER_EPOCH_MS) << 22) | i;
  }

  /** The id of an item made at run time by user {@code i} at {@code epochMs}. */
  public long runtimeId(int i, long epochMs) {
    long virtual = VIRTUAL_NOW_MS + (epochMs - startMs);
    return ((virtual - TWITTER_EPOCH_MS) << 22) | RUNTIME_BIT | i;
  }

  /** The user index in an id (seeded or run-time). */
  public static int userOf(long id) {
    return (int) (id & INDEX_MASK);
  }

  public static boolean isRuntime(long id) {
    return (id & RUNTIME_BIT) != 0;
  }

  /** The epoch milliseconds an id stands for on the sandbox's clock. */
  public long epochMsOf(long id) {
    return (id >> 22) + TWITTER_EPOCH_MS - VIRTUAL_NOW_MS + startMs;
  }

  /** The smallest id an item created at or after {@code epochMs} can have. */
  public long idAt(long epochMs) {
    long virtual = VIRTUAL_NOW_MS + (epochMs - startMs);
    return Math.max(0, (virtual - TWITTER_EPOCH_MS) << 22);
  }

  /** The {@code k} of a seeded id, when it is one of user {@code i}'s items. */
  public OptionalInt itemOf(long id) {
    if (id <= 0 || isRuntime(id)) {
      return OptionalInt.empty();
    }
    int i = userOf(id);
    if (i >= people.size()) {
      return OptionalInt.empty();
    }
    long off = VIRTUAL_NOW_MS - ((id >> 22) + TWITTER_EPOCH_MS);
    long gap = gapMs(i);
    long k = Math.floorDiv(off - baseMs(i), gap);
    if (k >= count(i) || k < Integer.MIN_VALUE / 2 || id(i, (int) k) != id) {
      return OptionalInt.empty();
    }
    return OptionalInt.of((int) k);
  }

  /**
   * The newest item of user {@code i} that exists at {@code nowMs} (may be negative). Total over
   * every instant: an instant more than twelve years from the start counts as twelve years (without
   * overflow: {@code Long.MIN_VALUE} is the far past, {@code Long.MAX_VALUE} the far future), and
   * both walks are bounded, so no instant can keep a request thread spinning.
   */
  public int newest(int i, long nowMs) {
    long elapsed = elapsedMs(nowMs);
    long gap = gapMs(i);
    long guess = Math.floorDiv(-elapsed - baseMs(i), gap);
    int k = (int) Math.max(Integer.MIN_VALUE / 4, Math.min(guess, count(i)));
    while (k < count(i) && offMs(i, k) < -elapsed) {
      k++;
    }
    while (k > Integer.MIN_VALUE / 4 && offMs(i, k - 1) >= -elapsed) {
      k--;
    }
    return k;
  }

  /** {@code nowMs - startMs}, saturated at twelve years either way. */
  private long elapsedMs(long nowMs) {
    if (nowMs >= startMs) {
      return nowMs - startMs >= 0 ? Math.min(MAX_SPAN, nowMs - startMs) : MAX_SPAN;
    }
    return nowMs - startMs < 0 ? Math.max(-MAX_SPAN, nowMs - startMs) : -MAX_SPAN;
  }

  /**
   * The newest item of user {@code i}, not newer than item {@code fromK}, whose id is at most
   * {@code maxId}.
   */
  public int firstAtOrBelow(int i, long maxId, int fromK) {
    long off = VIRTUAL_NOW_MS - ((maxId >> 22) + TWITTER_EPOCH_MS);
    long gap = gapMs(i);
    long guess = Math.floorDiv(off - baseMs(i), gap);
    int k = (int) Math.max(fromK, Math.min(guess, count(i)));
    while (k < count(i) && id(i, k) > maxId) {
      k++;
    }
    while (k > fromK && id(i, k - 1) <= maxId) {
      k--;
    }
    return k;
  }

  /** The oldest item of user {@code i} made at or after {@code epochMs}, plus one. */
  public int endAfter(int i, long epochMs) {
    long off = startMs - epochMs;
    long gap = gapMs(i);
    long guess = Math.floorDiv(off - baseMs(i), gap) + 1;
    int k = (int) Math.max(Integer.MIN_VALUE / 4, Math.min(guess, count(i)));
    while (k > Integer.MIN_VALUE / 4 && offMs(i, k - 1) > off) {
      k--;
    }
    while (k < count(i) && offMs(i, k) <= off) {
      k++;
    }
    return k;
  }

  /** Whether seeded item {@code k} of user {@code i} was deleted (about 1 in 101). */
  public boolean deleted(int i, int k) {
    return Math.floorMod(k * 7919L + salt(i), DELETED_PERIOD) == 0;
  }

  /** How many seeded items of user {@code i} in {@code [from, to)} were deleted. */
  public int deletedBetween(int i, int from, int to) {
    if (to <= from) {
      return 0;
    }
    // k*7919 + salt ≡ 0 (mod 101)  ⇔  k ≡ r (mod 101); 7919 ≡ 41 and 41·69 ≡ 1 (mod 101)
    int r = (int) Math.floorMod(-salt(i) * 69L, DELETED_PERIOD);
    return countCongruent(to, r) - countCongruent(from, r);
  }

  /** How many k < n (k may be negative, counted from a far bound) are ≡ r mod 101. */
  private static int countCongruent(int n, int r) {
    return (int) Math.floorDiv((long) n - r - 1, DELETED_PERIOD) + 1;
  }

  private long salt(int i) {
    return Mix.below(Mix.hash(seed, 25, i), DELETED_PERIOD);
  }

  /** The seeded item of user {@code i} just older than {@code epochMs}, or -1 when none. */
  public int olderThan(int i, long epochMs) {
    int k = endAfter(i, epochMs);
    return k < count(i) ? k : -1;
  }
}
