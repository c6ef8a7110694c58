package dev.latchkey.sandbox.internal.oauth2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.sandbox.internal.Json;
import io.javalin.http.Context;
import java.util.Map;

/**
 * RFC 7009 token revocation: the client names an access or refresh token of its own; unknown tokens
 * succeed too (§2.2). Answers X's {@code {"revoked":true}}.
 */
final class TokenRevocation {
  private final OAuth2State state;
  private final ClientAuthentication clients;

  TokenRevocation(OAuth2State state, ClientAuthentication clients) {
    this.state = state;
    this.clients = clients;
  }

  void revoke(Context ctx) {
    Map<String, String> body = OAuth2Requests.body(ctx);
    OAuth2State.Client client = clients.authenticate(ctx, body, false);
    if (client == null) {
      return;
    }
    String token = body.get("token");
    if (token == null) {
      OAuth2Requests.oauthError(ctx, 400, "invalid_request", "Missing required parameter [token].");
      return;
    }
    state.revoke(token, client);
    ObjectNode out = Json.object();
    out.put("revoked", true);
    Json.send(ctx, 200, out);
  }
}
