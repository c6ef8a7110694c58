package dev.latchkey.sandbox.internal;

/** An issued OAuth 1.0a access token (token credentials, RFC 5849 §2.3). */
public final class AccessToken {
  private final String token;
  private final String secret;
  private final String consumerKey;
  private final long userId;
  private final AccessLevel access;
  private volatile boolean revoked;

  public AccessToken(
      String token, String secret, String consumerKey, long userId, AccessLevel access) {
    this.token = token;
    this.secret = secret;
    this.consumerKey = consumerKey;
    this.userId = userId;
    this.access = access;
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

  public long userId() {
    return userId;
  }

  public AccessLevel access() {
    return access;
  }

  public boolean revoked() {
    return revoked;
  }

  public void revoke() {
    revoked = true;
  }

  @Override
  public String toString() {
    return "AccessToken[user " + userId + ", " + access.header() + (revoked ? ", revoked]" : "]");
  }
}
