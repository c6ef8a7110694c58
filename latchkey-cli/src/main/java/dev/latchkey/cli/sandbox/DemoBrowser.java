package dev.latchkey.cli.sandbox;

import dev.latchkey.oauth1.Parameter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What the demo does in place of a person at a web browser: open a page, pick the account to sign
 * in as on the consent form, press a button, follow the redirect. Pages are parsed with jsoup and
 * forms are submitted the way a browser submits them (hidden fields, the checked radio button, the
 * pressed button's name and value, an {@code Origin} header).
 */
public final class DemoBrowser {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String USER_AGENT = "Mozilla/5.0 (latchkey demo; a person at a browser)";

  private final DemoHttp http;

  DemoBrowser(DemoHttp http) {
    this.http = http;
  }

  /** A page as the browser received it. */
  record Page(URI uri, int status, Document document, String location) {
    /** The page's {@code <title>}, or its first heading when it has none. */
    String title() {
      String t = document.title();
      if (t.isBlank()) {
        Element h = document.selectFirst("h1");
        t = h == null ? "" : h.text();
      }
      return t;
    }

    /** The text of the first element matching a CSS selector, or null. */
    String text(String cssQuery) {
      Element e = document.selectFirst(cssQuery);
      return e == null ? null : e.text().strip();
    }

    boolean isRedirect() {
      return status / 100 == 3 && location != null;
    }
  }

  /** GET, as typing the address or clicking a link does. */
  Page open(URI uri) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("User-Agent", USER_AGENT).GET().build();
    return page(
        uri, http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
  }

  /**
   * GET without waiting: for a redirect to a server that answers only once the demo itself is
   * listening for the result (the OAuth 2 loopback receiver).
   */
  CompletableFuture<Page> openLater(URI uri) {
    HttpRequest request =
        HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("User-Agent", USER_AGENT).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .thenApply(r -> page(uri, r));
  }

  /**
   * The consent form {@code id="oauth_form"}: signs in as {@code screenName} (the radio button
   * labelled {@code @screenName}) and presses the button {@code buttonId}.
   *
   * @throws DemoFailure when the page has no such form, account or button
   */
  Page signInAndPress(Page page, String formId, String screenName, String buttonId)
      throws IOException, InterruptedException {
    Element form = page.document().getElementById(formId);
    if (form == null || !form.tagName().equals("form")) {
      throw new DemoFailure(
          "the page at " + withoutQuery(page.uri()) + " has no form id=\"" + formId + "\"");
    }
    Element chosen = radioFor(form, screenName);
    if (chosen == null) {
      throw new DemoFailure(
          "the authorize page offers no account @" + screenName + " to sign in as");
    }
    Element button = form.getElementById(buttonId);
    if (button == null || button.attr("name").isEmpty()) {
      throw new DemoFailure("the authorize page has no button id=\"" + buttonId + "\"");
    }
    List<Parameter> fields = new ArrayList<>();
    for (Element input : form.select("input[name]")) {
      String type = input.attr("type").toLowerCase(Locale.ROOT);
      String name = input.attr("name");
      if (type.equals("radio") || type.equals("checkbox")) {
        boolean on =
            input == chosen || (!name.equals(chosen.attr("name")) && input.hasAttr("checked"));
        if (on) {
          fields.add(new Parameter(name, input.hasAttr("value") ? input.attr("value") : "on"));
        }
      } else if (!type.equals("submit") && !type.equals("button") && !type.equals("image")) {
        fields.add(new Parameter(name, input.attr("value")));
      }
    }
    fields.add(new Parameter(button.attr("name"), button.attr("value")));
    String action = form.attr("action");
    URI target = action.isBlank() ? page.uri() : page.uri().resolve(action);
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(TIMEOUT)
            .header("User-Agent", USER_AGENT)
            .header("Origin", target.getScheme() + "://" + target.getRawAuthority())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(Parameter.formEncode(fields)))
            .build();
    return page(
        target, http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
  }

  /** The radio button whose label reads {@code @screenName}. */
  private static Element radioFor(Element form, String screenName) {
    String wanted = "@" + screenName.toLowerCase(Locale.ROOT);
    for (Element label : form.select("label")) {
      String text = label.text().strip().toLowerCase(Locale.ROOT);
      if (text.equals(wanted) || text.startsWith(wanted + " ")) {
        Element radio = label.selectFirst("input[type=radio]");
        if (radio != null) {
          return radio;
        }
      }
    }
    return null;
  }

  private static Page page(URI uri, HttpResponse<String> response) {
    Document document = Jsoup.parse(response.body(), uri.toString());
    String location = response.headers().firstValue("Location").orElse(null);
    return new Page(uri, response.statusCode(), document, location);
  }

  /** An address without its query, for messages (queries carry tokens). */
  static String withoutQuery(URI uri) {
    String s = uri.toString();
    int q = s.indexOf('?');
    return q < 0 ? s : s.substring(0, q);
  }
}
