package dev.latchkey.oauth2;

import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.platform.Platform;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Keeps an account's OAuth 2 user token usable (RFC 6749 §6): refreshes it shortly before it
 * expires and once after the platform rejects it as expired, and stores the rotated refresh token
 * before the new access token is used, so a crash can never lose the only valid refresh token.
 *
 * <p>Refreshes run under the {@link TokenStore}'s per-account refresh lock after re-reading the
 * account: when another process refreshed first, its token is reused rather than spending the (now
 * rotated-away) refresh token again. That lock is held across the HTTP exchange, but it is not the
 * keychain's writers' lock: a stalled token endpoint delays no other change. See <a
 * href="https://www.rfc-editor.org/rfc/rfc6749#section-6">RFC 6749 §6</a>.
 */
public final class RefreshTokenGrant {
  /** Refresh this long before the platform's expiry, to cover clock skew and slow calls. */
  public static final Duration DEFAULT_MARGIN = Duration.ofSeconds(60);

  private final TokenEndpoint endpoint;
  private final Endpoints endpoints;
  private final TokenStore store;
  private final Clock clock;
  private final Duration margin;

  /**
   * Refreshes at {@code platform}'s token endpoint, keeping tokens in {@code store}; a token is
   * refreshed when it expires within {@code margin} of {@code clock}'s now.
   */
  public RefreshTokenGrant(
      HttpClient http, Platform platform, TokenStore store, Clock clock, Duration margin) {
    this.endpoint = new TokenEndpoint(http);
    this.endpoints = Endpoints.of(Objects.requireNonNull(platform, "platform"));
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.margin = Objects.requireNonNull(margin, "margin");
  }

  /** A call made with an access token; {@code rejectedAsExpired} says whether to refresh once. */
  @FunctionalInterface
  public interface TokenCall<R> {
    R call(OAuth2Token token) throws IOException;
  }

  /** Tells whether a result is the platform rejecting the token as expired (e.g. HTTP 401). */
  @FunctionalInterface
  public interface ExpiredCheck<R> {
    boolean rejectedAsExpired(R result);
  }

  /**
   * The account's token, refreshed first when it expires within the margin (or has expired).
   *
   * @throws OAuth2Exception when the account has no token, or it expired and cannot be refreshed
   */
  public OAuth2Token validToken(AccountId account, OAuth2Client client)
      throws OAuth2Exception, KeychainException, IOException {
    OAuth2Token token = store.read(account).orElseThrow(() -> noToken(account));
    if (!needsRefresh(token)) {
      return token;
    }
    return store.update(
        account,
        current -> {
          if (current == null) {
            throw noToken(account);
          }
          if (!needsRefresh(current)) {
            return current; // another process refreshed while we waited for the lock
          }
          return refresh(account, client, current);
        });
  }

  /**
   * Forces a refresh now, unless another process stored a different token since {@code seen} was
   * read (then that one is returned). Used after a 401 and by {@code latchkey token --refresh}.
   */
  public OAuth2Token refreshAfter(AccountId account, OAuth2Client client, OAuth2Token seen)
      throws OAuth2Exception, KeychainException, IOException {
    return store.update(
        account,
        current -> {
          if (current == null) {
            throw noToken(account);
          }
          if (!current.accessToken().equals(seen.accessToken())) {
            return current;
          }
          return refresh(account, client, current);
        });
  }

  /**
   * Makes {@code call} with a valid token; when the platform rejects the token as expired,
   * refreshes once and makes the call once more. Never more than one refresh per call.
   */
  public <R> R call(
      AccountId account, OAuth2Client client, TokenCall<R> call, ExpiredCheck<R> expired)
      throws OAuth2Exception, KeychainException, IOException {
    OAuth2Token token = validToken(account, client);
    R result = call.call(token);
    if (!expired.rejectedAsExpired(result) || token.refreshToken() == null) {
      return result;
    }
    OAuth2Token fresh = refreshAfter(account, client, token);
    return call.call(fresh);
  }

  private boolean needsRefresh(OAuth2Token token) {
    return token.expiresWithin(clock.instant(), margin.toSeconds());
  }

  /** One refresh request; the caller (the store) writes the answer before anything else. */
  private OAuth2Token refresh(AccountId account, OAuth2Client client, OAuth2Token current)
      throws OAuth2Exception, IOException {
    if (current.refreshToken() == null) {
      throw OAuth2Exception.local(
          "invalid_grant",
          "the OAuth 2 token of "
              + account
              + " has expired and has no refresh token (offline.access was not granted); run"
              + " 'latchkey auth "
              + account.platform()
              + " --oauth2' again, including offline.access in --scopes");
    }
    TokenEndpoint.Form form =
        new TokenEndpoint.Form()
            .put("grant_type", "refresh_token")
            .putSecret("refresh_token", current.refreshToken());
    Grants.authenticate(form, client, endpoints);
    TokenResponse r;
    try {
      r = endpoint.token(endpoints.token(), form, "refreshing the OAuth 2 token of " + account);
    } catch (OAuth2Exception e) {
      if (e.httpStatus() == 400 || e.httpStatus() == 401) {
        throw new OAuth2Exception(
            "refreshing the OAuth 2 token of "
                + account
                + " failed: the platform refused the refresh token ("
                + e.error().orElse("HTTP " + e.httpStatus())
                + e.errorDescription().map(d -> ": " + d).orElse("")
                + "); run 'latchkey auth "
                + account.platform()
                + " --oauth2' to authorize again",
            e.httpStatus(),
            e.error().orElse(null),
            e.errorDescription().orElse(null),
            e.errorUri().orElse(null),
            e.platformCode().isPresent() ? e.platformCode().getAsInt() : null);
      }
      throw e;
    }
    return new OAuth2Token(
        r.accessToken(),
        r.refreshToken() != null ? r.refreshToken() : current.refreshToken(),
        r.expiresIn() == null ? null : clock.instant().plusSeconds(r.expiresIn()),
        r.scopes(current.scopes()),
        client.id(),
        client.secret());
  }

  private static OAuth2Exception noToken(AccountId account) {
    return OAuth2Exception.local(
        "no_token",
        "account "
            + account
            + " has no OAuth 2 user token; run 'latchkey auth "
            + account.platform()
            + " --oauth2' first");
  }
}
