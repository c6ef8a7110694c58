package dev.latchkey.sandbox.internal.oauth2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.sandbox.internal.App;
import dev.latchkey.sandbox.internal.Json;
import io.javalin.http.Context;
import java.util.Map;

/**
 * X's application-only endpoints (facts C): {@code POST /oauth2/token} with the consumer key and
 * secret in Basic and {@code grant_type=client_credentials} gives the app's one bearer token;
 * {@code POST /oauth2/invalidate_token} retires it. Every failure is 403 code 99.
 */
final class AppOnlyTokenEndpoints {
  private final OAuth2State state;

  AppOnlyTokenEndpoints(OAuth2State state) {
    this.state = state;
  }

  void token(Context ctx) {
    App app = basicApp(ctx);
    Map<String, String> body = OAuth2Requests.body(ctx);
    if (app == null || !"client_credentials".equals(body.get("grant_type"))) {
      code99(ctx);
      return;
    }
    ObjectNode out = Json.object();
    out.put("token_type", "bearer");
    out.put("access_token", state.appToken(app));
    Json.send(ctx, 200, out);
  }

  void invalidate(Context ctx) {
    App app = basicApp(ctx);
    String token = OAuth2Requests.body(ctx).get("access_token");
    if (token == null) {
      token = ctx.queryParam("access_token");
    }
    if (app == null || token == null || !state.invalidateAppToken(app, token)) {
      code99(ctx);
      return;
    }
    ObjectNode out = Json.object();
    out.put("access_token", token);
    Json.send(ctx, 200, out);
  }

  /** The app whose consumer key and secret are in the Basic header, or null. */
  private App basicApp(Context ctx) {
    String[] pair = OAuth2Requests.basic(ctx);
    if (pair == null) {
      return null;
    }
    App app = state.platformState().app(pair[0]);
    return app != null && OAuth2Requests.constantEquals(app.consumerSecret(), pair[1]) ? app : null;
  }

  private static void code99(Context ctx) {
    ObjectNode body = Json.object();
    ObjectNode e = body.putArray("errors").addObject();
    e.put("code", 99);
    e.put("label", "authenticity_token_error");
    e.put("message", "Unable to verify your credentials");
    Json.send(ctx, 403, body);
  }
}
