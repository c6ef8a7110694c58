package dev.latchkey.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one percent-encoding Latchkey writes on the wire and signs: RFC 3986 §2.1 with UTF-8, the
 * unreserved set {@code A-Z a-z 0-9 - . _ ~} kept, every other byte as {@code %XX} in upper case,
 * space as {@code %20} (never {@code +}). It is also the encoding RFC 5849 §3.6 signs with, so a
 * query or form body sent this way is byte-for-byte what an OAuth 1.0a signature covers, as X's
 * documentation asks.
 *
 * <p>This is deliberately not {@link java.net.URLEncoder}, which writes {@code +} for space and
 * leaves {@code *} alone.
 */
public final class FormEncoding {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private FormEncoding() {}

  /** Encodes one name or value: the unreserved set kept, every other UTF-8 byte as {@code %XX}. */
  public static String encode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int escaped = 0;
    for (byte b : bytes) {
      if (!isUnreserved(b & 0xFF)) {
        escaped++;
      }
    }
    if (escaped == 0) {
      return text;
    }
    // ASCII out, written as bytes: a collector encodes a long query for every page it asks for
    byte[] out = new byte[bytes.length + 2 * escaped];
    int i = 0;
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (isUnreserved(c)) {
        out[i++] = (byte) c;
      } else {
        out[i++] = '%';
        out[i++] = HEX[c >> 4];
        out[i++] = HEX[c & 0xF];
      }
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  /**
   * Decodes {@code %XX} escapes (and, when {@code plusIsSpace}, {@code +} as a space, as form
   * encoding has it). Malformed escapes are rejected rather than guessed at.
   *
   * @throws IllegalArgumentException naming the offset of a malformed escape
   */
  public static String decode(String text, boolean plusIsSpace) {
    if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
      return text;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()) {
          throw new IllegalArgumentException("incomplete percent escape at offset " + i);
        }
        int hi = Character.digit(text.charAt(i + 1), 16);
        int lo = Character.digit(text.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("malformed percent escape at offset " + i);
        }
        out.write((hi << 4) | lo);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        out.write(' ');
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
          utf8 = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        out.writeBytes(utf8);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  /**
   * Writes name/value pairs as a query string or {@code application/x-www-form-urlencoded} body,
   * each name and value {@linkplain #encode encoded}, in the order given.
   */
  public static String format(List<Map.Entry<String, String>> pairs) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> p : pairs) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(encode(p.getKey())).append('=').append(encode(p.getValue()));
    }
    return out.toString();
  }

  /**
   * Parses a raw query string or form body: {@code +} is a space, a name without {@code =} has an
   * empty value, empty pieces are skipped, repeated names are kept in order.
   *
   * @throws IllegalArgumentException on a malformed percent escape
   */
  public static List<Map.Entry<String, String>> parse(String encoded) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    if (encoded == null || encoded.isEmpty()) {
      return out;
    }
    for (String piece : encoded.split("&", -1)) {
      if (piece.isEmpty()) {
        continue;
      }
      int eq = piece.indexOf('=');
      String name = eq < 0 ? piece : piece.substring(0, eq);
      String value = eq < 0 ? "" : piece.substring(eq + 1);
      out.add(Map.entry(decode(name, true), decode(value, true)));
    }
    return out;
  }
}
