package dev.latchkey.oauth1;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where {@code oauth_nonce} values come from (RFC 5849 §3.3). Injected so tests can fix it;
 * production uses {@link #secureRandom()}.
 */
@FunctionalInterface
public interface NonceSource {
  /** The next nonce: ASCII letters and digits only, as X requires. */
  String next();

  /**
   * X's documented recipe: 32 bytes from {@link SecureRandom}, Base64, non-alphanumerics removed
   * (about 42 characters, ~250 bits).
   */
  static NonceSource secureRandom() {
    SecureRandom random = new SecureRandom();
    return () -> {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      return Base64.getEncoder()
          .withoutPadding()
          .encodeToString(bytes)
          .replaceAll("[^A-Za-z0-9]", "");
    };
  }

  /** Always the same nonce: for published test vectors only. */
  static NonceSource fixed(String nonce) {
    return () -> nonce;
  }
}
