package dev.latchkey.sandbox.internal.oauth2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.sandbox.internal.Json;
import dev.latchkey.sandbox.internal.OAuth2Facts;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * The token endpoint (RFC 6749 §3.2): the authorization-code grant with PKCE verification (§4.1.3,
 * RFC 7636 §4.6), the refresh grant with rotation (§6), and, where the platform serves it there,
 * client credentials (§4.4, Tumblr).
 */
final class TokenEndpoint {
  private final OAuth2State state;
  private final OAuth2Facts facts;
  private final ClientAuthentication clients;

  TokenEndpoint(OAuth2State state, ClientAuthentication clients) {
    this.state = state;
    this.facts = state.facts();
    this.clients = clients;
  }

  void token(Context ctx) {
    Map<String, String> body = OAuth2Requests.body(ctx);
    String grant = body.get("grant_type");
    if (grant == null) {
      OAuth2Requests.oauthError(
          ctx, 400, "invalid_request", "Missing required parameter [grant_type].");
      return;
    }
    if (grant.equals("client_credentials") && facts.clientCredentialsScope().isPresent()) {
      clientCredentials(ctx, body, facts.clientCredentialsScope().get());
      return;
    }
    switch (grant) {
      case "authorization_code" -> authorizationCode(ctx, body);
      case "refresh_token" -> refresh(ctx, body);
      default ->
          OAuth2Requests.oauthError(
              ctx, 400, "unsupported_grant_type", "Unsupported grant type: " + grant);
    }
  }

  private void clientCredentials(Context ctx, Map<String, String> body, String scope) {
    OAuth2State.Client c = clients.authenticate(ctx, body, true);
    if (c == null) {
      return;
    }
    ObjectNode out = Json.object();
    out.put("access_token", state.appToken(c.app()));
    out.put("token_type", "bearer");
    out.put("scope", scope);
    Json.send(ctx, 200, out);
  }

  private void authorizationCode(Context ctx, Map<String, String> body) {
    OAuth2State.Client client = clients.authenticate(ctx, body, false);
    if (client == null) {
      return;
    }
    OAuth2State.Code code = state.redeemCode(body.get("code"));
    if (code == null || !code.client().id().equals(client.id())) {
      OAuth2Requests.oauthError(
          ctx, 400, "invalid_request", "Value passed for the authorization code was invalid.");
      return;
    }
    String redirect = body.get("redirect_uri");
    if (redirect != null
        ? !redirect.equals(code.redirectUri())
        : facts.redirectUriRequiredAtToken()) {
      OAuth2Requests.oauthError(
          ctx, 400, "invalid_request", "Value passed for the redirect uri was invalid.");
      return;
    }
    if (code.challenge() != null
        && !verifierMatches(code, body.get("code_verifier"), facts.maxVerifierLength())) {
      OAuth2Requests.oauthError(
          ctx, 400, "invalid_request", "Value passed for the code verifier was invalid.");
      return;
    }
    sendIssued(ctx, state.issue(client, code.userId(), code.scopes(), null));
  }

  private void refresh(Context ctx, Map<String, String> body) {
    OAuth2State.Client client = clients.authenticate(ctx, body, false);
    if (client == null) {
      return;
    }
    OAuth2State.RefreshToken r = state.spendRefreshToken(body.get("refresh_token"), client);
    if (r == null) {
      OAuth2Requests.oauthError(
          ctx, 400, "invalid_request", "Value passed for the token was invalid.");
      return;
    }
    sendIssued(ctx, state.issue(client, r.userId, r.scopes, r.family));
  }

  private static void sendIssued(Context ctx, OAuth2State.Issued issued) {
    ObjectNode out = Json.object();
    out.put("token_type", "bearer");
    out.put("expires_in", issued.expiresIn());
    out.put("access_token", issued.accessToken());
    out.put("scope", String.join(" ", issued.scopes()));
    if (issued.refreshToken() != null) {
      out.put("refresh_token", issued.refreshToken());
    }
    ctx.header("Cache-Control", "no-store");
    Json.send(ctx, 200, out);
  }

  /**
   * RFC 7636 §4.6: {@code plain} or {@code S256}, compared in constant time. The verifier has the
   * unreserved characters of §4.1 and at least 43 of them; the most is the platform's.
   */
  static boolean verifierMatches(OAuth2State.Code code, String verifier, int maxLength) {
    if (verifier == null
        || verifier.length() < 43
        || verifier.length() > maxLength
        || !verifier.matches("[A-Za-z0-9._~-]+")) {
      return false;
    }
    String expected;
    if (code.method() == null || code.method().equalsIgnoreCase("plain")) {
      expected = verifier;
    } else {
      try {
        byte[] d =
            MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII));
        expected = Base64.getUrlEncoder().withoutPadding().encodeToString(d);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return OAuth2Requests.constantEquals(expected, code.challenge());
  }
}
