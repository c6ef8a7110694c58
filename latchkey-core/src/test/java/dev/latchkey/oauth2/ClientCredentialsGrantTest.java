package dev.latchkey.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.BearerToken;
import dev.latchkey.platform.Hosts;
import dev.latchkey.platform.Platforms;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientCredentialsGrantTest {
  static final String KEY = "xvz1evFS4wEEPTGEFPHBog";
  static final String SECRET = "L8qq9PZyRg6ieKGEKhZolGC0vJWLw8iEJ88DRdyOg";
  static final String TOKEN =
      "AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG";
  static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  final RecordingServer server;
  final HttpClient http = HttpClient.newHttpClient();
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  ClientCredentialsGrantTest() throws Exception {
    server = new RecordingServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  ClientCredentialsGrant twitter() {
    return new ClientCredentialsGrant(
        http, Platforms.twitter().withHosts(Hosts.all(server.base())), clock);
  }

  @Test
  void twitterPostsClientCredentialsWithBasicAuthAndKeepsThePercentEncodedTokenVerbatim()
      throws Exception {
    server.enqueue(200, "{\"token_type\":\"bearer\",\"access_token\":\"" + TOKEN + "\"}");

    BearerToken token = twitter().fetch(AppCredentials.of(KEY, SECRET));

    assertThat(token.token().reveal()).isEqualTo(TOKEN);
    assertThat(token.obtainedAt()).isEqualTo(NOW);
    RecordingServer.Request r = server.only();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/oauth2/token");
    assertThat(r.header("Authorization"))
        .isEqualTo(
            "Basic eHZ6MWV2RlM0d0VFUFRHRUZQSEJvZzpMOHFxOVBaeVJnNmllS0dFS2hab2xHQzB2SldMdzhpRUo4OERSZHlPZw==");
    assertThat(r.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(r.body()).isEqualTo("grant_type=client_credentials");
  }

  @Test
  void tumblrSendsTheConsumerKeyAndSecretInTheBodyToV2OAuth2Token() throws Exception {
    server.enqueue(
        200,
        "{\"token_type\":\"bearer\",\"access_token\":\"tumblr-app-token\",\"expires_in\":2520}");
    ClientCredentialsGrant tumblr =
        new ClientCredentialsGrant(
            http, Platforms.tumblr().withHosts(Hosts.all(server.base())), clock);

    BearerToken token = tumblr.fetch(AppCredentials.of("tkey", "tsecret with space"));

    assertThat(token.token().reveal()).isEqualTo("tumblr-app-token");
    RecordingServer.Request r = server.only();
    assertThat(r.path()).isEqualTo("/v2/oauth2/token");
    assertThat(r.header("Authorization")).isNull();
    assertThat(r.form())
        .containsEntry("grant_type", "client_credentials")
        .containsEntry("client_id", "tkey")
        .containsEntry("client_secret", "tsecret with space");
  }

  @Test
  void badCredentialsGiveCode99AsDataWithoutQuotingTheSecret() throws Exception {
    server.enqueue(
        403,
        "{\"errors\":[{\"code\":99,\"label\":\"authenticity_token_error\",\"message\":\"Unable to"
            + " verify your credentials\"}]}");

    OAuth2Exception e =
        catchThrowableOfType(
            () -> twitter().fetch(AppCredentials.of(KEY, SECRET)), OAuth2Exception.class);

    assertThat(e.httpStatus()).isEqualTo(403);
    assertThat(e.platformCode()).hasValue(99);
    assertThat(e.errorDescription()).hasValue("Unable to verify your credentials");
    assertThat(e.getMessage())
        .contains("HTTP 403", "code 99", "/oauth2/token", "client id and secret")
        .doesNotContain(SECRET)
        .doesNotContain("eHZ6");
  }

  @Test
  void aTokenTypeOtherThanBearerIsRefused() throws Exception {
    server.enqueue(200, "{\"token_type\":\"mac\",\"access_token\":\"" + TOKEN + "\"}");

    OAuth2Exception e =
        catchThrowableOfType(
            () -> twitter().fetch(AppCredentials.of(KEY, SECRET)), OAuth2Exception.class);

    assertThat(e.error()).hasValue(OAuth2Exception.INVALID_RESPONSE);
    assertThat(e.getMessage()).contains("'mac'").doesNotContain(TOKEN);
  }

  @Test
  void aServerEchoingTheSecretInItsDescriptionHasItBlankedOut() throws Exception {
    server.enqueue(
        401, "{\"error\":\"invalid_client\",\"error_description\":\"bad secret " + SECRET + "\"}");

    OAuth2Exception e =
        catchThrowableOfType(
            () -> twitter().fetch(AppCredentials.of(KEY, SECRET)), OAuth2Exception.class);

    assertThat(e.error()).hasValue("invalid_client");
    assertThat(e.getMessage()).doesNotContain(SECRET);
    assertThat(e.errorDescription().orElseThrow()).doesNotContain(SECRET);
  }

  @Test
  void anHtmlErrorPageIsReportedByStatusWithoutQuotingIt() throws Exception {
    server.enqueue(new RecordingServer.Response(502, "text/html", "<html>bad gateway</html>"));

    OAuth2Exception e =
        catchThrowableOfType(
            () -> twitter().fetch(AppCredentials.of(KEY, SECRET)), OAuth2Exception.class);

    assertThat(e.httpStatus()).isEqualTo(502);
    assertThat(e.error()).isEmpty();
    assertThat(e.getMessage()).contains("HTTP 502", "try again later").doesNotContain("<html>");
  }

  @Test
  void anUnreachableServerIsAnIoExceptionNamingTheEndpoint() throws Exception {
    java.net.URI dead = server.base();
    server.close();
    ClientCredentialsGrant grant =
        new ClientCredentialsGrant(http, Platforms.twitter().withHosts(Hosts.all(dead)), clock);

    java.io.IOException e =
        catchThrowableOfType(
            () -> grant.fetch(AppCredentials.of(KEY, SECRET)), java.io.IOException.class);

    assertThat(e.getMessage()).contains("could not reach", dead.toString()).doesNotContain(SECRET);
  }
}
