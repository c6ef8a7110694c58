package dev.latchkey.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latchkey.http.NetworkException;
import dev.latchkey.platform.Hosts;
import dev.latchkey.platform.Platforms;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

  /** Sends {@code request} as is on a new connection and returns the whole response. */
  static String raw(URI base, String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", base.getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String get(URI uri, String host) {
    return "GET "
        + uri.getRawPath()
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
        + " HTTP/1.1\r\nHost: "
        + host
        + "\r\nConnection: close\r\n\r\n";
  }

  /** Sends the genuine redirect and checks that the receiver takes it. */
  void genuineRedirectStillWorks(LoopbackReceiver receiver, AuthorizationRequest req)
      throws Exception {
    CompletableFuture<HttpResponse<String>> page =
        browse(URI.create(receiver.redirectUri() + "?state=" + req.state() + "&code=genuine"));
    assertThat(receiver.awaitCode(req, Duration.ofSeconds(10))).isEqualTo("genuine");
    assertThat(page.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void theGenuineRedirectSentWithAForeignHostIsAnswered400AndTheWaitGoesOn() throws Exception {
    try (LoopbackReceiver receiver = LoopbackReceiver.open(0, "/callback")) {
      AuthorizationRequest req = requestFor(receiver.redirectUri());
      URI forged = URI.create(receiver.redirectUri() + "?state=" + req.state() + "&code=stolen");
      int port = receiver.redirectUri().getPort();
      CompletableFuture<String> code =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return receiver.awaitCode(req, Duration.ofSeconds(10));
                } catch (Exception e) {
                  return e.toString();
                }
              });

      for (String host :
          List.of("evil.example:" + port, "127.0.0.1", "localhost:1", "127.0.0.1:" + port + ".")) {
        assertThat(raw(forged, get(forged, host))).as(host).startsWith("HTTP/1.1 400");
      }
      String twoHosts =
          get(forged, "127.0.0.1:" + port).replace("\r\n\r\n", "\r\nHost: evil.example\r\n\r\n");
      assertThat(raw(forged, twoHosts)).startsWith("HTTP/1.1 400");
      assertThat(code).isNotDone();

      String page = raw(forged, get(forged, "LOCALHOST:" + port));
      assertThat(page).startsWith("HTTP/1.1 200");
      assertThat(code.get(10, TimeUnit.SECONDS)).isEqualTo("stolen"); // the genuine Host works
    }
  }

  @Test
  void strayRequestsAreAnswered400AndTheWaitGoesOn() throws Exception {
    try (LoopbackReceiver receiver = LoopbackReceiver.open(0, "/callback")) {
      AuthorizationRequest req = requestFor(receiver.redirectUri());
      URI base = receiver.redirectUri();
      List<String> strays =
          List.of(
              base + "?state=wrong&code=x",
              base.toString(), // a bare GET, as an <img> on any page can send
              base + "?code=x",
              base + "?error=access_denied",
              base + "?state=" + req.state() + "&state=wrong&code=x",
              base.resolve("/favicon.ico") + "?state=" + req.state() + "&code=x");
      CompletableFuture<String> code =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return receiver.awaitCode(req, Duration.ofSeconds(10));
                } catch (Exception e) {
                  return e.toString();
                }
              });
      for (String stray : strays) {
        HttpResponse<String> r = browse(URI.create(stray)).get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(stray).isEqualTo(400);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
      }
      HttpResponse<String> post =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "?state=" + req.state() + "&code=x"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(400);
      String malformed =
          "GET /callback?state="
              + req.state()
              + "%zz&code=x HTTP/1.1\r\nHost: 127.0.0.1:"
              + base.getPort()
              + "\r\n\r\n";
      assertThat(raw(base, malformed)).startsWith("HTTP/1.1 400");
      assertThat(code).isNotDone();

      assertThat(browse(URI.create(base + "?state=" + req.state() + "&code=c2")).get().statusCode())
          .isEqualTo(200);
      assertThat(code.get(10, TimeUnit.SECONDS)).isEqualTo("c2");
    }
  }

  @Test
  void aRedirectSayingDeniedWithTheRightStateEndsTheWait() throws Exception {
    LoopbackReceiver receiver = LoopbackReceiver.open(0, "/cb");
    AuthorizationRequest req = requestFor(receiver.redirectUri());

    CompletableFuture<HttpResponse<String>> page =
        browse(
            URI.create(receiver.redirectUri() + "?state=" + req.state() + "&error=access_denied"));
    OAuth2Exception e =
        catchThrowableOfType(
            () -> receiver.awaitCode(req, Duration.ofSeconds(10)), OAuth2Exception.class);

    assertThat(e.error()).hasValue("access_denied");
    assertThat(page.get().statusCode()).isEqualTo(400);
    assertThat(page.get().body()).contains("not granted", "Nothing was stored");
  }

  @Test
  void aClientSendingOneBytePerSecondHoldsUpNeitherTheRedirectNorTheFlow() throws Exception {
    try (LoopbackReceiver receiver = LoopbackReceiver.open(0, "/callback")) {
      AuthorizationRequest req = requestFor(receiver.redirectUri());
      URI base = receiver.redirectUri();
      Socket slow = new Socket("127.0.0.1", base.getPort());
      byte[] request =
          get(
                  URI.create(base + "?state=" + req.state() + "&code=slow"),
                  "127.0.0.1:" + base.getPort())
              .getBytes(StandardCharsets.US_ASCII);
      Thread trickle =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 20; i++) { // half of the request line, then it gives up
                    slow.getOutputStream().write(request[i]);
                    slow.getOutputStream().flush();
                    Thread.sleep(1_000);
                  }
                } catch (Exception e) {
                  // cut off by the receiver
                } finally {
                  try {
                    slow.close();
                  } catch (Exception ignored) {
                    // closing anyway
                  }
                }
              });
      trickle.start();
      Thread.sleep(1_500); // the slow client has started

      long start = System.nanoTime();
      genuineRedirectStillWorks(receiver, req);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      trickle.interrupt();
      trickle.join();
    }
  }

  @Test
  void aClientThatDoesNotFinishItsRequestWithinTheReadTimeoutIsCutOff() throws Exception {
    try (LoopbackReceiver receiver = LoopbackReceiver.open(0, "/callback", Duration.ofMillis(500));
        Socket slow = new Socket("127.0.0.1", receiver.redirectUri().getPort())) {
      slow.setSoTimeout(10_000);
      long start = System.nanoTime();
      slow.getOutputStream().write("GET /cal".getBytes(StandardCharsets.US_ASCII));
      slow.getOutputStream().flush();

      assertThat(slow.getInputStream().read()).isEqualTo(-1); // closed without an answer
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(400))
          .isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void aHalfSentRequestDoesNotEndTheFlow() throws Exception {
    try (LoopbackReceiver receiver = LoopbackReceiver.open(0, "/callback")) {
      AuthorizationRequest req = requestFor(receiver.redirectUri());
      URI base = receiver.redirectUri();
      try (Socket half = new Socket("127.0.0.1", base.getPort())) {
        half.getOutputStream()
            .write(
                ("GET /callback?state=wrong&code=half HTTP/1.1\r\nHost: 127.0.0.1:"
                        + base.getPort()
                        + "\r\nUser-Agent: slo")
                    .getBytes(StandardCharsets.US_ASCII));
        half.getOutputStream().flush();
        Thread.sleep(300);
      }
      genuineRedirectStillWorks(receiver, req);
    }
  }

  @Test
  void aPortInUseIsANetworkExceptionNamingThePortAndTheWayOut() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      NetworkException e =
          catchThrowableOfType(
              () -> LoopbackReceiver.open(port, "/callback"), NetworkException.class);

      assertThat(e.getMessage())
          .startsWith("cannot listen on 127.0.0.1:" + port + " (BindException;")
          .contains("another program", "choose another port or paste the code");
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
