package dev.latchkey.scan.internal;

import dev.latchkey.oauth1.PercentEncoding;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The forms a secret takes on its way into a file: as typed, percent-encoded (in URLs and form
 * bodies; X's bearer tokens are issued with {@code %2F} in them, so also decoded), escaped inside
 * JSON, YAML, INI or Python quoting, and Base64 (an {@code Authorization: Basic} header of {@code
 * key:secret}, a Kubernetes secret, a file encoded whole).
 *
 * <p>Base64 of a secret that sits inside a longer text depends on where it starts modulo three, so
 * each of the three alignments gives one needle: the characters that depend only on the secret's
 * own bytes, with the one or two at either end that mix in neighbouring bytes left out.
 */
public final class Encodings {
  private Encodings() {}

  /** Encoding name to bytes, without duplicates (the first name for a byte string wins). */
  public static Map<String, byte[]> of(String value) {
    Map<String, String> text = new LinkedHashMap<>();
    text.put("raw", value);
    text.put("percent-encoded", PercentEncoding.encode(value));
    if (value.indexOf('%') >= 0) {
      try {
        text.put("percent-decoded", PercentEncoding.decode(value, false));
      } catch (IllegalArgumentException e) {
        // Not a valid escape sequence: the raw form covers it.
      }
    }
    text.put("JSON-escaped", json(value, false));
    text.put("JSON-escaped with \\/", json(value, true));
    text.put("YAML-quoted", value.replace("'", "''"));
    text.put("backslash-escaped", value.replace("\\", "\\\\").replace("'", "\\'"));

    Map<String, byte[]> out = new LinkedHashMap<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Map.Entry<String, String> e : text.entrySet()) {
      if (seen.add(e.getValue())) {
        out.put(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] raw = value.getBytes(StandardCharsets.UTF_8);
    for (int k = 0; k < 3; k++) {
      String std = aligned(raw, k);
      if (std.length() >= 4 && seen.add(std)) {
        out.put("Base64" + (k == 0 ? "" : " (offset " + k + ")"), ascii(std));
      }
      String url = std.replace('+', '-').replace('/', '_');
      if (url.length() >= 4 && seen.add(url)) {
        out.put("Base64url" + (k == 0 ? "" : " (offset " + k + ")"), ascii(url));
      }
    }
    return out;
  }

  /**
   * The Base64 characters that encode only the secret's bytes when it starts {@code k} bytes after
   * a multiple of three. Output character i covers input bits [6i, 6i+6); the secret holds bits
   * [8k, 8(k+L)).
   */
  static String aligned(byte[] secret, int k) {
    byte[] padded = new byte[k + secret.length];
    System.arraycopy(secret, 0, padded, k, secret.length);
    String enc = Base64.getEncoder().withoutPadding().encodeToString(padded);
    int first = (8 * k + 5) / 6;
    int end = (8 * (k + secret.length)) / 6;
    return first >= end ? "" : enc.substring(first, Math.min(end, enc.length()));
  }

  private static String json(String value, boolean escapeSlash) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '/' -> out.append(escapeSlash ? "\\/" : "/");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
