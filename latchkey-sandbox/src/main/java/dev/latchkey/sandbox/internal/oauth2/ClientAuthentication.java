package dev.latchkey.sandbox.internal.oauth2;

import io.javalin.http.Context;
import java.util.Map;

/**
 * Client authentication at the token endpoints (RFC 6749 §2.3.1): Basic or {@code client_id} and
 * {@code client_secret} in the body; confidential clients must prove their secret, public clients
 * name themselves with {@code client_id} alone.
 */
final class ClientAuthentication {
  private final OAuth2State state;

  ClientAuthentication(OAuth2State state) {
    this.state = state;
  }

  /**
   * The authenticated client, or null after answering 401 {@code invalid_client}.
   *
   * @param requireSecret true where public clients are not served (client credentials)
   */
  OAuth2State.Client authenticate(Context ctx, Map<String, String> body, boolean requireSecret) {
    String id = body.get("client_id");
    String secret = body.get("client_secret");
    String[] basic = OAuth2Requests.basic(ctx);
    if (basic != null) {
      if (id != null && !id.equals(basic[0])) {
        fail(ctx);
        return null;
      }
      id = basic[0];
      secret = basic[1];
    }
    OAuth2State.Client c = state.client(id);
    boolean ok =
        c != null
            && (c.secret() == null
                ? secret == null && !requireSecret
                : secret != null && OAuth2Requests.constantEquals(c.secret(), secret));
    if (!ok) {
      fail(ctx);
      return null;
    }
    return c;
  }

  private static void fail(Context ctx) {
    OAuth2Requests.oauthError(ctx, 401, "invalid_client", "Client authentication failed.");
  }
}
