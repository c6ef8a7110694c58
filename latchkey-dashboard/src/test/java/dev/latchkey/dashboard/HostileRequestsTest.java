package dev.latchkey.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests another web page, another program or a rebound DNS name could send: each is refused
 * before it reaches a page, and the keychain stays as it was.
 */
class HostileRequestsTest {
  @TempDir Path dir;
  Fixture fixture;
  HttpSession browser;

  @BeforeEach
  void start() throws Exception {
    fixture = new Fixture(dir);
    browser = new HttpSession(fixture.dashboard).signIn(fixture.dashboard.signInUri());
    HttpResponse<String> created =
        browser.post("/unlock", "passphrase=pass%20phrase&repeat=pass%20phrase");
    assertThat(created.statusCode()).isEqualTo(303);
    assertThat(browser.get("/").statusCode()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(browser.base.resolve(path));
  }

  @Test
  void foreignHostIsRefusedWith403EvenWithTheSessionCookie() throws Exception {
    for (String host :
        new String[] {
          "evil.example:" + browser.port, "evil.example", "127.0.0.1", "127.0.0.2:" + browser.port
        }) {
      HttpResponse<String> r = browser.send(browser.withCookie(request("/").header("Host", host)));
      assertThat(r.statusCode()).as(host).isEqualTo(403);
      assertThat(r.body()).as(host).contains("Host was refused").doesNotContain("<table");
    }
  }

  @Test
  void localhostWithThePortIsServed() throws Exception {
    HttpResponse<String> r =
        browser.send(browser.withCookie(request("/").header("Host", "localhost:" + browser.port)));
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void foreignHostCannotSpendTheSignInToken() throws Exception {
    try (Fixture other = new Fixture(dir.resolve("other"))) {
      URI signIn = other.dashboard.signInUri();
      HttpSession attacker = new HttpSession(other.dashboard);
      HttpResponse<String> r =
          attacker.send(HttpRequest.newBuilder(signIn).header("Host", "evil.example"));
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(other.dashboard.signInUri()).isEqualTo(signIn);
    }
  }

  @Test
  void foreignOriginIsRefusedWith403AndChangesNothing() throws Exception {
    for (String origin :
        new String[] {"http://evil.example", "http://127.0.0.1:1", "null", "https://127.0.0.1"}) {
      HttpResponse<String> r =
          browser.send(
              browser.withCookie(
                  request("/lock")
                      .header("Origin", origin)
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(HttpRequest.BodyPublishers.ofString("csrf=" + browser.csrf))));
      assertThat(r.statusCode()).as(origin).isEqualTo(403);
      assertThat(r.body()).as(origin).contains("Origin");
    }
    assertThat(browser.get("/").statusCode()).as("still unlocked").isEqualTo(200);
  }

  @Test
  void postWithoutOriginIsRefused() throws Exception {
    HttpResponse<String> r =
        browser.send(
            browser.withCookie(
                request("/lock")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("csrf=" + browser.csrf))));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(browser.get("/").statusCode()).isEqualTo(200);
  }

  @Test
  void missingOrWrongCsrfTokenIsRefusedWith403() throws Exception {
    for (String body : new String[] {"", "csrf=", "csrf=" + browser.csrf + "x"}) {
      HttpResponse<String> r =
          browser.send(
              browser.withCookie(
                  request("/lock")
                      .header("Origin", "http://127.0.0.1:" + browser.port)
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(HttpRequest.BodyPublishers.ofString(body))));
      assertThat(r.statusCode()).as(body).isEqualTo(403);
      assertThat(r.body()).as(body).contains("CSRF");
    }
    assertThat(browser.get("/").statusCode()).as("still unlocked").isEqualTo(200);
  }

  @Test
  void noCookieIsRefusedWith401ForPagesAndChanges() throws Exception {
    HttpResponse<String> page = browser.send(request("/"));
    assertThat(page.statusCode()).isEqualTo(401);
    assertThat(page.body()).doesNotContain("<table");
    HttpResponse<String> change =
        browser.send(
            request("/lock")
                .header("Origin", "http://127.0.0.1:" + browser.port)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + browser.csrf)));
    assertThat(change.statusCode()).isEqualTo(401);
    HttpResponse<String> wrong = browser.send(request("/").header("Cookie", browser.cookie + "x"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(browser.get("/").statusCode()).as("still unlocked").isEqualTo(200);
  }

  @Test
  void signInAddressWorksOnceAndIsThenUseless() throws Exception {
    URI used = URI.create(browser.base + "login?token=" + "x".repeat(43));
    assertThat(browser.send(HttpRequest.newBuilder(used)).statusCode()).isEqualTo(401);
    assertThat(fixture.dashboard.signInUri()).as("spent").isNull();
    URI fresh = fixture.dashboard.newSignInUri();
    HttpSession second = new HttpSession(fixture.dashboard).signIn(fresh);
    assertThat(second.get("/").statusCode()).isEqualTo(200);
    HttpResponse<String> again = second.send(HttpRequest.newBuilder(fresh));
    assertThat(again.statusCode()).isEqualTo(401);
    assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void sessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
    HttpResponse<String> r = browser.send(HttpRequest.newBuilder(fixture.dashboard.newSignInUri()));
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
    assertThat(r.body()).contains("<meta http-equiv=\"refresh\" content=\"0;url=/\">");
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    for (HttpResponse<String> r :
        new HttpResponse[] {
          browser.get("/"), browser.get("/add"), browser.send(request("/")), browser.get("/nope")
        }) {
      assertThat(r.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(
              csp ->
                  assertThat(csp)
                      .contains("script-src 'self'")
                      .contains("frame-ancestors 'none'")
                      .doesNotContain("unsafe-inline"));
      assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
      assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
      assertThat(r.headers().firstValue("Referrer-Policy")).contains("same-origin");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }
  }

  @Test
  void anUnknownAddressGetsThe404Page() throws Exception {
    HttpResponse<String> r = browser.get("/nope");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("There is no such page here.").contains("<h1>Not found</h1>");
  }

  @Test
  void theCollectionsEventStreamNeedsTheCookieAndTheOwnHost() throws Exception {
    assertThat(browser.send(request("/collections/events")).statusCode()).isEqualTo(401);
    HttpResponse<String> rebound =
        browser.send(
            browser.withCookie(request("/collections/events").header("Host", "evil.example")));
    assertThat(rebound.statusCode()).isEqualTo(403);
    HttpResponse<java.io.InputStream> stream =
        browser.http.send(
            browser
                .withCookie(request("/collections/events").header("Accept", "text/event-stream"))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (var in =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                stream.body(), java.nio.charset.StandardCharsets.UTF_8))) {
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(stream.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
      assertThat(in.readLine()).isEqualTo("event: collections");
      assertThat(in.readLine()).startsWith("data: {\"html\":").contains("No collections yet");
    }
  }

  @Test
  void rotationStepsFromAnotherOriginOrWithoutCsrfAreRefused() throws Exception {
    for (String path :
        new String[] {
          "/accounts/twitter/ada/rotate/invalidate", "/accounts/twitter/ada/rotate/keys"
        }) {
      HttpResponse<String> foreign =
          browser.send(
              browser.withCookie(
                  request(path)
                      .header("Origin", "http://evil.example")
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(HttpRequest.BodyPublishers.ofString("csrf=" + browser.csrf))));
      assertThat(foreign.statusCode()).as(path).isEqualTo(403);
      HttpResponse<String> noToken =
          browser.send(
              browser.withCookie(
                  request(path)
                      .header("Origin", "http://127.0.0.1:" + browser.port)
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(HttpRequest.BodyPublishers.ofString("consumer_key=a"))));
      assertThat(noToken.statusCode()).as(path).isEqualTo(403);
    }
  }

  @Test
  void pagesHaveNoInlineScript() throws Exception {
    for (String path : new String[] {"/", "/add", "/authorize", "/import", "/collections"}) {
      String body = browser.get(path).body();
      assertThat(body).as(path).doesNotContainPattern("<script(?![^>]*\\bsrc=)");
      assertThat(body).as(path).doesNotContainPattern("\\son[a-z]+=");
    }
  }

  @Test
  void listensOnLoopbackOnly() throws Exception {
    Optional<InetAddress> other =
        Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
            .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
            .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
            .findFirst();
    Assumptions.assumeTrue(other.isPresent(), "this machine has no non-loopback IPv4 address");
    assertThrows(
        ConnectException.class,
        () -> {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(other.get(), browser.port), 2000);
          }
        });
  }

  @Test
  void theLogHasPathsOnlyNeverTheSignInToken() throws IOException, InterruptedException {
    URI fresh = fixture.dashboard.newSignInUri();
    String token = fresh.getQuery().substring("token=".length());
    new HttpSession(fixture.dashboard).signIn(fresh);
    assertThat(fixture.log).isNotEmpty();
    assertThat(String.join("\n", fixture.log)).doesNotContain(token).doesNotContain("?");
  }
}
