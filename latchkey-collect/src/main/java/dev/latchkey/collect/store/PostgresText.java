package dev.latchkey.collect.store;

import java.util.regex.Pattern;

/**
 * What PostgreSQL cannot hold: the character U+0000, in {@code text} and in {@code jsonb} alike
 * ("unsupported Unicode escape sequence"), though the platforms' JSON may carry it ({@code
 * "\u0000"} in a tweet's text or a profile). Rather than fail the collection on such a record, the
 * columns people query get U+FFFD in its place and the record's exact JSON is kept beside them, in
 * a {@code raw} column that {@code collect export} prefers.
 */
final class PostgresText {
  /** A {@code \u0000} escape: one preceded by an even number of backslashes (none escaped it). */
  private static final Pattern NUL_ESCAPE = Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000");

  private PostgresText() {}

  /** The text with U+0000 replaced by U+FFFD. */
  static String text(String s) {
    return s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD');
  }

  /** Whether this JSON text holds a U+0000 that {@code jsonb} would refuse. */
  static boolean hasNul(String json) {
    return json.contains("u0000") && NUL_ESCAPE.matcher(json).find();
  }

  /** The JSON text with each U+0000 escape made a U+FFFD escape: a value {@code jsonb} takes. */
  static String forJsonb(String json) {
    return hasNul(json) ? NUL_ESCAPE.matcher(json).replaceAll("$1\\\\uFFFD") : json;
  }
}
