package dev.latchkey.sandbox.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.oauth1.Parameter;
import dev.latchkey.oauth1.PercentEncoding;
import dev.latchkey.sandbox.SandboxPlatform;
import dev.latchkey.sandbox.internal.OAuth1Verifier.TokenKind;
import dev.latchkey.sandbox.internal.OAuth1Verifier.Verified;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The three legs of RFC 5849 §2 for one platform: temporary credentials ({@code request_token}),
 * resource-owner authorization (the HTML {@code authorize} page) and token credentials ({@code
 * access_token}).
 */
public final class ThreeLeggedEndpoints {
  /**
   * Token endpoints answer form-encoded text with this type, never JSON (protocol-facts B, I.4).
   */
  public static final String FORM_TEXT = "text/html; charset=utf-8";

  private final PlatformState state;
  private final OAuth1Verifier verifier;
  private final SandboxPlatform platform;

  public ThreeLeggedEndpoints(PlatformState state, OAuth1Verifier verifier) {
    this.state = state;
    this.verifier = verifier;
    this.platform = state.platform();
  }

  /** Registers the legs where the platform's {@link OAuth1Facts} put them. */
  public void register(JavalinDefaultRouting r) {
    OAuth1Facts facts = state.description().oauth1();
    String prefix = platform.pathPrefix();
    r.post(prefix + facts.requestTokenPath(), this::requestToken);
    for (String page : facts.authorizePaths()) {
      r.get(prefix + page, this::showAuthorize);
      r.post(prefix + page, this::submitAuthorize);
    }
    r.post(prefix + facts.accessTokenPath(), this::accessToken);
    if (facts.accessTokenByGet()) {
      r.get(prefix + facts.accessTokenPath(), this::accessToken);
    }
    for (String path : facts.invalidateTokenPaths()) {
      r.post(prefix + path, this::invalidateToken);
    }
  }

  /** §2.1: signed with client credentials; {@code oauth_callback} required. */
  public void requestToken(Context ctx) {
    Verified v = verifier.verify(Requests.signed(ctx, platform), TokenKind.NONE);
    String callback = v.protocolParameter("oauth_callback");
    if (callback == null || callback.isEmpty()) {
      throw ApiError.badAuthenticationData();
    }
    if (!callback.equals("oob") && !callbackAllowed(v.app(), callback)) {
      throw new ApiError(
          403,
          415,
          "Callback URL not approved for this client application. Approved callback URLs can be"
              + " adjusted in your application settings");
    }
    AccessLevel access = v.app().access().restrictTo(v.parameter("x_auth_access_type"));
    RequestToken rt = state.issueRequestToken(v.app(), callback, access);
    sendForm(
        ctx,
        List.of(
            new Parameter("oauth_token", rt.token()),
            new Parameter("oauth_token_secret", rt.secret()),
            new Parameter("oauth_callback_confirmed", "true")));
  }

  /** §2.3: signed with the request token; the verifier must match; the token is used once. */
  public void accessToken(Context ctx) {
    Verified v = verifier.verify(Requests.signed(ctx, platform), TokenKind.REQUEST);
    RequestToken rt = v.requestToken();
    boolean ok = rt.redeem(v.parameter("oauth_verifier"));
    state.forgetRequestToken(rt.token());
    if (!ok) {
      throw new ApiError(401, 32, "Invalid oauth_verifier parameter");
    }
    AccessToken token = state.issueAccessToken(v.app(), rt.userId(), rt.access());
    List<Parameter> out = new ArrayList<>();
    out.add(new Parameter("oauth_token", token.token()));
    out.add(new Parameter("oauth_token_secret", token.secret()));
    if (state.description().oauth1().accessTokenNamesUser()) {
      UserProfile user = state.user(rt.userId()).orElseThrow();
      out.add(new Parameter("user_id", Long.toString(user.id())));
      out.add(new Parameter("screen_name", user.screenName()));
    }
    sendForm(ctx, out);
  }

