package dev.latchkey.dashboard.internal;

import dev.latchkey.http.ApiClient;
import dev.latchkey.http.ApiException;
import dev.latchkey.http.Identity;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.keychain.Secret;
import dev.latchkey.oauth1.AuthorizationException;
import dev.latchkey.oauth1.PinAuthorization;
import dev.latchkey.oauth1.RedirectAuthorization;
import dev.latchkey.oauth1.TemporaryCredentials;
import dev.latchkey.oauth2.AuthorizationCodeGrant;
import dev.latchkey.oauth2.AuthorizationRequest;
import dev.latchkey.oauth2.OAuth2Client;
import dev.latchkey.oauth2.OAuth2Exception;
import dev.latchkey.platform.Platform;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Authorizing a secondary account with an app the keychain holds: the PIN flow (the authorize page
 * opened in a browser signed in as the other account, the PIN typed here), the OAuth 1.0a callback
 * and OAuth 2 with PKCE, both redirected back to this dashboard's own address.
 */
final class AuthorizePages {
  /** The OAuth 1.0a callback address, {@code http://127.0.0.1:PORT/oauth1/callback}. */
  static final String OAUTH1_CALLBACK = "/oauth1/callback";

  /** The OAuth 2 redirect address, {@code http://127.0.0.1:PORT/oauth2/callback}. */
  static final String OAUTH2_CALLBACK = "/oauth2/callback";

  static final Duration FLOW_LIFETIME = Duration.ofMinutes(15);

  private final Web[] holder;

  AuthorizePages(Web[] holder) {
    this.holder = holder;
  }

  void register(JavalinDefaultRouting router) {
    router.get("/authorize", this::show);
    router.post("/authorize", this::start);
    router.get("/authorize/{flow}", this::showFlow);
    router.post("/authorize/{flow}/pin", this::pin);
    router.get(OAUTH1_CALLBACK, this::oauth1Callback);
    router.get(OAUTH2_CALLBACK, this::oauth2Callback);
  }

  private void show(Context ctx) {
    Web web = holder[0];
    List<AppChoice> apps = new ArrayList<>();
    for (Account a : web.keychain().accounts()) {
      if (a.app() == null) {
        continue;
      }
      Platform p;
      try {
        p = web.options.platforms().get(a.id().platform());
      } catch (IllegalArgumentException e) {
        continue;
      }
      boolean oauth1 = p.oauth1().isPresent() && a.app().consumerSecret() != null;
      boolean oauth2 = p.oauth2().isPresent() && clientId(p, a.app()) != null;
      if (oauth1 || oauth2) {
        apps.add(new AppChoice(a.id().toString(), p.displayName(), oauth1, oauth2));
      }
    }
    web.render(
        ctx,
        "authorize",
        "page",
        web.page(ctx, "Authorize another account", "authorize"),
        "apps",
        apps,
        "oauth1Callback",
        web.base() + OAUTH1_CALLBACK,
        "oauth2Callback",
        web.base() + OAUTH2_CALLBACK);
  }

