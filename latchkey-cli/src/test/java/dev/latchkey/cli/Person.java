package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the person at the browser against the sandbox's authorize page: opens it, submits the form
 * {@code id="oauth_form"} with the {@code allow} (or {@code cancel}) button, and reads the PIN or
 * follows the redirect to the callback.
 */
public final class Person {
  private static final Pattern TOKEN = Pattern.compile("name=\"oauth_token\" value=\"([^\"]+)\"");
  private static final Pattern CHECKED_USER =
      Pattern.compile("name=\"user_id\" value=\"([^\"]+)\" checked");
  private static final Pattern PIN =
      Pattern.compile("<div id=\"oauth_pin\">.*?<code>([^<]+)</code>", Pattern.DOTALL);

  private final HttpClient browser =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  /** Opens the page and presses a button; returns the answer to the form post. */
  HttpResponse<String> decide(URI authorize, String button) throws Exception {
    HttpResponse<String> page = send(HttpRequest.newBuilder(authorize).GET().build());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"oauth_form\"");
    String token = find(TOKEN, page.body());
    String user = find(CHECKED_USER, page.body());
    String form =
        "oauth_token="
            + URLEncoder.encode(token, StandardCharsets.UTF_8)
            + "&user_id="
            + user
            + "&"
            + button
            + "=1";
    URI post = URI.create(authorize.toString().replaceFirst("\\?.*$", ""));
    return send(
        HttpRequest.newBuilder(post)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  /** Allows the app and reads the PIN the page shows. */
  String allowAndReadPin(URI authorize) throws Exception {
    return find(PIN, decide(authorize, "allow").body()).strip();
  }

  /** Allows the app and follows the redirect to the callback; returns the callback's page. */
  HttpResponse<String> allowAndFollowCallback(URI authorize) throws Exception {
    HttpResponse<String> redirect = decide(authorize, "allow");
    assertThat(redirect.statusCode()).isEqualTo(302);
    URI callback = URI.create(redirect.headers().firstValue("Location").orElseThrow());
    return send(HttpRequest.newBuilder(callback).GET().build());
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return browser.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String find(Pattern p, String text) {
    Matcher m = p.matcher(text);
    assertThat(m.find()).as("%s in %s", p, text).isTrue();
    return m.group(1);
  }
}