  /**
   * X's {@code POST /1.1/oauth/invalidate_token}: signed with the access token it revokes; answers
   * {@code {"access_token":"…"}}, after which the token gets 401 code 89 (facts B).
   */
  public void invalidateToken(Context ctx) {
    Verified v = verifier.verify(Requests.signed(ctx, platform), TokenKind.ACCESS);
    AccessToken token = v.accessToken();
    token.revoke();
    ObjectNode body = Json.object();
    body.put("access_token", token.token());
    Json.send(ctx, 200, body);
  }

  /** §2.2, GET: the consent page. */
  public void showAuthorize(Context ctx) {
    Html.pageHeaders(ctx);
    RequestToken rt = state.requestToken(Requests.param(ctx, "oauth_token"));
    if (rt == null || rt.state() != RequestToken.State.ISSUED) {
      invalidTokenPage(ctx);
      return;
    }
    App app = state.app(rt.consumerKey());
    String preselect = Requests.param(ctx, "screen_name");
    StringBuilder users = new StringBuilder();
    boolean first = true;
    for (UserProfile u : state.users()) {
      boolean checked = preselect != null ? u.screenName().equalsIgnoreCase(preselect) : first;
      first = false;
      users
          .append("<label><input type=\"radio\" name=\"user_id\" value=\"")
          .append(u.id())
          .append("\"")
          .append(checked ? " checked" : "")
          .append("> @")
          .append(Html.escape(u.screenName()))
          .append(" (")
          .append(Html.escape(u.name()))
          .append(")</label>\n");
    }
    String body =
        "<h1>Authorize <strong id=\"app_name\">"
            + Html.escape(app.name())
            + "</strong> to access your "
            + Html.escape(platformName())
            + " sandbox account?</h1>\n"
            + "<p>This application will be able to: <span id=\"access\">"
            + Html.escape(describe(rt.access()))
            + "</span>.</p>\n"
            + "<form id=\"oauth_form\" method=\"post\">\n"
            + "<input type=\"hidden\" name=\"oauth_token\" value=\""
            + Html.escape(rt.token())
            + "\">\n"
            + "<fieldset><legend>Sign in as (secondary account)</legend>\n"
            + users
            + "</fieldset>\n"
            + "<button id=\"allow\" name=\"allow\" value=\"1\" type=\"submit\">Authorize app</button>"
            + "<button id=\"cancel\" name=\"cancel\" value=\"1\" type=\"submit\">Cancel</button>\n"
            + "</form>\n<p><small>This is the Latchkey sandbox: an offline emulator. Nothing here"
            + " reaches "
            + Html.escape(platformName())
            + ".</small></p>";
    ctx.status(200).result(Html.page("Authorize application – Latchkey sandbox", body));
  }