  private void start(Context ctx) throws Exception {
    Web web = holder[0];
    expireOld(web);
    Keychain keychain = web.keychain();
    AccountId appId;
    try {
      appId = AccountId.parse(String.valueOf(ctx.formParam("app")));
    } catch (IllegalArgumentException e) {
      throw new Refused(400, "Choose an app", "Choose the account whose app asks for access.");
    }
    Account appAccount =
        keychain
            .get(appId)
            .filter(a -> a.app() != null)
            .orElseThrow(
                () -> new Refused(400, "Choose an app", appId + " holds no app keys to ask with."));
    Platform platform = web.options.platforms().get(appId.platform());
    String name = Web.plain(Web.field(ctx, "name"), "The account name", 64);
    if (name != null) {
      try {
        new AccountId(platform.name(), name);
      } catch (IllegalArgumentException e) {
        throw new Refused(400, "Not a valid name", e.getMessage());
      }
    }
    String kind = String.valueOf(ctx.formParam("method"));
    if (!kind.equals("oauth2")
        && (platform.oauth1().isEmpty() || appAccount.app().consumerSecret() == null)) {
      throw new Refused(
          400,
          "No OAuth 1.0a",
          platform.oauth1().isEmpty()
              ? platform.displayName() + " has no OAuth 1.0a; choose OAuth 2."
              : appId + " holds no API key and secret; choose OAuth 2, or add them.");
    }
    String id = Tokens.random(web.options.random());
    String sessionId = web.session(ctx).id();
    AppCredentials app = appAccount.app();
    ApiClient client = ApiClient.create(platform);
    Instant now = web.options.clock().instant();
    Flow flow;
    try {
      flow =
          switch (kind) {
            case "pin" -> {
              TemporaryCredentials t = new PinAuthorization(client, app).start(null);
              yield new Flow(id, kind, sessionId, platform, app, name, t, null, null, now);
            }
            case "callback" -> {
              URI callback = URI.create(web.base() + OAUTH1_CALLBACK + "?flow=" + id);
              TemporaryCredentials t = new RedirectAuthorization(client, app).start(callback, null);
              yield new Flow(id, kind, sessionId, platform, app, name, t, null, null, now);
            }
            case "oauth2" -> oauth2(web, id, sessionId, platform, app, name, now);
            default ->
                throw new Refused(
                    400, "Choose a method", "Choose the PIN, the callback or OAuth 2.");
          };
    } catch (ApiException | AuthorizationException | IOException e) {
      web.session(ctx)
          .flashError(
              platform.displayName()
                  + " did not start the authorization: "
                  + Web.clause(e.getMessage())
                  + ".");
      Web.seeOther(ctx, "/authorize");
      return;
    }
    web.flows.put(id, flow);
    Web.seeOther(ctx, "/authorize/" + id);
  }

  private static Flow oauth2(
      Web web,
      String id,
      String sessionId,
      Platform platform,
      AppCredentials app,
      String name,
      Instant now) {
    String clientId = clientId(platform, app);
    if (clientId == null) {
      throw new Refused(
          400,
          "No OAuth 2 client",
          "This app has no OAuth 2 client ID; add it to the app's account (the portal's \"Client"
              + " ID\"), or use the PIN.");
    }
    AuthorizationCodeGrant grant;
    try {
      grant =
          new AuthorizationCodeGrant(
              http(),
              platform,
              new OAuth2Client(clientId, clientSecret(app, clientId)),
              web.options.clock(),
              web.options.random());
    } catch (IllegalArgumentException e) {
      throw new Refused(400, "No OAuth 2", e.getMessage());
    }
    AuthorizationRequest request =
        grant.request(
            URI.create(web.base() + OAUTH2_CALLBACK),
            platform.oauth2().map(o -> o.defaultScopes()).orElse(List.of()));
    return new Flow(id, "oauth2", sessionId, platform, app, name, null, grant, request, now);
  }

