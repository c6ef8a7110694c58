package dev.latchkey.sandbox.internal.oauth2;

import dev.latchkey.oauth1.Parameter;
import dev.latchkey.oauth1.PercentEncoding;
import dev.latchkey.sandbox.internal.Html;
import dev.latchkey.sandbox.internal.OAuth2Facts;
import dev.latchkey.sandbox.internal.PlatformState;
import dev.latchkey.sandbox.internal.Requests;
import dev.latchkey.sandbox.internal.ThreeLeggedEndpoints;
import dev.latchkey.sandbox.internal.UserProfile;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The authorization endpoint (RFC 6749 §3.1, §4.1.1) with PKCE (RFC 7636 §4.3): validates the
 * request as strictly as the platform, shows a consent page, and redirects back with a code or an
 * error (§4.1.2).
 */
final class AuthorizationEndpoint {
  private final OAuth2State state;
  private final PlatformState platform;
  private final OAuth2Facts facts;

  AuthorizationEndpoint(OAuth2State state) {
    this.state = state;
    this.platform = state.platformState();
    this.facts = state.facts();
  }

  /** GET: the consent page, or an error page / error redirect for a bad request. */
  void show(Context ctx) {
    Html.pageHeaders(ctx);
    Map<String, String> q = new LinkedHashMap<>();
    for (Parameter p : Requests.query(ctx)) {
      q.putIfAbsent(p.name(), p.value());
    }
    OAuth2State.Client client = state.client(q.get("client_id"));
    if (client == null) {
      errorPage(ctx, "Unknown client", "No app with this client_id is registered.");
      return;
    }
    String redirect = q.get("redirect_uri");
    if (redirect == null && facts.singleRedirectIsDefault() && client.redirectUris().size() == 1) {
      redirect = client.redirectUris().get(0);
    }
    if (redirect == null || !redirectAllowed(client, redirect)) {
      errorPage(
          ctx,
          "Invalid redirect_uri",
          "The redirect_uri is not registered for this app (loopback addresses on any port are"
              + " always accepted).");
      return;
    }
    String stateParam = q.get("state");
    if (!"code".equals(q.get("response_type"))) {
      redirectError(ctx, redirect, "unsupported_response_type", stateParam);
      return;
    }
    String challenge = q.get("code_challenge");
    String method = q.getOrDefault("code_challenge_method", challenge == null ? null : "plain");
    if (facts.pkceRequired() && (challenge == null || challenge.isEmpty())) {
      redirectError(ctx, redirect, "invalid_request", stateParam);
      return;
    }
    if (method != null && !method.equalsIgnoreCase("S256") && !method.equalsIgnoreCase("plain")) {
      redirectError(ctx, redirect, "invalid_request", stateParam);
      return;
    }
    Set<String> scopes = new LinkedHashSet<>();
    for (String s : q.getOrDefault("scope", "").split("[ +]+")) {
      if (!s.isEmpty()) {
        scopes.add(s);
      }
    }
    if (scopes.isEmpty() || (facts.stateRequired() && stateParam == null)) {
      redirectError(ctx, redirect, "invalid_request", stateParam);
      return;
    }
    OAuth2State.Pending p =
        state.startAuthorization(client, redirect, scopes, stateParam, challenge, method);
    StringBuilder users = new StringBuilder();
    boolean first = true;
    for (UserProfile u : platform.users()) {
      users
          .append("<label><input type=\"radio\" name=\"user_id\" value=\"")
          .append(u.id())
          .append("\"")
          .append(first ? " checked" : "")
          .append("> @")
          .append(Html.escape(u.screenName()))
          .append(" (")
          .append(Html.escape(u.name()))
          .append(")</label>\n");
      first = false;
    }
    StringBuilder scopeList = new StringBuilder("<ul id=\"scopes\">");
    for (String s : scopes) {
      scopeList.append("<li><code>").append(Html.escape(s)).append("</code></li>");
    }
    scopeList.append("</ul>");
    String body =
        "<h1><strong id=\"app_name\">"
            + Html.escape(client.app().name())
            + "</strong> wants to access your "
            + Html.escape(platform.description().displayName())
            + " sandbox account</h1>\n<p>It asks for these scopes:</p>\n"
            + scopeList
            + "\n<form id=\"oauth_form\" method=\"post\">\n"
            + "<input type=\"hidden\" name=\"request_id\" value=\""
            + Html.escape(p.id())
            + "\">\n<fieldset><legend>Sign in as</legend>\n"
            + users
            + "</fieldset>\n"
            + "<button id=\"allow\" name=\"allow\" value=\"1\" type=\"submit\">Authorize app</button>"
            + "<button id=\"cancel\" name=\"cancel\" value=\"1\" type=\"submit\">Cancel</button>\n"
            + "</form>\n<p><small>This is the Latchkey sandbox: an offline emulator.</small></p>";
    ctx.status(200).result(Html.page("Authorize app – Latchkey sandbox", body));
  }

  /** POST: the user's decision; a code (§4.1.2) or {@code access_denied} (§4.1.2.1). */
  void submit(Context ctx) {
    Html.pageHeaders(ctx);
    if (ThreeLeggedEndpoints.refusedForeignPage(ctx, platform.description())) {
      return;
    }
    Map<String, String> form = OAuth2Requests.body(ctx);
    OAuth2State.Pending p = state.takePending(form.get("request_id"));
    if (p == null) {
      errorPage(ctx, "Expired", "This authorization page is no longer valid; start again.");
      return;
    }
    if (form.get("cancel") != null || form.get("allow") == null) {
      redirectError(ctx, p.redirectUri(), "access_denied", p.state());
      return;
    }
    UserProfile user = null;
    for (UserProfile u : platform.users()) {
      if (Long.toString(u.id()).equals(form.get("user_id"))
          || u.screenName().equalsIgnoreCase(String.valueOf(form.get("user_id")))) {
        user = u;
      }
    }
    if (user == null) {
      user = platform.users().get(0);
    }
    String code = state.issueCode(p, user.id());
    String query =
        (p.state() == null ? "" : "state=" + PercentEncoding.encode(p.state()) + "&")
            + "code="
            + PercentEncoding.encode(code);
    ctx.redirect(Html.withQuery(p.redirectUri(), query), HttpStatus.FOUND);
  }

  private static void redirectError(Context ctx, String redirect, String error, String state) {
    String query =
        "error=" + error + (state == null ? "" : "&state=" + PercentEncoding.encode(state));
    ctx.redirect(Html.withQuery(redirect, query), HttpStatus.FOUND);
  }

  private static void errorPage(Context ctx, String title, String text) {
    ctx.status(400)
        .result(
            Html.page(
                title + " – Latchkey sandbox",
                "<div id=\"oauth_error\"><h1>"
                    + Html.escape(title)
                    + "</h1><p>"
                    + Html.escape(text)
                    + "</p></div>"));
  }

  /** Registered exactly (ignoring the query), or loopback on any port (RFC 8252 §7.3). */
  static boolean redirectAllowed(OAuth2State.Client client, String redirect) {
    URI uri;
    try {
      uri = new URI(redirect);
    } catch (Exception e) {
      return false;
    }
    if (uri.getScheme() == null || uri.getHost() == null || uri.getFragment() != null) {
      return false;
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (scheme.equals("http")
        && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"))) {
      return true;
    }
    return client.redirectUris().contains(redirect);
  }
}
