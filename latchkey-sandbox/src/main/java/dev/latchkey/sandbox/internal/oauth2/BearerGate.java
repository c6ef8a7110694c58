package dev.latchkey.sandbox.internal.oauth2;

import dev.latchkey.oauth2.RequiredScopes;
import dev.latchkey.sandbox.internal.App;
import dev.latchkey.sandbox.internal.PlatformDescription;
import io.javalin.http.Context;
import java.util.Set;
import java.util.TreeSet;

/**
 * Bearer authentication of API calls (RFC 6750 §2.1), before any route runs: an unknown, expired or
 * revoked user token is refused in the path's dialect, and so is a user token without the scopes
 * the endpoint needs (RFC 6750 §3.1 {@code insufficient_scope}). App-only tokens pass: each route
 * decides whether it serves them.
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
    OAuth2State.UserToken user = state.userToken(token);
    if (user == null) {
      throw description.errors(path).invalidToken();
    }
    Set<String> missing = new TreeSet<>();
    RequiredScopes.of(description.platform().id(), ctx.method().name(), apiPath)
        .ifPresent(
            need -> need.stream().filter(s -> !user.scopes.contains(s)).forEach(missing::add));
    if (!missing.isEmpty()) {
      throw description.errors(path).missingScopes(missing);
    }
  }
}