  /** §2.2, POST: allow (PIN page or redirect with the verifier) or deny. */
  public void submitAuthorize(Context ctx) {
    Html.pageHeaders(ctx);
    if (refusedForeignPage(ctx, state.description())) {
      return;
    }
    List<Parameter> form = Requests.form(ctx);
    String token = last(form, "oauth_token");
    RequestToken rt = state.requestToken(token);
    if (rt == null || rt.state() != RequestToken.State.ISSUED) {
      invalidTokenPage(ctx);
      return;
    }
    App app = state.app(rt.consumerKey());
    if (last(form, "cancel") != null || last(form, "allow") == null) {
      rt.deny();
      state.forgetRequestToken(rt.token());
      if (rt.isOutOfBand()) {
        ctx.status(200)
            .result(
                Html.page(
                    "Authorization denied",
                    "<div id=\"oauth_denied\"><p>You have not authorized <strong>"
                        + Html.escape(app.name())
                        + "</strong>. You can close this page.</p></div>"));
      } else {
        ctx.redirect(
            Html.withQuery(rt.callback(), "denied=" + PercentEncoding.encode(rt.token())),
            HttpStatus.FOUND);
      }
      return;
    }
    UserProfile user = selectedUser(last(form, "user_id"));
    if (user == null) {
      ctx.status(400).result(Html.page("Unknown user", "<p>Pick one of the sandbox users.</p>"));
      return;
    }
    String verifierValue = state.newVerifier(rt.isOutOfBand());
    if (!rt.authorize(user.id(), verifierValue)) {
      invalidTokenPage(ctx);
      return;
    }
    if (rt.isOutOfBand()) {
      ctx.status(200)
          .result(
              Html.page(
                  "Authorized",
                  "<div id=\"oauth_pin\"><p>You've granted access to <strong>"
                      + Html.escape(app.name())
                      + "</strong> as @"
                      + Html.escape(user.screenName())
                      + ". Next, return to the application and enter this PIN to complete the"
                      + " authorization process:</p>\n<p><kbd aria-label=\"PIN\"><code>"
                      + Html.escape(verifierValue)
                      + "</code></kbd></p></div>"));
    } else {
      ctx.redirect(
          Html.withQuery(
              rt.callback(),
              "oauth_token="
                  + PercentEncoding.encode(rt.token())
                  + "&oauth_verifier="
                  + PercentEncoding.encode(verifierValue)),
          HttpStatus.FOUND);
    }
  }

  private UserProfile selectedUser(String value) {
    if (value == null) {
      return null;
    }
    for (UserProfile u : state.users()) {
      if (Long.toString(u.id()).equals(value) || u.screenName().equalsIgnoreCase(value)) {
        return u;
      }
    }
    return null;
  }

  /**
   * A callback is allowed when it matches a registered URL (ignoring the query), or when it is an
   * http(s) URL on a loopback host, as X allows for desktop development.
   */
  static boolean callbackAllowed(App app, String callback) {
    URI uri;
    try {
      uri = new URI(callback);
    } catch (Exception e) {
      return false;
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      return false;
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return false;
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]")) {
      return true;
    }
    String withoutQuery = stripQuery(callback);
    for (String registered : app.callbackUrls()) {
      if (stripQuery(registered).equals(withoutQuery)) {
        return true;
      }
    }
    return false;
  }

  private static String stripQuery(String url) {
    int q = url.indexOf('?');
    int h = url.indexOf('#');
    int cut = q >= 0 ? q : h;
    return cut >= 0 ? url.substring(0, cut) : url;
  }

  /**
   * Answers 403 and returns true when a consent form is posted from a foreign host or origin
   * ({@link HostGuard}), so no other page can approve an app for a sandbox user.
   */
  public static boolean refusedForeignPage(Context ctx, PlatformDescription description) {
    String refusal = HostGuard.refusal(ctx, description.pageHosts());
    if (refusal == null) {
      return false;
    }
    ctx.status(403).result(Html.page("Forbidden", "<p>" + Html.escape(refusal) + ".</p>"));
    return true;
  }

  private static String last(List<Parameter> params, String name) {
    String found = null;
    for (Parameter p : params) {
      if (p.name().equals(name)) {
        found = p.value();
      }
    }
    return found;
  }

  private void invalidTokenPage(Context ctx) {
    ctx.status(400)
        .result(
            Html.page(
                "Invalid request token",
                "<div id=\"oauth_error\"><p>This page is no longer valid: the request token is"
                    + " unknown, already used or expired. Go back to the application and start"
                    + " again.</p></div>"));
  }

  private String platformName() {
    return state.description().displayName();
  }

  private static String describe(AccessLevel access) {
    return switch (access) {
      case READ -> "read your posts and profile";
      case READ_WRITE -> "read your posts and profile, and post and update for you";
      case READ_WRITE_DIRECTMESSAGES ->
          "read your posts and profile, post and update for you, and access your direct messages";
    };
  }

  private static void sendForm(Context ctx, List<Parameter> params) {
    ctx.status(200).contentType(FORM_TEXT).result(Parameter.formEncode(params));
  }
}
