package dev.latchkey.dashboard.internal;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.keychain.Secret;
import dev.latchkey.platform.Platform;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.List;

/**
 * Adding the keys of an app: the platform is asked at once whether it accepts them, and nothing is
 * stored until it does, or until the person says to store them untested.
 */
final class AddPages {
  private static final int MAX_KEY = 512;

  private final Web[] holder;

  AddPages(Web[] holder) {
    this.holder = holder;
  }

  void register(JavalinDefaultRouting router) {
    router.get("/add", ctx -> show(ctx, AddForm.empty(), null));
    router.post("/add", this::add);
    router.post("/add/untested", this::storeUntested);
  }

  private void show(Context ctx, AddForm form, String error) {
    Web web = holder[0];
    web.keychain();
    Page page = web.page(ctx, "Add an account", "add");
    if (error != null) {
      page = page.withError(error);
    }
    web.render(
        ctx,
        "add",
        "page",
        page,
        "platforms",
        web.options.platforms().all(),
        "form",
        form,
        "draft",
        error != null && web.session(ctx).hasDraft());
  }

  private void add(Context ctx) {
    Web web = holder[0];
    Keychain keychain = web.keychain();
    String platformName = Web.field(ctx, "platform");
    Platform platform;
    try {
      platform = web.options.platforms().get(platformName == null ? "" : platformName);
    } catch (IllegalArgumentException e) {
      throw new Refused(400, "Unknown platform", e.getMessage());
    }
    String name = Web.plain(Web.field(ctx, "name"), "The account name", 64);
    String label = Web.plain(Web.field(ctx, "label"), "The label", 200);
    boolean replace = ctx.formParam("replace") != null;
    boolean untested = ctx.formParam("untested") != null;
    AddForm form = new AddForm(platform.name(), name, label, replace);
    Account account;
    try {
      account = build(ctx, platform, name == null ? "default" : name, label);
    } catch (IllegalArgumentException e) {
      ctx.status(400);
      show(ctx, form, e.getMessage());
      return;
    }
    if (!replace && keychain.get(account.id()).isPresent()) {
      ctx.status(409);
      show(
          ctx,
          form,
          account.id()
              + " exists already; choose another name, or tick \"Replace\". Nothing was"
              + " stored.");
      return;
    }
    if (untested) {
      store(ctx, account, replace, "Stored " + account.id() + " untested.");
      return;
    }
    Checks.Tested tested = web.checks.test(keychain, account);
    CheckLine test = tested.line();
    if (!test.ok()) {
      web.session(ctx).keepDraft(account, replace);
      ctx.status(422);
      show(
          ctx,
          form,
          platform.displayName()
              + " refused these keys: "
              + Web.clause(test.text())
              + (test.fix() == null ? "" : " (" + Web.clause(test.fix()) + ")")
              + ". Nothing was stored.");
      return;
    }
    account = tested.account();
    if (name == null && account.oauth1() != null && account.oauth1().screenName() != null) {
      account = named(account, account.oauth1().screenName());
    }
    web.statuses.put(account.id(), new StatusView("ok", test.text(), List.of(test), null));
    store(
        ctx,
        account,
        replace,
        "Added "
            + account.id()
            + ": "
            + platform.displayName()
            + " accepted the keys ("
            + test.text()
            + ").");
  }

  /** Names an account added without a name after the screen name the platform reported. */
  private static Account named(Account account, String screenName) {
    try {
      return account.withId(new AccountId(account.id().platform(), screenName));
    } catch (IllegalArgumentException e) {
      return account;
    }
  }

  private void storeUntested(Context ctx) {
    Web web = holder[0];
    WebSession session = web.session(ctx);
    boolean replace = session.draftReplaces();
    Account draft = session.takeDraft();
    if (draft == null) {
      throw new Refused(
          409, "Nothing to store", "There are no keys waiting; add them again on the Add page.");
    }
    store(ctx, draft, replace, "Stored " + draft.id() + " untested, as you asked.");
  }

  private void store(Context ctx, Account account, boolean replace, String message) {
    Web web = holder[0];
    try {
      if (replace) {
        web.keychain().put(account);
      } else {
        web.keychain().add(account);
      }
    } catch (KeychainException e) {
      throw new Refused(409, "Not stored", e.getMessage());
    }
    web.session(ctx).flash(message);
    Web.seeOther(ctx, "/");
  }

  private static Account build(Context ctx, Platform platform, String name, String label) {
    AccountId id = new AccountId(platform.name(), name);
    String consumerKey = key(ctx, "consumer_key", "The API key");
    String consumerSecret = key(ctx, "consumer_secret", "The API key secret");
    String token = key(ctx, "access_token", "The access token");
    String tokenSecret = key(ctx, "access_token_secret", "The access token secret");
    String clientId = key(ctx, "client_id", "The OAuth 2 client ID");
    String clientSecret = key(ctx, "client_secret", "The OAuth 2 client secret");
    if ((consumerKey == null || consumerSecret == null) && clientId == null) {
      throw new IllegalArgumentException(
          "Give the app's API key and API key secret (the consumer key and secret), or its OAuth"
              + " 2 client ID; nothing was stored.");
    }
    if ((consumerKey == null) != (consumerSecret == null)) {
      throw new IllegalArgumentException(
          "Give both the API key and its secret, or neither; nothing was stored.");
    }
    if ((token == null) != (tokenSecret == null)) {
      throw new IllegalArgumentException(
          "Give both the access token and its secret, or neither; nothing was stored.");
    }
    if (clientId == null && clientSecret != null) {
      throw new IllegalArgumentException(
          "An OAuth 2 client secret needs its client ID; nothing was stored.");
    }
    AppCredentials app =
        consumerKey == null
            ? AppCredentials.oauth2Client(clientId, Secret.ofNullable(clientSecret))
            : AppCredentials.of(consumerKey, consumerSecret);
    if (consumerKey != null && clientId != null) {
      app = app.withOAuth2Client(clientId, Secret.ofNullable(clientSecret));
    }
    Account account = Account.empty(id).withApp(app).withLabel(label);
    if (token != null) {
      account = account.withOAuth1(OAuth1Token.of(token, tokenSecret));
    }
    return account;
  }

  /** A pasted key: surrounding spaces dropped; inner spaces or control characters refused. */
  private static String key(Context ctx, String field, String what) {
    String v = Web.field(ctx, field);
    if (v == null) {
      return null;
    }
    if (v.length() > MAX_KEY) {
      throw new IllegalArgumentException(what + " is longer than " + MAX_KEY + " characters");
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            what + " holds a space or a control character; paste it again");
      }
    }
    return v;
  }
}
