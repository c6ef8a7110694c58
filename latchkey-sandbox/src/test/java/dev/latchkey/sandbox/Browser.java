package dev.latchkey.sandbox;

import dev.latchkey.oauth1.Parameter;
import dev.latchkey.oauth1.PercentEncoding;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A person at the authorize page, in test form: GET the page, POST the form. */
final class Browser {
  private static final Pattern PIN =
      Pattern.compile("<div id=\"oauth_pin\">.*?<code>([0-9]+)</code>", Pattern.DOTALL);

  private Browser() {}

  static HttpResponse<String> open(URI authorizeUrl) {
    return SignedCall.send(HttpRequest.newBuilder(authorizeUrl).GET().build());
  }

  /** Submits the consent form for {@code requestToken} as the given user. */
  static HttpResponse<String> submit(
      URI authorizeUrl, String requestToken, String userId, boolean allow) {
    String body =
        Parameter.formEncode(
            List.of(
                new Parameter("oauth_token", requestToken),
                new Parameter("user_id", userId),
                new Parameter(allow ? "allow" : "cancel", "1")));
    return SignedCall.send(
        HttpRequest.newBuilder(authorizeUrl)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  static String pin(HttpResponse<String> page) {
    Matcher m = PIN.matcher(page.body());
    if (!m.find()) {
      throw new AssertionError("no PIN on the page: " + page.body());
    }
    return m.group(1);
  }

  static URI authorizeUrl(URI base, String requestToken) {
    return URI.create(
        base + "/oauth/authorize?oauth_token=" + PercentEncoding.encode(requestToken));
  }

  static Map<String, String> form(String body) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (Parameter p : Parameter.parseForm(body)) {
      out.put(p.name(), p.value());
    }
    return out;
  }
}
