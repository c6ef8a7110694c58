package dev.latchkey.sandbox.internal;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.JavalinDefaultRouting;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Serves a platform's endpoint table: each call is authenticated, refused in the path's dialect
 * when the endpoint does not serve its kind of credential or its OAuth 2 token lacks a scope,
 * counted by the platform's {@link RateLimitPolicy}, and only then handed to the endpoint.
 */
public final class EndpointRouter {
  private final PlatformState state;
  private final Authentication authentication;
  private final RateLimitPolicy limits;
  private final Clock clock;
  private final BiConsumer<Context, Caller> onAdmitted;
  private final Set<String> limitKeys;

  /**
   * @param onAdmitted adds what the platform sends on every admitted call (X's {@code
   *     x-access-level})
   */
  public EndpointRouter(
      PlatformServices services, RateLimitPolicy limits, BiConsumer<Context, Caller> onAdmitted) {
    this.state = services.state();
    this.authentication = services.authentication();
    this.limits = limits;
    this.clock = services.clock();
    this.onAdmitted = onAdmitted;
    this.limitKeys = services.limitKeys();
  }

  public void register(JavalinDefaultRouting router, List<Endpoint> endpoints) {
    String prefix = state.platform().pathPrefix();
    for (Endpoint e : endpoints) {
      limitKeys.add(e.path());
      if (e.limit().appDaily() > 0) {
        limitKeys.add(e.path() + "#24h");
      }
      router.addHttpHandler(
          HandlerType.valueOf(e.method()), prefix + e.route(), ctx -> handle(ctx, e));
    }
  }

  private void handle(Context ctx, Endpoint e) throws Exception {
    ErrorDialect dialect = state.description().errors(ctx.path());
    Caller caller;
    try {
      caller = authentication.authenticate(ctx, e.auth());
    } catch (ApiError refused) {
      limits.refused(ctx, e);
      throw refused;
    }
    if (!e.auth().contains(caller.type())) {
      limits.refused(ctx, e);
      throw dialect.unsupportedAuthentication(caller.type(), e.auth());
    }
    if (caller.type() == AuthType.OAUTH2_USER) {
      Set<String> missing = new TreeSet<>(e.scopes());
      missing.removeAll(caller.scopes());
      if (!missing.isEmpty()) {
        limits.refused(ctx, e);
        throw dialect.missingScopes(missing);
      }
    }
    limits.admit(ctx, e, caller);
    onAdmitted.accept(ctx, caller);
    e.handler().handle(new Call(ctx, caller, e, clock.millis()));
  }
}
