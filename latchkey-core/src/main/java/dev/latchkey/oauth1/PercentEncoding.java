package dev.latchkey.oauth1;

import dev.latchkey.http.FormEncoding;

/**
 * The percent-encoding of RFC 5849 §3.6: UTF-8, the unreserved set {@code A-Z a-z 0-9 - . _ ~}
 * kept, every other byte as {@code %XX} in upper case, space as {@code %20} (never {@code +}). It
 * is RFC 3986's, which the HTTP layer writes on the wire ({@link FormEncoding}); this class names
 * it after the signing spec, for the signature code and the sandbox's verifier.
 */
public final class PercentEncoding {
  private PercentEncoding() {}

  /** Encodes {@code text} as §3.6 asks. */
  public static String encode(String text) {
    return FormEncoding.encode(text);
  }

  /**
   * Decodes {@code %XX} escapes (and, when {@code plusIsSpace}, {@code +} as a space, as form
   * encoding has it). Malformed escapes are rejected rather than guessed at.
   *
   * @throws IllegalArgumentException naming the offset of a malformed escape
   */
  public static String decode(String text, boolean plusIsSpace) {
    return FormEncoding.decode(text, plusIsSpace);
  }
}
