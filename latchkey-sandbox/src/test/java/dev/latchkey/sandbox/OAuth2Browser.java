package dev.latchkey.sandbox;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A person at the OAuth 2 consent page, in test form: open it, approve, return the redirect. */
final class OAuth2Browser {
  static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static final Pattern REQUEST_ID =
      Pattern.compile("name=\"request_id\" value=\"([A-Za-z0-9]+)\"");

  private OAuth2Browser() {}

  static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Opens the page, picks {@code userId} and presses Allow (or Cancel); returns the redirect. */
  static URI approve(URI authorizeUrl, String userId, boolean allow) throws Exception {
    HttpResponse<String> page = get(authorizeUrl);
    if (page.statusCode() != 200) {
      throw new AssertionError("consent page: " + page.statusCode() + " " + page.body());
    }
    Matcher m = REQUEST_ID.matcher(page.body());
    if (!m.find()
        || !page.body().contains("id=\"oauth_form\"")
        || !page.body().contains("id=\"allow\"")) {
      throw new AssertionError("no consent form on the page: " + page.body());
    }
    String form =
        "request_id="
            + m.group(1)
            + (userId == null
                ? ""
                : "&user_id=" + URLEncoder.encode(userId, StandardCharsets.UTF_8))
            + (allow ? "&allow=1" : "&cancel=1");
    HttpResponse<String> posted =
        HTTP.send(
            HttpRequest.newBuilder(authorizeUrl)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (posted.statusCode() != 302) {
      throw new AssertionError("consent post: " + posted.statusCode() + " " + posted.body());
    }
    return URI.create(posted.headers().firstValue("Location").orElseThrow());
  }
}
