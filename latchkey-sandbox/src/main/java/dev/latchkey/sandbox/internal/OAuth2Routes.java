package dev.latchkey.sandbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.oauth1.Parameter;
import dev.latchkey.oauth1.PercentEncoding;
import dev.latchkey.oauth2.RequiredScopes;
import dev.latchkey.sandbox.SandboxPlatform;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * OAuth 2 on one emulated platform (protocol-facts C and D, Tumblr's api.md): app-only tokens (RFC
 * 6749 §4.4), the authorization-code grant with PKCE (RFC 7636) behind a consent page, token
 * refresh with rotation (§6), revocation (RFC 7009), and bearer authentication of API calls.
 *
 * <p>X: {@code /twitter/oauth2/token}, {@code /twitter/oauth2/invalidate_token}, {@code
 * /twitter/i/oauth2/authorize}, {@code /twitter/2/oauth2/token}, {@code /twitter/2/oauth2/revoke}.
 * Tumblr: {@code /tumblr/oauth2/authorize} and {@code /tumblr/v2/oauth2/token} (every grant).
 */
public final class OAuth2Routes {
  private static final String UNSUPPORTED_AUTH =
      "https://api.twitter.com/2/problems/unsupported-authentication";

  private final OAuth2State state;
  private final boolean twitter;
  private final String prefix;

  public OAuth2Routes(OAuth2State state) {
    this.state = state;
    this.twitter = state.platform() == SandboxPlatform.TWITTER;
    this.prefix = state.platform().pathPrefix();
  }

  public void register(JavalinDefaultRouting r) {
    if (twitter) {
      r.post(prefix + "/oauth2/token", this::appToken);
      r.post(prefix + "/oauth2/invalidate_token", this::invalidateAppToken);
      r.get(prefix + "/i/oauth2/authorize", this::showAuthorize);
      r.post(prefix + "/i/oauth2/authorize", this::submitAuthorize);
      r.post(prefix + "/2/oauth2/token", this::token);
      r.post(prefix + "/2/oauth2/revoke", this::revoke);
      r.before(prefix + "/2/*", this::bearer);
    } else {
      r.get(prefix + "/oauth2/authorize", this::showAuthorize);
      r.post(prefix + "/oauth2/authorize", this::submitAuthorize);
      r.post(prefix + "/v2/oauth2/token", this::token);
      r.before(prefix + "/v2/*", this::bearer);
    }
  }

  // ---- bearer authentication of API calls -------------------------------------------------------

