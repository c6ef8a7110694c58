package dev.latchkey.sandbox.internal;

import dev.latchkey.sandbox.internal.data.Mix;
import java.util.Locale;

/**
 * Opaque page tokens and cursors: a position (an id, or an index in a list) with a check, so a
 * made-up or damaged token is refused instead of read as some other position. X's v2 tokens are
 * lower-case letters and digits ({@code 7140dibdnow9c7btw4232poeq0wapgnwgwqwvuwn3peex}); its
 * follower tokens 16 upper-case characters; v1.1 cursors are large positive numbers, 0 at the end.
 */
public final class Pages {
  private static final long CURSOR_BASE = 1_600_000_000_000_000_000L;

  private Pages() {}

  /** A lower-case token for a non-negative position. */
  public static String token(long position) {
    String value = Long.toString(position, 36);
    String check = Long.toString(Mix.hash(position, 0x7A6E) & 0xFFFFFFFFL, 36);
    String token = "7" + value + "0" + check;
    return token.length() >= 16 ? token : token + "0".repeat(16 - token.length());
  }

  /** The position of a token from {@link #token} (either case), or -1 when it is not one. */
  public static long position(String token) {
    if (token == null || token.length() < 4 || token.length() > 64) {
      return -1;
    }
    String t = token.toLowerCase(Locale.ROOT);
    for (int cut = 2; cut < t.length() - 1; cut++) {
      if (t.charAt(cut) != '0') {
        continue;
      }
      try {
        long position = Long.parseLong(t.substring(1, cut), 36);
        if (position >= 0 && token(position).equalsIgnoreCase(token)) {
          return position;
        }
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }

  /** X's 16-character upper-case follower tokens. */
  public static String upperToken(long position) {
    return token(position).toUpperCase(Locale.ROOT);
  }

  /** A v1.1 cursor for a position (never 0 or -1, which mean the end and the start). */
  public static long cursor(long position) {
    return CURSOR_BASE + position;
  }

  /** The position of a v1.1 cursor; -1 (start) is 0; anything else is -1. */
  public static long cursorPosition(long cursor) {
    if (cursor == -1) {
      return 0;
    }
    long abs = Math.abs(cursor);
    return abs >= CURSOR_BASE ? abs - CURSOR_BASE : -1;
  }
}
