package dev.latchkey.oauth1;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA1 signature method of RFC 5849 §3.4.2: the key is {@code pct(consumer secret) &
 * pct(token secret)} (the {@code &} stays when there is no token secret) and the signature is the
 * Base64 of the MAC over the base string.
 */
public final class HmacSha1Signature {
  /** The {@code oauth_signature_method} value. */
  public static final String METHOD = "HMAC-SHA1";

  private HmacSha1Signature() {}

  /**
   * Signs {@code baseString}; {@code tokenSecret} may be null or empty (request_token, app-only).
   */
  public static String sign(String baseString, String consumerSecret, String tokenSecret) {
    return Base64.getEncoder().encodeToString(mac(baseString, consumerSecret, tokenSecret));
  }

  /** The raw MAC bytes, for constant-time comparison on the server side. */
  public static byte[] mac(String baseString, String consumerSecret, String tokenSecret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(signingKey(consumerSecret, tokenSecret), "HmacSHA1"));
      return mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      // HmacSHA1 is required of every Java platform; reaching this means a broken JDK.
      throw new IllegalStateException("HmacSHA1 is not available in this JDK", e);
    }
  }

  /** The §3.4.2 key, which is also the PLAINTEXT signature (§3.4.4). */
  static byte[] signingKey(String consumerSecret, String tokenSecret) {
    String key =
        PercentEncoding.encode(consumerSecret == null ? "" : consumerSecret)
            + '&'
            + PercentEncoding.encode(tokenSecret == null ? "" : tokenSecret);
    return key.getBytes(StandardCharsets.UTF_8);
  }
}
