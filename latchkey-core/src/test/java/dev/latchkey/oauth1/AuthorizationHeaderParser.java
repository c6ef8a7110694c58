package dev.latchkey.oauth1;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code Authorization: OAuth ...} headers in every form real clients send, for tests that
 * check what the client signed (the library itself only writes them; the sandbox has its own
 * parser).
 */
public final class AuthorizationHeaderParser {
  private static final String SCHEME = "OAuth";
  private static final int MAX_LENGTH = 8192;

  private AuthorizationHeaderParser() {}

  /**
   * Reads a header value into decoded parameters, in the order sent and including {@code realm}
   * (callers drop it before signing). Accepts any case of the scheme, any whitespace after commas,
   * and unsorted parameters.
   *
   * @throws IllegalArgumentException when the value is not an OAuth header or is malformed; the
   *     message names the offset, never the content
   */
  public static List<Parameter> parse(String header) {
    if (header == null) {
      throw new IllegalArgumentException("no Authorization header");
    }
    if (header.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("Authorization header is longer than " + MAX_LENGTH);
    }
    String trimmed = header.strip();
    if (trimmed.length() < SCHEME.length()
        || !trimmed.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals("oauth")
        || (trimmed.length() > SCHEME.length() && trimmed.charAt(SCHEME.length()) != ' ')) {
      throw new IllegalArgumentException("Authorization header does not use the OAuth scheme");
    }
    List<Parameter> out = new ArrayList<>();
    String s = trimmed.substring(SCHEME.length());
    int i = 0;
    int n = s.length();
    while (true) {
      while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int eq = s.indexOf('=', i);
      if (eq < 0) {
        throw new IllegalArgumentException("parameter without '=' at offset " + i);
      }
      String name = s.substring(i, eq).strip();
      if (name.isEmpty()) {
        throw new IllegalArgumentException("empty parameter name at offset " + i);
      }
      if (eq + 1 >= n || s.charAt(eq + 1) != '"') {
        throw new IllegalArgumentException("parameter value is not quoted at offset " + (eq + 1));
      }
      int close = s.indexOf('"', eq + 2);
      if (close < 0) {
        throw new IllegalArgumentException("unterminated quoted value at offset " + (eq + 1));
      }
      String raw = s.substring(eq + 2, close);
      boolean isRealm = name.equalsIgnoreCase("realm");
      out.add(
          new Parameter(
              isRealm ? "realm" : PercentEncoding.decode(name, false),
              isRealm ? raw : PercentEncoding.decode(raw, false)));
      i = close + 1;
      while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
      if (i >= n) {
        break;
      }
      if (s.charAt(i) != ',') {
        throw new IllegalArgumentException("expected ',' at offset " + i);
      }
      i++;
    }
    return out;
  }
}
