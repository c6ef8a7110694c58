package dev.latchkey.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.keychain.Secret;
import dev.latchkey.platform.Hosts;
import dev.latchkey.platform.Platforms;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthorizationCodeGrantTest {
  static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  static final URI REDIRECT = URI.create("http://127.0.0.1:8765/callback");

  final RecordingServer server;
  final HttpClient http = HttpClient.newHttpClient();
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  AuthorizationCodeGrantTest() throws Exception {
    server = new RecordingServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  AuthorizationCodeGrant x(OAuth2Client client) {
    return new AuthorizationCodeGrant(
        http,
        Platforms.twitter()
            .withHosts(new Hosts(server.base(), server.base(), URI.create("https://x.example"))),
        client,
        clock,
        new SecureRandom());
  }

  @Test
  void authorizeUrlCarriesEveryPkceParameterWithSpaceSeparatedScopes() {
    AuthorizationRequest req =
        x(OAuth2Client.publicClient("cid"))
            .request(REDIRECT, List.of("tweet.read", "users.read", "offline.access"));

    assertThat(req.uri().toString()).startsWith("https://x.example/i/oauth2/authorize?");
    assertThat(req.uri().getRawQuery()).contains("scope=tweet.read%20users.read%20offline.access");
    Map<String, String> q = AuthorizationCodeGrant.parseQuery(req.uri().getRawQuery());
    assertThat(q)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", "cid")
        .containsEntry("redirect_uri", REDIRECT.toString())
        .containsEntry("scope", "tweet.read users.read offline.access")
        .containsEntry("state", req.state())
        .containsEntry("code_challenge", req.pkce().challenge())
        .containsEntry("code_challenge_method", "S256");
    assertThat(req.uri().toString()).doesNotContain(req.pkce().verifier());
    assertThat(req.state()).hasSize(32);
  }

  @Test
  void twoRequestsHaveDifferentStateAndVerifier() {
    AuthorizationCodeGrant g = x(OAuth2Client.publicClient("cid"));
    AuthorizationRequest a = g.request(REDIRECT, List.of("tweet.read"));
    AuthorizationRequest b = g.request(REDIRECT, List.of("tweet.read"));
    assertThat(a.state()).isNotEqualTo(b.state());
    assertThat(a.pkce().verifier()).isNotEqualTo(b.pkce().verifier());
  }

  @Test
  void publicClientExchangesTheCodeWithClientIdInTheBodyAndNoAuthorizationHeader()
      throws Exception {
    server.enqueue(
        200,
        "{\"token_type\":\"bearer\",\"expires_in\":7200,\"access_token\":\"at-1\","
            + "\"scope\":\"tweet.read users.read offline.access\",\"refresh_token\":\"rt-1\"}");
    AuthorizationCodeGrant g = x(OAuth2Client.publicClient("cid"));
    AuthorizationRequest req = g.request(REDIRECT, List.of("tweet.read", "users.read"));

    OAuth2Token token = g.exchange(req, "the-code");

    assertThat(token.accessToken().reveal()).isEqualTo("at-1");
    assertThat(token.refreshToken().reveal()).isEqualTo("rt-1");
    assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(7200));
    assertThat(token.scopes())
        .containsExactlyInAnyOrder("tweet.read", "users.read", "offline.access");
    assertThat(token.clientId()).isEqualTo("cid");
    RecordingServer.Request r = server.only();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/2/oauth2/token");
    assertThat(r.header("Authorization")).isNull();
    assertThat(r.form())
        .containsEntry("grant_type", "authorization_code")
        .containsEntry("code", "the-code")
        .containsEntry("redirect_uri", REDIRECT.toString())
        .containsEntry("code_verifier", req.pkce().verifier())
        .containsEntry("client_id", "cid")
        .doesNotContainKey("client_secret");
  }

  @Test
  void confidentialClientAuthenticatesWithBasic() throws Exception {
    server.enqueue(200, "{\"token_type\":\"bearer\",\"access_token\":\"at-1\"}");
    AuthorizationCodeGrant g = x(new OAuth2Client("cid", Secret.of("csecret")));
    AuthorizationRequest req = g.request(REDIRECT, List.of("tweet.read"));

    OAuth2Token token = g.exchange(req, "code");

    assertThat(token.expiresAt()).isNull();
    assertThat(token.scopes()).containsExactly("tweet.read"); // not reported: the requested ones
    RecordingServer.Request r = server.only();
    assertThat(r.header("Authorization"))
        .isEqualTo("Basic " + TokenEndpoint.basicCredentials("cid", "csecret"));
    assertThat(r.form()).doesNotContainKey("client_secret");
  }

  @Test
  void tumblrExchangeSendsClientSecretInTheBody() throws Exception {
    server.enqueue(
        200,
        "{\"access_token\":\"a\",\"expires_in\":2520,\"id_token\":false,\"refresh_token\":\"r\","
            + "\"scope\":\"write offline_access\",\"token_type\":\"bearer\"}");
    AuthorizationCodeGrant g =
        new AuthorizationCodeGrant(
            http,
            Platforms.tumblr()
                .withHosts(
                    new Hosts(
                        server.base(), server.base(), URI.create("https://www.tumblr.example"))),
            new OAuth2Client("tkey", Secret.of("tsecret")),
            clock,
            new SecureRandom());
    AuthorizationRequest req = g.request(REDIRECT, List.of("basic", "offline_access"));
    assertThat(req.uri().toString()).startsWith("https://www.tumblr.example/oauth2/authorize?");

    OAuth2Token token = g.exchange(req, "code");

    assertThat(token.scopes()).containsExactlyInAnyOrder("write", "offline_access");
    RecordingServer.Request r = server.only();
    assertThat(r.path()).isEqualTo("/v2/oauth2/token");
    assertThat(r.header("Authorization")).isNull();
    assertThat(r.form())
        .containsEntry("client_id", "tkey")
        .containsEntry("client_secret", "tsecret");
  }

  @Test
  void anInvalidCodeIsReportedWithTheRfc6749ErrorAsData() throws Exception {
    server.enqueue(
        400,
        "{\"error\":\"invalid_request\",\"error_description\":\"Value passed for the"
            + " authorization code was invalid.\",\"errors\":[{\"error\":\"invalid_request\"}]}");
    AuthorizationCodeGrant g = x(OAuth2Client.publicClient("cid"));
    AuthorizationRequest req = g.request(REDIRECT, List.of("tweet.read"));

    OAuth2Exception e =
        catchThrowableOfType(() -> g.exchange(req, "zzcode"), OAuth2Exception.class);

    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.error()).hasValue("invalid_request");
    assertThat(e.errorDescription())
        .hasValue("Value passed for the authorization code was invalid.");
    assertThat(e.getMessage())
        .contains("authorize again")
        .doesNotContain("zzcode")
        .doesNotContain(req.pkce().verifier());
  }

  @Test
  void anUnknownErrorCodeIsStillAnOAuth2ExceptionCarryingIt() throws Exception {
    server.enqueue(
        400, "{\"error\":\"brand_new_error\",\"error_uri\":\"https://example.com/why\"}");
    AuthorizationCodeGrant g = x(OAuth2Client.publicClient("cid"));
    AuthorizationRequest req = g.request(REDIRECT, List.of("tweet.read"));

    OAuth2Exception e = catchThrowableOfType(() -> g.exchange(req, "c"), OAuth2Exception.class);

    assertThat(e.error()).hasValue("brand_new_error");
    assertThat(e.errorUri()).hasValue("https://example.com/why");
  }

  @Test
  void pastedRedirectUrlGivesTheCodeWhenTheStateMatches() throws Exception {
    AuthorizationRequest req = x(OAuth2Client.publicClient("cid")).request(REDIRECT, List.of("a"));

    assertThat(
            AuthorizationCodeGrant.codeFromRedirect(
                req, "  " + REDIRECT + "?state=" + req.state() + "&code=VGNi%3Dxyz  \n"))
        .isEqualTo("VGNi=xyz");
    assertThat(AuthorizationCodeGrant.codeFromRedirect(req, "bare-code\n")).isEqualTo("bare-code");
  }

  @Test
  void pastedRedirectWithAnotherStateIsRejectedAsStateMismatch() {
    AuthorizationRequest req = x(OAuth2Client.publicClient("cid")).request(REDIRECT, List.of("a"));

    OAuth2Exception e =
        catchThrowableOfType(
            () -> AuthorizationCodeGrant.codeFromRedirect(req, REDIRECT + "?state=evil&code=c"),
            OAuth2Exception.class);

    assertThat(e.error()).hasValue(OAuth2Exception.STATE_MISMATCH);
    assertThat(e.getMessage()).contains("state does not match", "start the authorization again");
  }

  @Test
  void pastedRedirectWithAnErrorReportsTheRefusal() {
    AuthorizationRequest req = x(OAuth2Client.publicClient("cid")).request(REDIRECT, List.of("a"));

    OAuth2Exception e =
        catchThrowableOfType(
            () ->
                AuthorizationCodeGrant.codeFromRedirect(
                    req, REDIRECT + "?error=access_denied&state=" + req.state()),
            OAuth2Exception.class);

    assertThat(e.error()).hasValue("access_denied");
  }
}
