package dev.latchkey.oauth1;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code oauth_signature_method} values this library can produce (RFC 5849 §3.4). Twitter and
 * Tumblr accept only HMAC-SHA1; PLAINTEXT (§3.4.4) and HMAC-SHA256 exist for other servers and the
 * published test vectors.
 */
public enum SignatureMethod {
  /** RFC 5849 §3.4.2. */
  HMAC_SHA1("HMAC-SHA1", "HmacSHA1"),
  /** The same construction with SHA-256 (not in RFC 5849, used by oauthlib and some servers). */
  HMAC_SHA256("HMAC-SHA256", "HmacSHA256"),
  /** RFC 5849 §3.4.4: the signature is the key itself; only safe over TLS. */
  PLAINTEXT("PLAINTEXT", null);

  private final String wireName;
  private final String macAlgorithm;

  SignatureMethod(String wireName, String macAlgorithm) {
    this.wireName = wireName;
    this.macAlgorithm = macAlgorithm;
  }

  /** The value sent as {@code oauth_signature_method}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Computes {@code oauth_signature} for a base string; {@code tokenSecret} may be null or empty
   * (request_token calls and app-only signing keep the {@code &}).
   */
  public String sign(String baseString, String consumerSecret, String tokenSecret) {
    byte[] key = HmacSha1Signature.signingKey(consumerSecret, tokenSecret);
    if (macAlgorithm == null) {
      return new String(key, StandardCharsets.UTF_8);
    }
    try {
      Mac mac = Mac.getInstance(macAlgorithm);
      mac.init(new SecretKeySpec(key, macAlgorithm));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      // Both MACs are required of every Java platform; reaching this means a broken JDK.
      throw new IllegalStateException(macAlgorithm + " is not available in this JDK");
    }
  }

  /** The method named by an {@code oauth_signature_method} value, case-sensitively. */
  public static SignatureMethod fromWireName(String name) {
    for (SignatureMethod m : values()) {
      if (m.wireName.equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unsupported oauth_signature_method; use HMAC-SHA1, HMAC-SHA256 or PLAINTEXT");
  }
}
