package dev.latchkey.sandbox.internal.oauth2;

import dev.latchkey.sandbox.internal.App;
import dev.latchkey.sandbox.internal.PlatformDescription;
import io.javalin.http.Context;

/**
 * Bearer authentication of API calls (RFC 6750 §2.1), before any route runs, unknown paths
 * included: an unknown, expired or revoked token is refused in the path's dialect. Whether an
 * endpoint serves the token's kind and scopes is the endpoint table's to say ({@code
 * EndpointRouter}).
 */
final class BearerGate {
  private final OAuth2State state;
  private final PlatformDescription description;

  BearerGate(OAuth2State state) {
    this.state = state;
    this.description = state.platformState().description();
  }

  void check(Context ctx) {
    String path = ctx.path();
    String apiPath = description.apiPath(path);
    if (apiPath.equals(state.facts().tokenPath())
        || state.facts().revokePath().map(apiPath::equals).orElse(false)) {
      return;
    }
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return;
    }
    String token = header.substring(7).trim();
    App app = state.appForToken(token);
    if (app != null) {
      return;
    }
    if (state.userToken(token) == null) {
      throw description.errors(path).invalidToken();
    }
  }
}
