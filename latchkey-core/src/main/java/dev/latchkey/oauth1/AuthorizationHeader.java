package dev.latchkey.oauth1;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Authorization: OAuth ...} header of RFC 5849 §3.5.1, written in X's documented form
 * (parameters sorted, {@code ", "} between them, names and values percent-encoded) and read in
 * every form real clients send.
 */
public final class AuthorizationHeader {
  private static final String SCHEME = "OAuth";
  private static final int MAX_LENGTH = 8192;

  private AuthorizationHeader() {}

  /**
   * Writes the header value; {@code realm}, when not null, comes first and is not encoded (it may
   * not contain {@code "} or {@code \}).
   */
  public static String format(List<Parameter> protocolParameters, String realm) {
    List<Parameter> sorted = new ArrayList<>(protocolParameters);
    sorted.sort(Comparator.comparing(Parameter::name).thenComparing(Parameter::value));
    StringBuilder out = new StringBuilder(SCHEME).append(' ');
    boolean first = true;
    if (realm != null) {
      if (realm.indexOf('"') >= 0 || realm.indexOf('\\') >= 0) {
        throw new IllegalArgumentException("realm may not contain a quote or a backslash");
      }
      out.append("realm=\"").append(realm).append('"');
      first = false;
    }
    for (Parameter p : sorted) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      out.append(PercentEncoding.encode(p.name()))
          .append("=\"")
          .append(PercentEncoding.encode(p.value()))
          .append('"');
    }
    return out.toString();
  }

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
