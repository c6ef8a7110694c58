package dev.latchkey.sandbox.internal.oauth2;

import dev.latchkey.sandbox.internal.OAuth2Facts;
import io.javalin.router.JavalinDefaultRouting;

/**
 * OAuth 2 on one emulated platform, each endpoint where the platform's {@link OAuth2Facts} put it:
 * the authorization page, the token endpoint, revocation, X's app-only token endpoints, and the
 * bearer check in front of the API.
 */
public final class OAuth2Routes {
  private final OAuth2State state;

  public OAuth2Routes(OAuth2State state) {
    this.state = state;
  }

  public void register(JavalinDefaultRouting r) {
    OAuth2Facts facts = state.facts();
    String prefix = state.platform().pathPrefix();
    ClientAuthentication clients = new ClientAuthentication(state);
    AuthorizationEndpoint authorize = new AuthorizationEndpoint(state);
    TokenEndpoint token = new TokenEndpoint(state, clients);
    AppOnlyTokenEndpoints appOnly = new AppOnlyTokenEndpoints(state);
    facts.appTokenPath().ifPresent(p -> r.post(prefix + p, appOnly::token));
    facts.appTokenInvalidatePath().ifPresent(p -> r.post(prefix + p, appOnly::invalidate));
    r.get(prefix + facts.authorizePath(), authorize::show);
    r.post(prefix + facts.authorizePath(), authorize::submit);
    r.post(prefix + facts.tokenPath(), token::token);
    facts
        .revokePath()
        .ifPresent(p -> r.post(prefix + p, new TokenRevocation(state, clients)::revoke));
    r.before(prefix + facts.apiPrefix() + "*", new BearerGate(state)::check);
  }
}
