package dev.latchkey.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted browser over the JDK's HTTP client: signs in with the one-time address, keeps the
 * session cookie and the page's CSRF token, and sends whatever headers a test wants (a foreign
 * {@code Host} too: the surefire configuration allows it).
 */
final class HttpSession {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]*)\"");

  final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  final URI base;
  final int port;
  String cookie;
  String csrf;

  HttpSession(Dashboard dashboard) {
    this.base = dashboard.baseUri();
    this.port = dashboard.port();
  }

  /** Exchanges the one-time address for the cookie, and reads a CSRF token from a page. */
  HttpSession signIn(URI signIn) throws IOException, InterruptedException {
    HttpResponse<String> r = send(HttpRequest.newBuilder(signIn).GET());
    if (r.statusCode() != 200 || !r.body().contains("url=/\"")) {
      throw new AssertionError("sign-in answered " + r.statusCode() + ": " + r.body());
    }
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    cookie = setCookie.substring(0, setCookie.indexOf(';'));
    HttpResponse<String> page = get("/unlock");
    if (page.statusCode() == 303) {
      page = get("/");
    }
    Matcher m = CSRF.matcher(page.body());
    if (!m.find()) {
      throw new AssertionError("no CSRF token in " + page.body());
    }
    csrf = m.group(1);
    return this;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(withCookie(HttpRequest.newBuilder(base.resolve(path)).GET()));
  }

  /** A form POST from the dashboard's own page: cookie, Origin and CSRF token. */
  HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
    return send(
        withCookie(
            HttpRequest.newBuilder(base.resolve(path))
                .header("Origin", "http://127.0.0.1:" + port)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        form.isEmpty() ? "csrf=" + csrf : form + "&csrf=" + csrf))));
  }

  HttpRequest.Builder withCookie(HttpRequest.Builder b) {
    return cookie == null ? b : b.header("Cookie", cookie);
  }

  HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
    return http.send(
        b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
