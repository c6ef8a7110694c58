package dev.latchkey.sandbox.internal.data;

/**
 * A small deterministic stream started from a hash, for generating one item's content (a tweet's
 * words, a post's blocks). Not thread-safe; make one per item.
 */
public final class Rng {
  private long state;

  public Rng(long seed) {
    this.state = seed;
  }

  public long nextLong() {
    state += 0x9E3779B97F4A7C15L;
    return Mix.mix(state);
  }

  /** Uniform in [0, bound); bound > 0. */
  public int nextInt(int bound) {
    return Mix.below(nextLong(), bound);
  }

  /** Uniform in [from, to); to > from. */
  public int between(int from, int to) {
    return from + nextInt(to - from);
  }

  public double nextDouble() {
    return Mix.unit(nextLong());
  }

  /** True with probability {@code p}. */
  public boolean chance(double p) {
    return nextDouble() < p;
  }

  public <T> T pick(T[] values) {
    return values[nextInt(values.length)];
  }

  /** {@code length} characters from {@code alphabet}. */
  public String chars(String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
