package dev.latchkey.sandbox.internal;

import dev.latchkey.oauth1.Parameter;
import dev.latchkey.sandbox.internal.OAuth1Verifier.TokenKind;
import dev.latchkey.sandbox.internal.OAuth1Verifier.Verified;
import io.javalin.http.Context;
import java.util.Set;

/**
 * Resolves the {@link Caller} of an API request: {@code Authorization: Bearer} through the
 * platform's {@link BearerTokens} (RFC 6750 §2.1), else OAuth 1.0a (RFC 5849 §3.2) through the
 * {@link OAuth1Verifier}, else, where the platform has one, its API key parameter (Tumblr's {@code
 * api_key}), else no credentials where the endpoint serves anonymous calls.
 */
public final class Authentication {
  /** Tumblr's answer to a missing or unknown API key (bbolli/tumblr-utils#244). */
  public static final String BAD_KEY = "Got an error. Try again.";

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

  /** The caller with user or app credentials; no API key, no anonymous call. */
  public Caller authenticate(Context ctx) {
    return authenticate(ctx, Set.of(AuthType.OAUTH1_USER, AuthType.OAUTH2_USER, AuthType.APP_ONLY));
  }

  /**
   * The caller, trying only what {@code accepted} allows beyond user and bearer credentials: the
   * API key, or no credentials.
   *
   * @throws ApiError the path's answer to bad or missing credentials
   */
  public Caller authenticate(Context ctx, Set<AuthType> accepted) {
    String header = ctx.header("Authorization");
    String keyParam = state.description().apiKeyParameter();
    if (bearer != null && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      Caller caller = bearer.resolve(header.substring(7).trim());
      if (caller == null) {
        throw state.description().errors(ctx.path()).invalidToken();
      }
      return caller;
    }
    boolean oauth = OAuthHeader.isOAuth(header);
    if (keyParam != null && (header == null || (oauth && !carriesToken(header)))) {
      // Tumblr serves the key alone where it documents API-key access; a token-less OAuth
      // header (pytumblr with only app keys) adds nothing it checks.
      String key = Requests.param(ctx, keyParam);
      if (key != null && accepted.contains(AuthType.API_KEY)) {
        App app = state.app(key);
        if (app == null) {
          throw new ApiError(401, 0, BAD_KEY);
        }
        return Caller.app(app, AuthType.API_KEY);
      }
      if (header == null) {
        if (accepted.contains(AuthType.NONE)) {
          return Caller.anonymous();
        }
        throw new ApiError(401, 0, BAD_KEY);
      }
    }
    if (header == null && accepted.contains(AuthType.NONE)) {
      return Caller.anonymous();
    }
    Verified v = verifier.verify(Requests.signed(ctx, state.platform()), TokenKind.ACCESS);
    AccessToken token = v.accessToken();
    UserProfile user = state.user(token.userId()).orElseThrow();
    return new Caller(v.app(), user, token.access(), token, AuthType.OAUTH1_USER, null);
  }

  private static boolean carriesToken(String header) {
    try {
      for (Parameter p : OAuthHeader.parse(header)) {
        if (p.name().equals("oauth_token") && !p.value().isEmpty()) {
          return true;
        }
      }
      return false;
    } catch (OAuthHeaderException e) {
      return true; // let the verifier give its answer to a malformed header
    }
  }
}
