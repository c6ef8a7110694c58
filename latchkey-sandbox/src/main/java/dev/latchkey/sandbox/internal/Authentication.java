package dev.latchkey.sandbox.internal;

import dev.latchkey.sandbox.internal.OAuth1Verifier.TokenKind;
import dev.latchkey.sandbox.internal.OAuth1Verifier.Verified;
import io.javalin.http.Context;

/**
 * Resolves the {@link Caller} of an API request: {@code Authorization: Bearer} through the
 * platform's {@link BearerTokens} when it has one (RFC 6750 §2.1), otherwise OAuth 1.0a (RFC 5849
 * §3.2) through the {@link OAuth1Verifier}.
 */
public final class Authentication {
  private final PlatformState state;
  private final OAuth1Verifier verifier;
  private final BearerTokens bearer;

  /**
   * @param bearer the OAuth 2 token store, or null while the platform has none (a Bearer header
   *     then fails like a missing OAuth 1.0a header: 400/215)
   */
  public Authentication(PlatformState state, OAuth1Verifier verifier, BearerTokens bearer) {
    this.state = state;
    this.verifier = verifier;
    this.bearer = bearer;
  }

  public Caller authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    if (bearer != null && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      Caller caller = bearer.resolve(header.substring(7).trim());
      if (caller == null) {
        throw ApiError.invalidOrExpiredToken();
      }
      return caller;
    }
    Verified v = verifier.verify(Requests.signed(ctx, state.platform()), TokenKind.ACCESS);
    AccessToken token = v.accessToken();
    return new Caller(v.app(), state.user(token.userId()).orElseThrow(), token.access(), token);
  }
}