  private void bearer(Context ctx) {
    String path = ctx.path();
    if (path.startsWith(prefix + (twitter ? "/2/oauth2/" : "/v2/oauth2/"))) {
      return;
    }
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return;
    }
    String token = header.substring(7).trim();
    String apiPath = path.substring(prefix.length());
    App app = state.appForToken(token);
    if (app != null) {
      if (apiPath.equals("/2/users/me") || apiPath.startsWith("/v2/user/")) {
        unsupportedAuthentication(ctx);
      }
      // Other endpoints accept app-only tokens, through Authentication and BearerTokens.
      return;
    }
    OAuth2State.UserToken user = state.userToken(token);
    if (user == null) {
      if (twitter) {
        problem(ctx, 401, "Unauthorized", "Unauthorized", "about:blank");
      } else {
        ctx.status(401).contentType(Json.UTF8_JSON);
        ctx.result(Json.write(Errors.tumblrEnvelope(401, "Unauthorized")));
      }
      ctx.skipRemainingHandlers();
      return;
    }
    String[] missing =
        RequiredScopes.of(state.platform().id(), ctx.method().name(), apiPath)
            .map(
                need ->
                    need.stream()
                        .filter(s -> !user.scopes.contains(s))
                        .sorted()
                        .toArray(String[]::new))
            .orElse(new String[0]);
    if (missing.length > 0) {
      if (twitter) {
        problem(
            ctx,
            403,
            "Forbidden",
            "Missing scopes: " + String.join(" ", missing),
            "https://api.twitter.com/2/problems/not-authorized-for-resource");
      } else {
        ctx.status(403).contentType(Json.UTF8_JSON);
        ctx.result(Json.write(Errors.tumblrEnvelope(403, "Forbidden")));
      }
      ctx.skipRemainingHandlers();
      return;
    }
    // A valid user token with the scopes needed: the route resolves it through BearerTokens.
  }

  private void unsupportedAuthentication(Context ctx) {
    if (twitter) {
      problem(
          ctx,
          403,
          "Unsupported Authentication",
          "Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint. "
              + " Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User"
              + " Context].",
          UNSUPPORTED_AUTH);
    } else {
      ctx.status(401).contentType(Json.UTF8_JSON);
      ctx.result(Json.write(Errors.tumblrEnvelope(401, "Unauthorized")));
    }
    ctx.skipRemainingHandlers();
  }

  private static void problem(Context ctx, int status, String title, String detail, String type) {
    ObjectNode p = Json.object();
    p.put("title", title);
    p.put("detail", detail);
    p.put("type", type);
    p.put("status", status);
    ctx.status(status).contentType("application/problem+json").result(Json.write(p));
  }

  // ---- app-only (Twitter) -----------------------------------------------------------------------

  private void appToken(Context ctx) {
    App app = basicApp(ctx);
    Map<String, String> body = body(ctx);
    if (app == null || !"client_credentials".equals(body.get("grant_type"))) {
      code99(ctx);
      return;
    }
    ObjectNode out = Json.object();
    out.put("token_type", "bearer");
    out.put("access_token", state.appToken(app));
    Json.send(ctx, 200, out);
  }

  private void invalidateAppToken(Context ctx) {
    App app = basicApp(ctx);
    String token = body(ctx).get("access_token");
    if (token == null) {
      token = ctx.queryParam("access_token");
    }
    if (app == null || token == null || !state.invalidateAppToken(app, token)) {
      code99(ctx);
      return;
    }
    ObjectNode out = Json.object();
    out.put("access_token", token);
    Json.send(ctx, 200, out);
  }

  /** The app whose consumer key and secret are in the Basic header, or null. */
  private App basicApp(Context ctx) {
    String[] pair = basic(ctx);
    if (pair == null) {
      return null;
    }
    App app = state.platformState().app(pair[0]);
    return app != null && constantEquals(app.consumerSecret(), pair[1]) ? app : null;
  }

  private static void code99(Context ctx) {
    ObjectNode body = Json.object();
    ObjectNode e = body.putArray("errors").addObject();
    e.put("code", 99);
    e.put("label", "authenticity_token_error");
    e.put("message", "Unable to verify your credentials");
    Json.send(ctx, 403, body);
  }

  // ---- authorize page ---------------------------------------------------------------------------

  private void showAuthorize(Context ctx) {
    ThreeLeggedEndpoints.htmlHeaders(ctx);
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
    if (redirect == null && !twitter && client.redirectUris().size() == 1) {
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
    if (twitter && (challenge == null || challenge.isEmpty())) {
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
    if (scopes.isEmpty() || (twitter && stateParam == null)) {
      redirectError(ctx, redirect, "invalid_request", stateParam);
      return;
    }
    OAuth2State.Pending p =
        state.startAuthorization(client, redirect, scopes, stateParam, challenge, method);
    StringBuilder users = new StringBuilder();
    boolean first = true;
    for (UserProfile u : state.platformState().users()) {
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
            + (twitter ? "X" : "Tumblr")
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

  private void submitAuthorize(Context ctx) {
    ThreeLeggedEndpoints.htmlHeaders(ctx);
    if (!ThreeLeggedEndpoints.sameOrigin(ctx)) {
      ctx.status(403).result(Html.page("Forbidden", "<p>Cross-origin form posts are refused.</p>"));
      return;
    }
    Map<String, String> form = body(ctx);
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
    for (UserProfile u : state.platformState().users()) {
      if (Long.toString(u.id()).equals(form.get("user_id"))
          || u.screenName().equalsIgnoreCase(String.valueOf(form.get("user_id")))) {
        user = u;
      }
    }
    if (user == null) {
      user = state.platformState().users().get(0);
    }
    String code = state.issueCode(p, user.id());
    String query =
        (p.state() == null ? "" : "state=" + PercentEncoding.encode(p.state()) + "&")
            + "code="
            + PercentEncoding.encode(code);
    ctx.redirect(ThreeLeggedEndpoints.withQuery(p.redirectUri(), query), HttpStatus.FOUND);
  }

  private static void redirectError(Context ctx, String redirect, String error, String state) {
    String query =
        "error=" + error + (state == null ? "" : "&state=" + PercentEncoding.encode(state));
    ctx.redirect(ThreeLeggedEndpoints.withQuery(redirect, query), HttpStatus.FOUND);
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

  // ---- token endpoint ---------------------------------------------------------------------------

  private void token(Context ctx) {
    Map<String, String> body = body(ctx);
    String grant = body.get("grant_type");
    if (grant == null) {
      oauthError(ctx, 400, "invalid_request", "Missing required parameter [grant_type].");
      return;
    }
    if (!twitter && grant.equals("client_credentials")) {
      OAuth2State.Client c = authenticate(ctx, body, true);
      if (c == null) {
        return;
      }
      ObjectNode out = Json.object();
      out.put("access_token", state.appToken(c.app()));
      out.put("token_type", "bearer");
      out.put("scope", "basic");
      Json.send(ctx, 200, out);
      return;
    }
    switch (grant) {
      case "authorization_code" -> authorizationCode(ctx, body);
      case "refresh_token" -> refresh(ctx, body);
      default -> oauthError(ctx, 400, "unsupported_grant_type", "Unsupported grant type: " + grant);
    }
  }

  private void authorizationCode(Context ctx, Map<String, String> body) {
    OAuth2State.Client client = authenticate(ctx, body, false);
    if (client == null) {
      return;
    }
    OAuth2State.Code code = state.redeemCode(body.get("code"));
    if (code == null || !code.client().id().equals(client.id())) {
      oauthError(
          ctx, 400, "invalid_request", "Value passed for the authorization code was invalid.");
      return;
    }
    String redirect = body.get("redirect_uri");
    if (redirect != null ? !redirect.equals(code.redirectUri()) : twitter) {
      oauthError(ctx, 400, "invalid_request", "Value passed for the redirect uri was invalid.");
      return;
    }
    if (code.challenge() != null && !verifierMatches(code, body.get("code_verifier"))) {
      oauthError(ctx, 400, "invalid_request", "Value passed for the code verifier was invalid.");
      return;
    }
    sendIssued(ctx, state.issue(client, code.userId(), code.scopes(), null));
  }

  private void refresh(Context ctx, Map<String, String> body) {
    OAuth2State.Client client = authenticate(ctx, body, false);
    if (client == null) {
      return;
    }
    OAuth2State.RefreshToken r = state.spendRefreshToken(body.get("refresh_token"), client);
    if (r == null) {
      oauthError(ctx, 400, "invalid_request", "Value passed for the token was invalid.");
      return;
    }
    sendIssued(ctx, state.issue(client, r.userId, r.scopes, r.family));
  }

  private void sendIssued(Context ctx, OAuth2State.Issued issued) {
    ObjectNode out = Json.object();
    out.put("token_type", "bearer");
    out.put("expires_in", issued.expiresIn());
    out.put("access_token", issued.accessToken());
    out.put("scope", String.join(" ", issued.scopes()));
    if (issued.refreshToken() != null) {
      out.put("refresh_token", issued.refreshToken());
    }
    ctx.header("Cache-Control", "no-store");
    Json.send(ctx, 200, out);
  }

  private static boolean verifierMatches(OAuth2State.Code code, String verifier) {
    if (verifier == null || verifier.length() < 43 || verifier.length() > 128) {
      return false;
    }
    String expected;
    if (code.method() == null || code.method().equalsIgnoreCase("plain")) {
      expected = verifier;
    } else {
      try {
        byte[] d =
            MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII));
        expected = Base64.getUrlEncoder().withoutPadding().encodeToString(d);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return constantEquals(expected, code.challenge());
  }

  private void revoke(Context ctx) {
    Map<String, String> body = body(ctx);
    OAuth2State.Client client = authenticate(ctx, body, false);
    if (client == null) {
      return;
    }
    String token = body.get("token");
    if (token == null) {
      oauthError(ctx, 400, "invalid_request", "Missing required parameter [token].");
      return;
    }
    state.revoke(token, client);
    ObjectNode out = Json.object();
    out.put("revoked", true);
    Json.send(ctx, 200, out);
  }

  /**
   * The client from Basic auth or the body (RFC 6749 §2.3.1); confidential clients must prove their
   * secret. Answers 401 {@code invalid_client} and returns null otherwise.
   */
  private OAuth2State.Client authenticate(
      Context ctx, Map<String, String> body, boolean requireSecret) {
    String id = body.get("client_id");
    String secret = body.get("client_secret");
    String[] basic = basic(ctx);
    if (basic != null) {
      if (id != null && !id.equals(basic[0])) {
        oauthError(ctx, 401, "invalid_client", "Client authentication failed.");
        return null;
      }
      id = basic[0];
      secret = basic[1];
    }
    OAuth2State.Client c = state.client(id);
    boolean ok =
        c != null
            && (c.secret() == null
                ? secret == null && !requireSecret
                : secret != null && constantEquals(c.secret(), secret));
    if (!ok) {
      oauthError(ctx, 401, "invalid_client", "Client authentication failed.");
      return null;
    }
    return c;
  }

  private static void oauthError(Context ctx, int status, String error, String description) {
    ObjectNode out = Json.object();
    out.put("error", error);
    out.put("error_description", description);
    ctx.header("Cache-Control", "no-store");
    Json.send(ctx, status, out);
  }

  // ---- request parsing --------------------------------------------------------------------------

  /** A form or JSON body as a flat map (first value wins); anything else is empty. */
  static Map<String, String> body(Context ctx) {
    Map<String, String> out = new LinkedHashMap<>();
    String type = ctx.header("Content-Type");
    String t = type == null ? "" : type.toLowerCase(Locale.ROOT).trim();
    try {
      if (t.startsWith("application/json")) {
        JsonNode node = Json.MAPPER.readTree(ctx.body());
        if (node != null && node.isObject()) {
          node.fields()
              .forEachRemaining(
                  e -> {
                    if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                      out.put(e.getKey(), e.getValue().asText());
                    }
                  });
        }
      } else if (t.startsWith("application/x-www-form-urlencoded")) {
        for (Parameter p : Parameter.parseForm(ctx.body())) {
          out.putIfAbsent(p.name(), p.value());
        }
      }
    } catch (Exception e) {
      // malformed body: treated as empty, which every endpoint rejects
    }
    return out;
  }

  /** Basic credentials, each part form-url-decoded (RFC 6749 §2.3.1), or null. */
  static String[] basic(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return null;
      }
      return new String[] {
        URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
        URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
      };
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean constantEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
