package dev.latchkey.oauth2;

import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.BearerToken;
import dev.latchkey.keychain.Secret;
import dev.latchkey.platform.ClientAuthentication;
import dev.latchkey.platform.Platform;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Objects;

/**
 * Fetches an app-only bearer token with the app's own credentials (RFC 6749 §4.4, client
 * credentials): Twitter's {@code POST /oauth2/token} with Basic auth, Tumblr's {@code POST
 * /v2/oauth2/token} with the credentials in the body.
 *
 * <p>Fetch once and keep the token in the keychain: Twitter issues one token per app and answers
 * code 99 to callers that ask too often. See <a
 * href="https://www.rfc-editor.org/rfc/rfc6749#section-4.4">RFC 6749 §4.4</a>.
 */
public final class ClientCredentialsGrant {
  private final TokenEndpoint endpoint;
  private final Endpoints endpoints;
  private final Clock clock;

  /**
   * A grant against {@code platform}'s token endpoint; {@code clock} stamps when the token was
   * obtained.
   */
  public ClientCredentialsGrant(HttpClient http, Platform platform, Clock clock) {
    this.endpoint = new TokenEndpoint(http);
    this.endpoints = Endpoints.of(Objects.requireNonNull(platform, "platform"));
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Asks the platform for the app's bearer token.
   *
   * @throws OAuth2Exception when the platform refuses (Twitter: HTTP 403, code 99) or answers with
   *     a token type other than bearer
   * @throws IOException when the platform cannot be reached
   */
  public BearerToken fetch(AppCredentials app) throws OAuth2Exception, IOException {
    // X and Tumblr take the consumer key and secret; an app that is an OAuth 2 client alone
    // authenticates with its client id and secret.
    boolean consumer = app.consumerKey() != null;
    Secret secret = consumer ? app.consumerSecret() : app.clientSecret();
    if (secret == null) {
      throw OAuth2Exception.local(
          "invalid_client",
          "app-only tokens need the app's "
              + (consumer ? "consumer secret" : "client secret")
              + "; add it with 'latchkey keys add'");
    }
    String key = consumer ? app.consumerKey().reveal() : app.clientId();
    TokenEndpoint.Form form = new TokenEndpoint.Form().put("grant_type", "client_credentials");
    if (endpoints.clientAuthentication() == ClientAuthentication.BASIC) {
      form.basic(key, secret);
    } else {
      form.put("client_id", key).putSecret("client_secret", secret);
    }
    return endpoint
        .token(
            endpoints.appToken(), form, "fetching the " + endpoints.platform() + " app-only token")
        .toBearerToken(clock);
  }
}
