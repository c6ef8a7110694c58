package dev.latchkey.oauth2;

import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.BearerToken;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.platform.Platform;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.Objects;

/**
 * Revokes tokens at the platform so that a stolen copy stops working: RFC 7009 revocation of user
 * tokens ({@code POST /2/oauth2/revoke} on X) and Twitter's {@code invalidate_token} for app-only
 * bearer tokens. See <a href="https://www.rfc-editor.org/rfc/rfc7009">RFC 7009</a>.
 */
public final class TokenRevocation {
  private final TokenEndpoint endpoint;
  private final Endpoints endpoints;

  /** Revocation at {@code platform}'s endpoints. */
  public TokenRevocation(HttpClient http, Platform platform) {
    this.endpoint = new TokenEndpoint(http);
    this.endpoints = Endpoints.of(Objects.requireNonNull(platform, "platform"));
  }

  /** True when the platform has an RFC 7009 endpoint for user tokens (Tumblr documents none). */
  public boolean canRevokeUserTokens() {
    return endpoints.revoke() != null;
  }

  /** True when the platform can invalidate app-only tokens (Twitter). */
  public boolean canInvalidateAppTokens() {
    return endpoints.appTokenInvalidate() != null;
  }

  /**
   * Revokes a user token: the refresh token when there is one (which, per RFC 7009 §2.1, also ends
   * the access tokens issued from it), and the access token.
   *
   * @throws OAuth2Exception when the platform refuses, or has no revocation endpoint
   */
  public void revoke(OAuth2Client client, OAuth2Token token) throws OAuth2Exception, IOException {
    if (endpoints.revoke() == null) {
      throw OAuth2Exception.local(
          "unsupported_token_type",
          endpoints.platform()
              + " has no token revocation endpoint; revoke the app's access in the platform's"
              + " settings instead");
    }
    if (token.refreshToken() != null) {
      send(client, "refresh_token", token.refreshToken());
    }
    send(client, "access_token", token.accessToken());
  }

  private void send(OAuth2Client client, String hint, dev.latchkey.keychain.Secret value)
      throws OAuth2Exception, IOException {
    TokenEndpoint.Form form =
        new TokenEndpoint.Form().putSecret("token", value).put("token_type_hint", hint);
    Grants.authenticate(form, client, endpoints);
    endpoint.post(endpoints.revoke(), form, "revoking the " + endpoints.platform() + " " + hint);
  }

  /**
   * Invalidates the app's bearer token (Twitter {@code POST /oauth2/invalidate_token} with Basic
   * auth and {@code access_token} in the body), so the next fetch issues a new one.
   */
  public void invalidate(AppCredentials app, BearerToken token)
      throws OAuth2Exception, IOException {
    if (endpoints.appTokenInvalidate() == null) {
      throw OAuth2Exception.local(
          "unsupported_token_type",
          endpoints.platform()
              + " cannot invalidate app-only tokens; remove it locally with 'latchkey keys'");
    }
    if (app.consumerSecret() == null) {
      throw OAuth2Exception.local(
          "invalid_client", "invalidating an app-only token needs the app's consumer secret");
    }
    TokenEndpoint.Form form =
        new TokenEndpoint.Form()
            .putSecret("access_token", token.token())
            .basic(app.consumerKey().reveal(), app.consumerSecret());
    endpoint.post(
        endpoints.appTokenInvalidate(),
        form,
        "invalidating the " + endpoints.platform() + " app-only token");
  }
}
