package dev.latchkey.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latchkey.platform.Hosts;
import dev.latchkey.platform.Platforms;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LoopbackReceiverTest {
  final HttpClient http = HttpClient.newHttpClient();

  AuthorizationRequest requestFor(URI redirect) {
    return new AuthorizationCodeGrant(
            http,
            Platforms.twitter().withHosts(Hosts.all(URI.create("http://127.0.0.1:1"))),
            OAuth2Client.publicClient("cid"),
            Clock.systemUTC(),
            new SecureRandom())
        .request(redirect, List.of("tweet.read"));
  }

  CompletableFuture<HttpResponse<String>> browse(URI uri) {
    return http.sendAsync(
        HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void receivesTheCodeShowsAFriendlyPageAndStopsListening() throws Exception {
    LoopbackReceiver receiver = LoopbackReceiver.open(0, "/callback");
    URI redirect = receiver.redirectUri();
    assertThat(redirect.toString()).matches("http://127\\.0\\.0\\.1:\\d+/callback");
    AuthorizationRequest req = requestFor(redirect);

    CompletableFuture<HttpResponse<String>> page =
        browse(URI.create(redirect + "?state=" + req.state() + "&code=abc"));
    String code = receiver.awaitCode(req, Duration.ofSeconds(10));

    assertThat(code).isEqualTo("abc");
    HttpResponse<String> response = page.get();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(response.body()).contains("You can close this tab").doesNotContain("abc");
    assertThatThrownBy(
            () ->
                http.send(
                    HttpRequest.newBuilder(redirect).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void aRedirectWithTheWrongStateIsRejectedAndTheServerCloses() throws Exception {
    LoopbackReceiver receiver = LoopbackReceiver.open(0, "/cb");
    AuthorizationRequest req = requestFor(receiver.redirectUri());

    CompletableFuture<HttpResponse<String>> page =
        browse(URI.create(receiver.redirectUri() + "?state=forged&code=abc"));
    OAuth2Exception e =
        catchThrowableOfType(
            () -> receiver.awaitCode(req, Duration.ofSeconds(10)), OAuth2Exception.class);

    assertThat(e.error()).hasValue(OAuth2Exception.STATE_MISMATCH);
    assertThat(page.get().statusCode()).isEqualTo(400);
    assertThat(page.get().body()).contains("does not match", "Nothing was stored");
  }

  @Test
  void otherPathsGet404AndDoNotEndTheWait() throws Exception {
    try (LoopbackReceiver receiver = LoopbackReceiver.open(0, "/callback")) {
      AuthorizationRequest req = requestFor(receiver.redirectUri());
      URI favicon = receiver.redirectUri().resolve("/favicon.ico");
      assertThat(browse(favicon).get().statusCode()).isEqualTo(404);

      CompletableFuture<HttpResponse<String>> page =
          browse(URI.create(receiver.redirectUri() + "?code=c2&state=" + req.state()));
      assertThat(receiver.awaitCode(req, Duration.ofSeconds(10))).isEqualTo("c2");
      assertThat(page.get().statusCode()).isEqualTo(200);
    }
  }

  @Test
  void noAnswerInTimeIsATimeoutNamingTheRedirect() throws Exception {
    LoopbackReceiver receiver = LoopbackReceiver.open(0, "/callback");
    AuthorizationRequest req = requestFor(receiver.redirectUri());

    OAuth2Exception e =
        catchThrowableOfType(
            () -> receiver.awaitCode(req, Duration.ofMillis(200)), OAuth2Exception.class);

    assertThat(e.error()).hasValue(OAuth2Exception.TIMEOUT);
    assertThat(e.getMessage()).contains(receiver.redirectUri().toString(), "paste");
  }
}
