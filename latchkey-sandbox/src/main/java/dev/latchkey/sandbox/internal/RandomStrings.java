package dev.latchkey.sandbox.internal;

import java.util.random.RandomGenerator;

/** Token-shaped random strings drawn from a given generator (seeded or {@code SecureRandom}). */
public final class RandomStrings {
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private RandomStrings() {}

  public static String alnum(RandomGenerator random, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
    }
    return out.toString();
  }

  public static String digits(RandomGenerator random, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) ('0' + random.nextInt(10)));
    }
    return out.toString();
  }
}
