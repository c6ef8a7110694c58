package dev.latchkey.dashboard.internal;

import dev.latchkey.account.AccountException;
import dev.latchkey.account.AppRotation;
import dev.latchkey.account.Credential;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainException;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

/**
 * The Rotate page of an account: the account layer's rotation of leaked app keys ({@link
 * AppRotation}) one step per request. Invalidate every token of every account using the app, say
 * where to regenerate the keys and take the new ones, store them (the bearer token is fetched
 * anew), offer the dashboard's own PIN or PKCE flow for each user token, then check every account.
 */
final class RotatePages {
  private final Web[] holder;

  RotatePages(Web[] holder) {
    this.holder = holder;
  }

  void register(JavalinDefaultRouting router) {
    String base = "/accounts/{platform}/{name}/rotate";
    router.get(base, this::show);
    router.post(base, this::plan);
    router.post(base + "/invalidate", this::invalidate);
    router.post(base + "/keys", this::keys);
    router.post(base + "/check", this::check);
  }

  /** The key of a session's rotation of an account's app. */
  static String key(WebSession session, AccountId id) {
    return session.id() + " " + id;
  }

  private void show(Context ctx) {
    Web web = holder[0];
    Account a = AccountPages.account(web, ctx);
    Rotation r = web.rotations.get(key(web.session(ctx), a.id()));
    if (r == null) {
      r = new Rotation(plan(web, a.id()));
    }
    render(ctx, web, a.id(), r);
  }

  private void render(Context ctx, Web web, AccountId id, Rotation r) {
    web.render(
        ctx,
        "rotate",
        "page",
        web.page(ctx, "Rotate the app keys of " + id, "accounts"),
        "id",
        id.toString(),
        "path",
        "/accounts/" + id + "/rotate",
        "platform",
        r.rotation.platform().displayName(),
        "oldKey",
        r.rotation.oldApp().consumerKey().masked(),
        "affected",
        r.rotation.ids().stream().map(AccountId::toString).toList(),
        "where",
        r.rotation.where().page().toString(),
        "steps",
        r.rotation.where().steps(),
        "stage",
        r.stage.name().toLowerCase(java.util.Locale.ROOT),
        "lines",
        r.lines,
        "pending",
        r.pending,
        "checked",
        r.checked,
        "complete",
        r.stage == Rotation.Stage.CHECKED
            && r.lines.stream().allMatch(AppRotation.Line::ok)
            && r.checked.stream().allMatch(AppRotation.Line::ok));
  }

  private static AppRotation plan(Web web, AccountId id) {
    Keychain keychain = web.keychain();
    try {
      return AppRotation.plan(web.checks.accounts(keychain), id);
    } catch (AccountException e) {
      throw new Refused(409, "Nothing to rotate", e.getMessage());
    }
  }

  /** Starts over: a fresh plan from the keychain as it is now. */
  private void plan(Context ctx) {
    Web web = holder[0];
    Account a = AccountPages.account(web, ctx);
    web.rotations.put(key(web.session(ctx), a.id()), new Rotation(plan(web, a.id())));
    Web.seeOther(ctx, "/accounts/" + a.id() + "/rotate");
  }

  private Rotation current(Web web, Context ctx, AccountId id, Rotation.Stage expected) {
    Rotation r = web.rotations.get(key(web.session(ctx), id));
    if (r == null || r.stage != expected) {
      throw new Refused(
          409,
          "Out of step",
          "This step of the rotation is not the next one (the page was out of date, or the"
              + " dashboard locked); open the rotation again.");
    }
    return r;
  }

  private void invalidate(Context ctx) {
    Web web = holder[0];
    Account a = AccountPages.account(web, ctx);
    String key = key(web.session(ctx), a.id());
    Rotation r = web.rotations.computeIfAbsent(key, k -> new Rotation(plan(web, a.id())));
    if (r.stage != Rotation.Stage.PLANNED) {
      current(web, ctx, a.id(), Rotation.Stage.PLANNED);
    }
    try {
      r.lines.addAll(r.rotation.invalidate());
    } catch (KeychainException e) {
      throw new Refused(409, "Not invalidated", e.getMessage());
    }
    r.stage = Rotation.Stage.INVALIDATED;
    Web.seeOther(ctx, "/accounts/" + a.id() + "/rotate");
  }

  private void keys(Context ctx) {
    Web web = holder[0];
    Account a = AccountPages.account(web, ctx);
    Rotation r = current(web, ctx, a.id(), Rotation.Stage.INVALIDATED);
    AppCredentials fresh;
    try {
      fresh =
          r.rotation.newApp(
              new AppRotation.NewKeys(
                  Web.plain(Web.field(ctx, "consumer_key"), "The API key", 200),
                  Web.plain(Web.field(ctx, "consumer_secret"), "The API key secret", 200)));
    } catch (IllegalArgumentException e) {
      web.session(ctx).flashError(e.getMessage());
      Web.seeOther(ctx, "/accounts/" + a.id() + "/rotate");
      return;
    }
    try {
      r.lines.addAll(r.rotation.replaceKeys(fresh));
    } catch (KeychainException e) {
      throw new Refused(409, "Not stored", e.getMessage());
    }
    r.lines.addAll(
        r.rotation.reauthorize(
            (before, credential) -> {
              String user =
                  credential == Credential.OAUTH1_USER && before.oauth1().screenName() != null
                      ? "@" + before.oauth1().screenName()
                      : "its user";
              r.pending.add(
                  new RotatePending(
                      before.id().toString(),
                      before.id().name(),
                      Rotation.method(credential),
                      credential.description(),
                      user));
              return new AppRotation.Line(
                  true,
                  before.id()
                      + " "
                      + credential.description()
                      + ": to authorize again below, signed in as "
                      + user);
            }));
    r.stage = Rotation.Stage.REKEYED;
    for (AccountId id : r.rotation.ids()) {
      web.statuses.remove(id);
    }
    Web.seeOther(ctx, "/accounts/" + a.id() + "/rotate");
  }

  private void check(Context ctx) {
    Web web = holder[0];
    Account a = AccountPages.account(web, ctx);
    Rotation r = web.rotations.get(key(web.session(ctx), a.id()));
    if (r == null || r.stage != Rotation.Stage.CHECKED) {
      r = current(web, ctx, a.id(), Rotation.Stage.REKEYED);
    }
    r.checked = r.rotation.check();
    for (AccountId id : r.rotation.ids()) {
      web.statuses.put(id, web.checks.check(web.keychain(), id));
    }
    r.stage = Rotation.Stage.CHECKED;
    Web.seeOther(ctx, "/accounts/" + a.id() + "/rotate");
  }
}