  private static HttpClient http() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(15))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** The app's OAuth 2 client id, or its consumer key where the platform uses that; else null. */
  private static String clientId(Platform platform, AppCredentials app) {
    if (app.clientId() != null) {
      return app.clientId();
    }
    boolean consumerKeyIsClientId =
        platform.oauth2().map(o -> o.consumerKeyIsClientId()).orElse(false);
    return consumerKeyIsClientId && app.consumerKey() != null ? app.consumerKey().reveal() : null;
  }

  private static Secret clientSecret(AppCredentials app, String clientId) {
    if (clientId.equals(app.clientId())) {
      return app.clientSecret();
    }
    return app.consumerKey() != null && clientId.equals(app.consumerKey().reveal())
        ? app.consumerSecret()
        : null;
  }

  private Flow ownFlow(Web web, Context ctx) {
    Flow flow = web.flows.get(ctx.pathParam("flow"));
    if (flow == null || !flow.sessionId().equals(web.session(ctx).id()) || expired(web, flow)) {
      throw new Refused(
          404, "No such authorization", "This authorization is over or expired; start again.");
    }
    return flow;
  }

  private boolean expired(Web web, Flow flow) {
    return Duration.between(flow.started(), web.options.clock().instant()).compareTo(FLOW_LIFETIME)
        > 0;
  }

  private void expireOld(Web web) {
    web.flows.values().removeIf(f -> expired(web, f));
  }

  private void showFlow(Context ctx) {
    Web web = holder[0];
    web.keychain();
    Flow flow = ownFlow(web, ctx);
    web.render(
        ctx,
        "authorizing",
        "page",
        web.page(ctx, "Authorize on " + flow.platform().displayName(), "authorize"),
        "flow",
        new FlowView(flow.id(), flow.kind(), flow.platform().displayName(), flow.authorizeUri()));
  }

  private void pin(Context ctx) {
    Web web = holder[0];
    Flow flow = ownFlow(web, ctx);
    if (flow.temporary() == null) {
      throw new Refused(400, "No PIN here", "This authorization does not use a PIN.");
    }
    String pin = Web.plain(Web.field(ctx, "pin"), "The PIN", 64);
    ApiClient client = ApiClient.create(flow.platform());
    OAuth1Token token;
    try {
      token = new PinAuthorization(client, flow.app()).complete(flow.temporary(), pin);
    } catch (ApiException | AuthorizationException | IOException e) {
      web.session(ctx)
          .flashError(
              flow.platform().displayName()
                  + " did not accept the PIN: "
                  + Web.clause(e.getMessage())
                  + ". Check the PIN, or start again.");
      Web.seeOther(ctx, "/authorize/" + flow.id());
      return;
    }
    web.flows.remove(flow.id());
    AccountId id = storeOAuth1(web, flow, token);
    web.session(ctx)
        .flash("Authorized " + id + " as @" + token.screenName() + "; " + statusLine(web, id));
    Web.seeOther(ctx, "/accounts/" + id);
  }

  private AccountId storeOAuth1(Web web, Flow flow, OAuth1Token token) {
    AccountId id = nameFor(flow, token.screenName());
    store(
        web,
        id,
        current ->
            current.withApp(current.app() == null ? flow.app() : current.app()).withOAuth1(token));
    return id;
  }

  private static AccountId nameFor(Flow flow, String screenName) {
    String p = flow.platform().name();
    if (flow.name() != null) {
      return new AccountId(p, flow.name());
    }
    if (screenName != null) {
      try {
        return new AccountId(p, screenName);
      } catch (IllegalArgumentException e) {
        // not a valid account name: fall through
      }
    }
    return new AccountId(p, "default");
  }

  private interface Change {
    Account apply(Account current);
  }

  private static void store(Web web, AccountId id, Change change) {
    try {
      web.keychain()
          .edit(
              draft -> {
                Account current = draft.get(id).orElse(Account.empty(id));
                draft.put(change.apply(current));
              });
    } catch (KeychainException e) {
      throw new Refused(409, "Not stored", e.getMessage());
    }
  }

  /** Checks the new account at once, so that it appears with its status. */
  private static String statusLine(Web web, AccountId id) {
    StatusView status = web.checks.check(web.keychain(), id);
    web.statuses.put(id, status);
    return "status: " + status.summary();
  }

  private void oauth1Callback(Context ctx) {
    Web web = holder[0];
    Flow flow = web.flows.get(String.valueOf(ctx.queryParam("flow")));
    if (flow == null
        || flow.temporary() == null
        || !"callback".equals(flow.kind())
        || expired(web, flow)) {
      callbackPage(
          web,
          ctx,
          400,
          "Not this authorization",
          "This address is not the authorization the dashboard is waiting for. Nothing was"
              + " stored; the dashboard keeps waiting for the right one.");
      return;
    }
    if (ctx.queryParam("denied") != null
        && RedirectAuthorization.isFor(flow.temporary(), ctx.queryParam("denied"))) {
      web.flows.remove(flow.id());
      callbackPage(
          web,
          ctx,
          200,
          "Not authorized",
          "You did not authorize the app on "
              + flow.platform().displayName()
              + ". Nothing was stored.");
      return;
    }
    if (!RedirectAuthorization.isFor(flow.temporary(), ctx.queryParam("oauth_token"))) {
      callbackPage(
          web,
          ctx,
          400,
          "Not this authorization",
          "This redirect carries another request token. Nothing was stored; the dashboard keeps"
              + " waiting for the right one.");
      return;
    }
    web.flows.remove(flow.id());
    ApiClient client = ApiClient.create(flow.platform());
    OAuth1Token token;
    try {
      token =
          new RedirectAuthorization(client, flow.app())
              .complete(
                  flow.temporary(),
                  ctx.queryParam("oauth_token"),
                  ctx.queryParam("oauth_verifier"));
    } catch (ApiException | AuthorizationException | IOException e) {
      callbackPage(
          web,
          ctx,
          502,
          "Not authorized",
          flow.platform().displayName() + " did not give an access token: " + e.getMessage());
      return;
    }
    if (web.vault.keychain().isEmpty()) {
      callbackPage(
          web,
          ctx,
          423,
          "Locked",
          "The dashboard locked while you were away; nothing was stored. Unlock it and start"
              + " again.");
      return;
    }
    AccountId id = storeOAuth1(web, flow, token);
    done(web, ctx, id, "@" + token.screenName());
  }

  private void oauth2Callback(Context ctx) {
    Web web = holder[0];
    String state = ctx.queryParam("state");
    Flow flow = null;
    for (Flow f : web.flows.values()) {
      if (f.request() != null && Tokens.same(state, f.request().state()) && !expired(web, f)) {
        flow = f;
      }
    }
    if (flow == null) {
      callbackPage(
          web,
          ctx,
          400,
          "Not this authorization",
          "This address is not the authorization the dashboard is waiting for (the state does"
              + " not match). Nothing was stored; the dashboard keeps waiting for the right one.");
      return;
    }
    web.flows.remove(flow.id());
    OAuth2Token token;
    Identity who;
    try {
      String code =
          AuthorizationCodeGrant.codeFromRedirect(flow.request(), "?" + ctx.queryString());
      token = flow.grant().exchange(flow.request(), code);
      who = ApiClient.create(flow.platform()).verifyBearer(token.accessToken());
    } catch (OAuth2Exception | ApiException | IOException e) {
      callbackPage(
          web,
          ctx,
          502,
          "Not authorized",
          flow.platform().displayName()
              + " did not authorize: "
              + e.getMessage()
              + " Nothing was stored.");
      return;
    }
    if (web.vault.keychain().isEmpty()) {
      callbackPage(
          web,
          ctx,
          423,
          "Locked",
          "The dashboard locked while you were away; nothing was stored. Unlock it and start"
              + " again.");
      return;
    }
    Flow f = flow;
    AccountId id = nameFor(flow, who.screenName());
    OAuth2Token stored = token;
    store(
        web,
        id,
        current ->
            current.withApp(current.app() == null ? f.app() : current.app()).withOAuth2(stored));
    done(web, ctx, id, who.screenName() == null ? "a user" : "@" + who.screenName());
  }

  /**
   * The page at the end of a redirect. The platform's page sent the browser here, so the session
   * cookie (SameSite=Strict) is not sent: this page shows no account data, only a link back.
   */
  private static void done(Web web, Context ctx, AccountId id, String who) {
    statusLine(web, id);
    web.render(
        ctx,
        "message",
        "page",
        new Page("Authorized", "", "", null, null, false, 0, null),
        "text",
        "Authorized " + who + "; saved as " + id + ".",
        "link",
        "/accounts/" + id,
        "linkText",
        "Continue to the dashboard");
  }

  private static void callbackPage(Web web, Context ctx, int status, String title, String text) {
    ctx.status(status);
    web.render(
        ctx,
        "message",
        "page",
        new Page(title, "", "", null, null, false, 0, null),
        "text",
        text,
        "link",
        "/",
        "linkText",
        "Back to the dashboard");
  }
}
