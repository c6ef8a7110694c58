package dev.latchkey.oauth1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latchkey.http.ApiClient;
import dev.latchkey.http.ApiException;
import dev.latchkey.http.FakePlatformServer;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.platform.Hosts;
import dev.latchkey.platform.Platforms;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThreeLeggedFlowTest {
  private static final AppCredentials APP =
      AppCredentials.of(FakePlatformServer.CONSUMER_KEY, FakePlatformServer.CONSUMER_SECRET);

  private FakePlatformServer server;
  private ApiClient client;
  private final HttpClient browser = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    server = FakePlatformServer.start("/twitter");
    client =
        new ApiClient(
            HttpClient.newHttpClient(),
            Platforms.twitter().withHosts(Hosts.all(server.base())),
            Clock.systemUTC(),
            Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String requestToken(TemporaryCredentials t) {
    return t.token().reveal();
  }

  @Test
  void pinFlowEndsWithAVerifiedTokenNamingTheUser() throws Exception {
    PinAuthorization pin = new PinAuthorization(client, APP);
    TemporaryCredentials started = pin.start(AccessType.READ);
    assertThat(started.authorizeUri().toString())
        .isEqualTo(server.base() + "/oauth/authorize?oauth_token=" + requestToken(started));
    assertThat(server.callbackOf(requestToken(started))).isEqualTo("oob");
    assertThat(server.received().get(0).rawQuery()).isEqualTo("x_auth_access_type=read");

    OAuth1Token token = pin.complete(started, " " + server.approve(requestToken(started)) + "\n");

    assertThat(token.userId()).isEqualTo(FakePlatformServer.USER_ID);
    assertThat(token.screenName()).isEqualTo(FakePlatformServer.SCREEN_NAME);
    assertThat(token.accessLevel()).isEqualTo("read-write");
    assertThat(token.token().reveal()).startsWith(FakePlatformServer.USER_ID + "-access");
    List<String> paths =
        server.received().stream().map(FakePlatformServer.Received::rawPath).toList();
    assertThat(paths)
        .containsExactly(
            "/twitter/oauth/request_token",
            "/twitter/oauth/access_token",
            "/twitter/1.1/account/verify_credentials.json");
    assertThat(server.received().get(1).method()).isEqualTo("POST");
    assertThat(server.received().get(1).header("Authorization")).contains("oauth_verifier=\"");
  }

  @Test
  void wrongPinIsRefusedByThePlatform() throws Exception {
    PinAuthorization pin = new PinAuthorization(client, APP);
    TemporaryCredentials started = pin.start(null);
    server.approve(requestToken(started));
    ApiException e =
        catchThrowableOfType(ApiException.class, () -> pin.complete(started, "0000000"));
    assertThat(e.status()).isEqualTo(401);
    assertThat(server.received().get(0).rawQuery()).isNull();
  }

  @Test
  void emptyPinIsReportedBeforeAnyCall() throws Exception {
    PinAuthorization pin = new PinAuthorization(client, APP);
    TemporaryCredentials started = pin.start(null);
    AuthorizationException e =
        catchThrowableOfType(AuthorizationException.class, () -> pin.complete(started, "  "));
    assertThat(e.getMessage()).isEqualTo("no PIN given; copy the PIN the authorize page shows");
    assertThat(server.received()).hasSize(1);
  }

  @Test
  void unconfirmedCallbackStopsTheFlow() {
    server.cann("/oauth/request_token", 200, Map.of(), "oauth_token=a&oauth_token_secret=b");
    AuthorizationException e =
        catchThrowableOfType(
            AuthorizationException.class, () -> new PinAuthorization(client, APP).start(null));
    assertThat(e.reason()).isEqualTo(AuthorizationException.Reason.CALLBACK_NOT_CONFIRMED);
  }

  @Test
  void answerWithoutTokenIsReportedAsIncomplete() {
    server.cann("/oauth/request_token", 200, Map.of(), "oauth_callback_confirmed=true");
    AuthorizationException e =
        catchThrowableOfType(
            AuthorizationException.class, () -> new PinAuthorization(client, APP).start(null));
    assertThat(e.reason()).isEqualTo(AuthorizationException.Reason.INCOMPLETE_ANSWER);
    assertThat(e.getMessage()).contains("has no oauth_token");
  }

  @Test
  void callbackFlowReceivesTheVerifierOnLoopbackAndChecksState() throws Exception {
    try (CallbackAuthorization.Session session =
        new CallbackAuthorization(client, APP).start(0, null)) {
      String rt =
          server.received().isEmpty() ? null : tokenFromAuthorizeUri(session.authorizeUri());
      String callback = server.callbackOf(rt);
      assertThat(callback).startsWith(session.registeredCallback() + "?state=");
      assertThat(session.registeredCallback().toString())
          .isEqualTo("http://127.0.0.1:" + session.port() + "/callback");

      // A forged callback without the state is turned away and the flow keeps waiting.
      HttpResponse<String> forged =
          get(
              URI.create(
                  session.registeredCallback() + "?oauth_token=" + rt + "&oauth_verifier=1"));
      assertThat(forged.statusCode()).isEqualTo(400);

      String verifier = server.approve(rt);
      HttpResponse<String> page =
          get(URI.create(callback + "&oauth_token=" + rt + "&oauth_verifier=" + verifier));
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("You can close this tab");
      assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");

      OAuth1Token token = session.await(Duration.ofSeconds(10));
      assertThat(token.screenName()).isEqualTo(FakePlatformServer.SCREEN_NAME);
    }
  }

  @Test
  void callbackForAnotherRequestTokenIsAnswered400AndTheWaitGoesOn() throws Exception {
    try (CallbackAuthorization.Session session =
        new CallbackAuthorization(client, APP).start(0, null)) {
      String rt = tokenFromAuthorizeUri(session.authorizeUri());
      String callback = server.callbackOf(rt);
      HttpResponse<String> page = get(URI.create(callback + "&oauth_token=other&oauth_verifier=1"));
      assertThat(page.statusCode()).isEqualTo(400);
      assertThat(get(URI.create(callback + "&denied=other")).statusCode()).isEqualTo(400);

      String verifier = server.approve(rt);
      assertThat(
              get(URI.create(callback + "&oauth_token=" + rt + "&oauth_verifier=" + verifier))
                  .statusCode())
          .isEqualTo(200);
      assertThat(session.await(Duration.ofSeconds(10)).screenName())
          .isEqualTo(FakePlatformServer.SCREEN_NAME);
    }
  }

  @Test
  void deniedCallbackIsReportedAsDenied() throws Exception {
    try (CallbackAuthorization.Session session =
        new CallbackAuthorization(client, APP).start(0, AccessType.WRITE)) {
      String rt = tokenFromAuthorizeUri(session.authorizeUri());
      String callback = server.callbackOf(rt);
      assertThat(get(URI.create(callback + "&denied=" + rt)).statusCode()).isEqualTo(200);
      AuthorizationException e =
          catchThrowableOfType(
              AuthorizationException.class, () -> session.await(Duration.ofSeconds(10)));
      assertThat(e.reason()).isEqualTo(AuthorizationException.Reason.DENIED);
      assertThat(e.getMessage())
          .isEqualTo(
              "the authorization was denied on twitter; run the command again and choose Authorize");
    }
  }

  @Test
  void theGenuineCallbackSentWithAForeignHostIsAnswered400AndTheWaitGoesOn() throws Exception {
    try (CallbackAuthorization.Session session =
        new CallbackAuthorization(client, APP).start(0, null)) {
      String rt = tokenFromAuthorizeUri(session.authorizeUri());
      String verifier = server.approve(rt);
      URI callback =
          URI.create(server.callbackOf(rt) + "&oauth_token=" + rt + "&oauth_verifier=" + verifier);
      String target = callback.getRawPath() + "?" + callback.getRawQuery();
      for (String host : List.of("attacker.example:" + session.port(), "[::1]:" + session.port())) {
        assertThat(raw(session.port(), target, host)).as(host).startsWith("HTTP/1.1 400");
      }
      assertThat(raw(session.port(), target, "localhost:" + session.port()))
          .startsWith("HTTP/1.1 200");
      assertThat(session.await(Duration.ofSeconds(10)).screenName())
          .isEqualTo(FakePlatformServer.SCREEN_NAME);
    }
  }

  @Test
  void aClientSendingOneBytePerSecondDoesNotHoldUpTheCallback() throws Exception {
    try (CallbackAuthorization.Session session =
            new CallbackAuthorization(client, APP).start(0, null, Duration.ofSeconds(2));
        Socket slow = new Socket(InetAddress.getLoopbackAddress(), session.port())) {
      String rt = tokenFromAuthorizeUri(session.authorizeUri());
      String callback = server.callbackOf(rt);
      slow.setSoTimeout(10_000);
      Thread trickle =
          new Thread(
              () -> {
                try {
                  for (byte b : "GET /callback?state=x HTTP/1.1\r\n".getBytes()) {
                    slow.getOutputStream().write(b);
                    slow.getOutputStream().flush();
                    Thread.sleep(1_000);
                  }
                } catch (Exception e) {
                  // cut off by the server
                }
              });
      trickle.start();
      Thread.sleep(1_200);

      String verifier = server.approve(rt);
      long start = System.nanoTime();
      HttpResponse<String> page =
          get(URI.create(callback + "&oauth_token=" + rt + "&oauth_verifier=" + verifier));
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(session.await(Duration.ofSeconds(10)).screenName())
          .isEqualTo(FakePlatformServer.SCREEN_NAME);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(slow.getInputStream().read()).as("the slow client was cut off").isEqualTo(-1);
      trickle.interrupt();
      trickle.join();
    }
  }

  private static String raw(int port, String target, String host) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  @Test
  void noCallbackInTimeIsReported() throws Exception {
    try (CallbackAuthorization.Session session =
        new CallbackAuthorization(client, APP).start(0, null)) {
      AuthorizationException e =
          catchThrowableOfType(
              AuthorizationException.class, () -> session.await(Duration.ofMillis(50)));
      assertThat(e.reason()).isEqualTo(AuthorizationException.Reason.TIMED_OUT);
    }
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return browser.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String tokenFromAuthorizeUri(URI authorize) {
    String q = authorize.getRawQuery();
    return q.substring(q.indexOf("oauth_token=") + "oauth_token=".length());
  }
}
