package dev.latchkey.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxPlatform;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Whatever a client sends (method, path, Host, Origin, cookie, CSRF token, form), the dashboard
 * answers without a server error, never serves a foreign Host or a change without this origin and
 * the token, and never shows a stored secret.
 */
class RequestFuzzTest {
  private static Path dir;
  private static Fixture fixture;
  private static HttpSession browser;
  private static List<String> secrets;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("latchkey-dashboard-fuzz-");
    fixture = new Fixture(dir);
    browser = new HttpSession(fixture.dashboard).signIn(fixture.dashboard.signInUri());
    String p = URLEncoder.encode(Fixture.PASSPHRASE, StandardCharsets.UTF_8);
    browser.post("/unlock", "passphrase=" + p + "&repeat=" + p);
    SandboxKeys keys = fixture.sandbox.keys(SandboxPlatform.TWITTER);
    browser.post(
        "/add",
        "platform=twitter&name=ada&untested=1&consumer_key="
            + keys.consumerKey()
            + "&consumer_secret="
            + keys.consumerSecret()
            + "&access_token="
            + keys.accessToken()
            + "&access_token_secret="
            + keys.accessTokenSecret());
    secrets = List.of(keys.consumerSecret(), keys.accessToken(), keys.accessTokenSecret());
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  private static final List<String> PATHS =
      List.of(
          "/",
          "/add",
          "/add/untested",
          "/authorize",
          "/import",
          "/unlock",
          "/lock",
          "/login",
          "/accounts/check",
          "/accounts/twitter/ada",
          "/accounts/twitter/ada/check",
          "/accounts/twitter/ada/label",
          "/accounts/twitter/ada/rename",
          "/accounts/twitter/ada/default",
          "/accounts/twitter/ada/reveal",
          "/accounts/twitter/ada/export",
          "/oauth1/callback",
          "/oauth2/callback",
          "/static/dashboard.js");

  @FuzzTest(maxDuration = "60s")
  void anyRequestIsAnsweredSafely(FuzzedDataProvider data) throws Exception {
    // The fuzzer's SSRF detector: the dashboard and the sandbox it checks keys with, on loopback.
    try (SilentCloseable loopbackOnly =
        BugDetectors.allowNetworkConnections(
            (host, port) -> host.equals("127.0.0.1") || host.equals("localhost"))) {
      send(data);
    }
  }

  private void send(FuzzedDataProvider data) throws Exception {
    boolean post = data.consumeBoolean();
    String path = data.consumeBoolean() ? data.pickValue(PATHS) : "/" + data.consumeString(40);
    int hostChoice = data.consumeInt(0, 2);
    String host =
        switch (hostChoice) {
          case 0 -> "127.0.0.1:" + browser.port;
          case 1 -> "localhost:" + browser.port;
          default -> data.consumeString(30);
        };
    boolean ownOrigin = data.consumeBoolean();
    String origin = ownOrigin ? "http://" + host : data.consumeString(30);
    boolean cookie = data.consumeBoolean();
    boolean token = data.consumeBoolean();
    String form = data.consumeRemainingAsString();
    URI uri;
    HttpRequest request;
    try {
      uri = browser.base.resolve(path);
      if (!browser.base.getAuthority().equals(uri.getAuthority())) {
        return; // a path like //host/x names another server: not a request to the dashboard
      }
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Host", host);
      if (cookie) {
        b.header("Cookie", browser.cookie);
      }
      if (post) {
        b.header("Origin", origin)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(form + (token ? "&csrf=" + browser.csrf : "")));
      }
      request = b.build();
    } catch (IllegalArgumentException e) {
      return; // the client itself refuses to send this (bad URI or header value)
    }
    if (post && path.endsWith("/lock")) {
      return; // would lock the keychain for the next inputs
    }
    HttpResponse<String> r;
    try {
      r = browser.http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      return; // the server closed a request it could not parse: not a page
    }
    assertThat(r.statusCode()).as("%s %s", request.method(), uri).isLessThan(500);
    boolean own = hostChoice < 2 || browser.base.getHost().equals(host);
    if (!own
        && !host.equalsIgnoreCase("127.0.0.1:" + browser.port)
        && !host.equalsIgnoreCase("localhost:" + browser.port)) {
      assertThat(r.statusCode()).as("foreign Host %s", host).isIn(400, 403);
    }
    if (post && (!cookie || !token || !ownOrigin) && !path.startsWith("/login")) {
      assertThat(r.statusCode()).as("unauthorised change %s", path).isIn(400, 401, 403, 404, 405);
    }
    for (String s : secrets) {
      assertThat(r.body()).doesNotContain(s);
    }
  }
}
