package dev.latchkey.dashboard.internal;

import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.oauth1.TemporaryCredentials;
import dev.latchkey.oauth2.AuthorizationCodeGrant;
import dev.latchkey.oauth2.AuthorizationRequest;
import dev.latchkey.platform.Platform;
import java.time.Instant;

/**
 * One authorization of a secondary account in progress: which app asked, where the person goes to
 * approve, and what the dashboard keeps to finish it (the request token, or the OAuth 2 state and
 * PKCE verifier). Kept in memory only, for {@link AuthorizePages#FLOW_LIFETIME}.
 *
 * @param id random; in the flow's page address and in the OAuth 1.0a callback address
 * @param kind {@code pin}, {@code callback} or {@code oauth2}
 * @param sessionId the browser session that started it
 * @param platform the platform
 * @param app the app's keys
 * @param name the account name asked for, or null for the screen name
 * @param temporary the OAuth 1.0a request token, or null
 * @param grant the OAuth 2 grant, or null
 * @param request the OAuth 2 request (state, PKCE), or null
 * @param started when it started
 */
record Flow(
    String id,
    String kind,
    String sessionId,
    Platform platform,
    AppCredentials app,
    String name,
    TemporaryCredentials temporary,
    AuthorizationCodeGrant grant,
    AuthorizationRequest request,
    Instant started) {

  /** Where the person approves the app. */
  String authorizeUri() {
    return temporary != null ? temporary.authorizeUri().toString() : request.uri().toString();
  }
}
