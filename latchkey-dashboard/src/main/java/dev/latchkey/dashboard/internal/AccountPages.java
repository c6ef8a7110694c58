package dev.latchkey.dashboard.internal;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.platform.Platform;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.ArrayList;
import java.util.List;

/** The accounts page, and checking one account or all of them against their platforms. */
final class AccountPages {
  private final Web[] holder;

  AccountPages(Web[] holder) {
    this.holder = holder;
  }

  void register(JavalinDefaultRouting router) {
    router.get("/", this::list);
    router.post("/accounts/check", this::checkAll);
    router.post("/accounts/{platform}/{name}/check", this::checkOne);
  }

  private void list(Context ctx) {
    Web web = holder[0];
    Keychain keychain = web.keychain();
    List<AccountRow> rows = new ArrayList<>();
    for (Account a : keychain.accounts()) {
      rows.add(row(web, keychain, a, null));
    }
    web.render(
        ctx,
        "accounts",
        "page",
        web.page(ctx, "Accounts", "accounts"),
        "rows",
        rows,
        "keychain",
        keychain.path().toString());
  }

  /** One account as the pages show it; {@code reveal} names a credential to show whole. */
  static AccountRow row(Web web, Keychain keychain, Account a, String reveal) {
    String platformName;
    try {
      Platform p = web.options.platforms().get(a.id().platform());
      platformName = p.displayName();
    } catch (IllegalArgumentException e) {
      platformName = a.id().platform() + " (unknown platform)";
    }
    boolean isDefault =
        keychain.defaultAccount(a.id().platform()).map(a.id()::equals).orElse(false);
    return new AccountRow(
        a.id().toString(),
        platformName,
        a.label(),
        isDefault,
        Views.keys(a, reveal),
        web.statuses.getOrDefault(a.id(), StatusView.unchecked()));
  }

  /** The account named by the path, or 404. */
  static Account account(Web web, Context ctx) {
    AccountId id;
    try {
      id = new AccountId(ctx.pathParam("platform"), ctx.pathParam("name"));
    } catch (IllegalArgumentException e) {
      throw new Refused(404, "No such account", "There is no such account in the keychain.");
    }
    return web.keychain()
        .get(id)
        .orElseThrow(
            () ->
                new Refused(
                    404, "No such account", "There is no account " + id + " in the keychain."));
  }

  private void checkAll(Context ctx) {
    Web web = holder[0];
    Keychain keychain = web.keychain();
    for (Account a : keychain.accounts()) {
      web.statuses.put(a.id(), web.checks.check(keychain, a.id()));
    }
    web.session(ctx).flash("Checked every account.");
    Web.seeOther(ctx, "/");
  }

  private void checkOne(Context ctx) {
    Web web = holder[0];
    Account a = account(web, ctx);
    StatusView status = web.checks.check(web.keychain(), a.id());
    web.statuses.put(a.id(), status);
    if (Server.isScript(ctx)) {
      web.render(ctx, "status", "status", status);
      return;
    }
    web.session(ctx).flash("Checked " + a.id() + ": " + status.summary());
    String back = ctx.formParam("back");
    Web.seeOther(ctx, "account".equals(back) ? "/accounts/" + a.id() : "/");
  }
}
