package dev.latchkey.sandbox.internal;

import dev.latchkey.oauth1.Parameter;
import dev.latchkey.oauth1.PercentEncoding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Strict parser of the {@code Authorization: OAuth} header of RFC 5849 §3.5.1: {@code OAuth
 * name="value", name="value"} with optional whitespace after the commas, any order, {@code realm}
 * dropped. Accepts the three styles real clients send (protocol-facts A.7: oauthlib,
 * twitter-api-v2, node-oauth). Rejects duplicated names, unquoted values, bad escapes and trailing
 * garbage.
 */
public final class OAuthHeader {
  /** Longer headers are refused outright. */
  static final int MAX_LENGTH = 8192;

  private OAuthHeader() {}

  /** True when {@code header} uses the {@code OAuth} scheme (case-insensitive). */
  public static boolean isOAuth(String header) {
    return header != null
        && header.length() >= 5
        && header.regionMatches(true, 0, "OAuth", 0, 5)
        && (header.length() == 5 || isSpace(header.charAt(5)));
  }

  /**
   * Parses the header into decoded parameters, without {@code realm}.
   *
   * @throws OAuthHeaderException for anything that is not a well-formed header
   */
  public static List<Parameter> parse(String header) throws OAuthHeaderException {
    if (header == null) {
      throw new OAuthHeaderException("no Authorization header");
    }
    if (header.length() > MAX_LENGTH) {
      throw new OAuthHeaderException("Authorization header longer than " + MAX_LENGTH);
    }
    if (!isOAuth(header)) {
      throw new OAuthHeaderException("Authorization scheme is not OAuth");
    }
    List<Parameter> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int n = header.length();
    int i = skipSpace(header, 5);
    if (i == n) {
      return out;
    }
    while (true) {
      int nameStart = i;
      while (i < n && isNameChar(header.charAt(i))) {
        i++;
      }
      if (i == nameStart) {
        throw new OAuthHeaderException("expected a parameter name at offset " + i);
      }
      String rawName = header.substring(nameStart, i);
      if (i + 1 >= n || header.charAt(i) != '=' || header.charAt(i + 1) != '"') {
        throw new OAuthHeaderException("expected =\" after the parameter name at offset " + i);
      }
      i += 2;
      int valueStart = i;
      while (i < n && header.charAt(i) != '"') {
        if (!isValueChar(header.charAt(i))) {
          throw new OAuthHeaderException("illegal character in a value at offset " + i);
        }
        i++;
      }
      if (i == n) {
        throw new OAuthHeaderException(
            "unterminated quoted value starting at offset " + valueStart);
      }
      String rawValue = header.substring(valueStart, i);
      i++; // closing quote
      String name = decode(rawName, nameStart);
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw new OAuthHeaderException("a parameter is repeated, at offset " + nameStart);
      }
      if (!name.equals("realm")) {
        out.add(new Parameter(name, decode(rawValue, valueStart)));
      }
      i = skipSpace(header, i);
      if (i == n) {
        return out;
      }
      if (header.charAt(i) != ',') {
        throw new OAuthHeaderException("expected a comma at offset " + i);
      }
      i = skipSpace(header, i + 1);
      if (i == n) {
        throw new OAuthHeaderException("trailing comma at offset " + (i - 1));
      }
    }
  }

  private static String decode(String raw, int offset) throws OAuthHeaderException {
    try {
      return PercentEncoding.decode(raw, false);
    } catch (IllegalArgumentException e) {
      throw new OAuthHeaderException("malformed percent escape near offset " + offset);
    }
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isNameChar(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~'
        || c == '%';
  }

  /** Visible ASCII except {@code "} and {@code \}: percent-encoded text, or a plain realm. */
  private static boolean isValueChar(char c) {
    return c >= 0x20 && c <= 0x7E && c != '"' && c != '\\';
  }
}
