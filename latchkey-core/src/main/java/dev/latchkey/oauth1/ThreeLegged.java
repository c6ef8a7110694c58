package dev.latchkey.oauth1;

import dev.latchkey.http.ApiClient;
import dev.latchkey.http.ApiException;
import dev.latchkey.http.ApiRequest;
import dev.latchkey.http.ApiResponse;
import dev.latchkey.http.Identity;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.keychain.Secret;
import dev.latchkey.platform.Platform;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/** The steps both flows share (RFC 5849 §2.1 and §2.3), and the identity check after them. */
final class ThreeLegged {
  private final ApiClient client;
  private final OAuth1Signer signer;
  private final OAuth1Credentials app;

  ThreeLegged(ApiClient client, OAuth1Signer signer, AppCredentials app) {
    this.client = Objects.requireNonNull(client, "client");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.app = OAuth1Credentials.app(Objects.requireNonNull(app, "app"));
    if (client.platform().oauth1().isEmpty()) {
      throw new IllegalArgumentException(
          client.platform().displayName() + " has no OAuth 1.0a flow; use OAuth 2 instead");
    }
  }

  Platform platform() {
    return client.platform();
  }

  /** §2.1: temporary credentials for {@code callback} ({@code oob} for a PIN). */
  TemporaryCredentials requestToken(String callback, AccessType access)
      throws ApiException, IOException, AuthorizationException {
    Platform p = client.platform();
    ApiRequest.Builder request = ApiRequest.builder("POST", p.requestTokenUri());
    if (access != null) {
      request.query("x_auth_access_type", access.wireName());
    }
    ApiResponse response =
        client.send(
            request.build(), signer.authorization(app, new Parameter("oauth_callback", callback)));
    Map<String, String> form = form(response, "request_token");
    if (!"true".equals(form.get("oauth_callback_confirmed"))) {
      throw new AuthorizationException(
          AuthorizationException.Reason.CALLBACK_NOT_CONFIRMED,
          p.name()
              + " did not confirm the callback (oauth_callback_confirmed is not true); check the"
              + " OAuth base URL points at an OAuth 1.0a server");
    }
    Secret token = required(form, "oauth_token", "request_token");
    Secret secret = required(form, "oauth_token_secret", "request_token");
    URI authorize =
        URI.create(p.authorizeUri() + "?oauth_token=" + PercentEncoding.encode(token.reveal()));
    return new TemporaryCredentials(token, secret, authorize);
  }

  /** §2.3: token credentials for a verifier, then the identity check. */
  OAuth1Token accessToken(TemporaryCredentials temporary, String verifier)
      throws ApiException, IOException, AuthorizationException {
    Platform p = client.platform();
    ApiRequest request =
        ApiRequest.builder(p.oauth1().orElseThrow().accessTokenMethod(), p.accessTokenUri())
            .build();
    ApiResponse response =
        client.send(
            request,
            signer.authorization(
                app.withToken(temporary.token(), temporary.tokenSecret()),
                new Parameter("oauth_verifier", verifier)));
    Map<String, String> form = form(response, "access_token");
    Secret token = required(form, "oauth_token", "access_token");
    Secret secret = required(form, "oauth_token_secret", "access_token");
    OAuth1Token issued =
        new OAuth1Token(token, secret, form.get("user_id"), form.get("screen_name"), null);
    Identity identity = client.verify(signer.authorization(app.withToken(token, secret)));
    return issued.withIdentity(
        identity.userId() != null ? identity.userId() : issued.userId(),
        identity.screenName() != null ? identity.screenName() : issued.screenName(),
        identity.accessLevel());
  }

  private Map<String, String> form(ApiResponse response, String step)
      throws AuthorizationException {
    try {
      return response.form();
    } catch (IllegalArgumentException e) {
      throw new AuthorizationException(
          AuthorizationException.Reason.INCOMPLETE_ANSWER,
          client.platform().name()
              + " "
              + step
              + " answer is not form-encoded; check the OAuth base URL");
    }
  }

  private Secret required(Map<String, String> form, String name, String step)
      throws AuthorizationException {
    Secret s = Secret.ofNullable(form.get(name));
    if (s == null) {
      throw new AuthorizationException(
          AuthorizationException.Reason.INCOMPLETE_ANSWER,
          client.platform().name()
              + " "
              + step
              + " answer has no "
              + name
              + "; check the OAuth base URL");
    }
    return s;
  }
}
