package dev.latchkey.sandbox.internal.data;

/**
 * Stateless hashing that turns (seed, kind, index, …) into well-spread 64-bit values, so any piece
 * of the seeded data can be computed on its own, in any order, without storing the rest
 * (SplitMix64's finalizer, Steele, Lea and Flood 2014).
 */
public final class Mix {
  private Mix() {}

  /** SplitMix64's output function. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  public static long hash(long a, long b) {
    return mix(a * 0x9E3779B97F4A7C15L + mix(b + 0x632BE59BD9B4E019L));
  }

  public static long hash(long a, long b, long c) {
    return hash(hash(a, b), c);
  }

  public static long hash(long a, long b, long c, long d) {
    return hash(hash(hash(a, b), c), d);
  }

  /** A uniform double in [0, 1) from a hash. */
  public static double unit(long h) {
    return (h >>> 11) * 0x1.0p-53;
  }

  /** A uniform int in [0, n) from a hash; n > 0. */
  public static int below(long h, int n) {
    return (int) Long.remainderUnsigned(h, n);
  }
}
