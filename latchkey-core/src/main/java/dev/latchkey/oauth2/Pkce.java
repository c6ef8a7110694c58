package dev.latchkey.oauth2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A Proof Key for Code Exchange pair (RFC 7636, method {@code S256}): the secret verifier kept by
 * the client and the challenge sent with the authorization request.
 *
 * <p>See <a href="https://www.rfc-editor.org/rfc/rfc7636#section-4">RFC 7636 §4</a>.
 */
public final class Pkce {
  /** The only method we send; {@code plain} would defeat the purpose. */
  public static final String METHOD = "S256";

  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
  private static final int GENERATED_LENGTH = 64;

  private final String verifier;
  private final String challenge;

  private Pkce(String verifier) {
    this.verifier = verifier;
    this.challenge = s256(verifier);
  }

  /** A fresh pair whose 64-character verifier is drawn from {@code random} (§4.1). */
  public static Pkce generate(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    StringBuilder v = new StringBuilder(GENERATED_LENGTH);
    for (int i = 0; i < GENERATED_LENGTH; i++) {
      v.append(UNRESERVED.charAt(random.nextInt(UNRESERVED.length())));
    }
    return new Pkce(v.toString());
  }

  /**
   * The pair whose verifier is the unpadded base64url of {@code octets}, as in RFC 7636 Appendix B
   * (32 octets give a 43-character verifier). For test vectors and callers with their own entropy.
   */
  public static Pkce fromOctets(byte[] octets) {
    return fromVerifier(Base64.getUrlEncoder().withoutPadding().encodeToString(octets));
  }

  /**
   * The pair for a known verifier.
   *
   * @throws IllegalArgumentException when it is not 43–128 characters of the unreserved set
   */
  public static Pkce fromVerifier(String verifier) {
    if (verifier == null || verifier.length() < 43 || verifier.length() > 128) {
      throw new IllegalArgumentException(
          "a PKCE code verifier must be 43 to 128 characters long (RFC 7636 §4.1)");
    }
    for (int i = 0; i < verifier.length(); i++) {
      if (UNRESERVED.indexOf(verifier.charAt(i)) < 0) {
        throw new IllegalArgumentException(
            "a PKCE code verifier may only use A-Z a-z 0-9 - . _ ~ (RFC 7636 §4.1)");
      }
    }
    return new Pkce(verifier);
  }

  /** BASE64URL(SHA256(ASCII(verifier))) without padding (§4.2). */
  static String s256(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /** The secret sent only to the token endpoint. */
  public String verifier() {
    return verifier;
  }

  /** The value sent as {@code code_challenge} in the authorization request. */
  public String challenge() {
    return challenge;
  }

  @Override
  public String toString() {
    return "Pkce[challenge=" + challenge + ", method=" + METHOD + "]";
  }
}
