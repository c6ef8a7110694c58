package dev.latchkey.sandbox.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A temporary credential (RFC 5849 §2.1) and its progress through authorize (§2.2) to a single
 * exchange for an access token (§2.3).
 */
public final class RequestToken {
  /** Where the token is in the three legs. */
  public enum State {
    ISSUED,
    AUTHORIZED,
    DENIED,
    USED
  }

  private final String token;
  private final String secret;
  private final String consumerKey;
  private final String callback;
  private final AccessLevel access;
  private final long issuedAt;
  private State state = State.ISSUED;
  private String verifier;
  private long userId;

  public RequestToken(
      String token,
      String secret,
      String consumerKey,
      String callback,
      AccessLevel access,
      long issuedAt) {
    this.token = token;
    this.secret = secret;
    this.consumerKey = consumerKey;
    this.callback = callback;
    this.access = access;
    this.issuedAt = issuedAt;
  }

  public String token() {
    return token;
  }

  public String secret() {
    return secret;
  }

  public String consumerKey() {
    return consumerKey;
  }

  public String callback() {
    return callback;
  }

  public boolean isOutOfBand() {
    return "oob".equals(callback);
  }

  public AccessLevel access() {
    return access;
  }

  public long issuedAt() {
    return issuedAt;
  }

  public synchronized State state() {
    return state;
  }

  public synchronized long userId() {
    return userId;
  }

  /** The user allowed the app; false if the token was already decided. */
  public synchronized boolean authorize(long userId, String verifier) {
    if (state != State.ISSUED) {
      return false;
    }
    this.state = State.AUTHORIZED;
    this.userId = userId;
    this.verifier = verifier;
    return true;
  }

  /** The user denied the app; false if the token was already decided. */
  public synchronized boolean deny() {
    if (state != State.ISSUED) {
      return false;
    }
    state = State.DENIED;
    return true;
  }

  /**
   * Uses the token once: true only if it was authorized and {@code candidate} is its verifier. Any
   * attempt consumes the token, so a PIN cannot be guessed twice.
   */
  public synchronized boolean redeem(String candidate) {
    boolean ok =
        state == State.AUTHORIZED
            && candidate != null
            && MessageDigest.isEqual(
                verifier.getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
    state = State.USED;
    return ok;
  }

  @Override
  public String toString() {
    return "RequestToken[" + state() + "]";
  }
}
