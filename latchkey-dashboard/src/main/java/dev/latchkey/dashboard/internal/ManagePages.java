package dev.latchkey.dashboard.internal;

import dev.latchkey.account.AccountException;
import dev.latchkey.formats.CredentialExport;
import dev.latchkey.formats.CredentialFormat;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.Secret;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One account's page and what can be done to it: label, rename, make default, reveal a secret
 * (after the passphrase is typed again, and only for a short time), export, remove.
 */
final class ManagePages {
  private final Web[] holder;

  ManagePages(Web[] holder) {
    this.holder = holder;
  }

  void register(JavalinDefaultRouting router) {
    String account = "/accounts/{platform}/{name}";
    router.get(account, ctx -> show(ctx, null));
    router.post(account + "/label", this::label);
    router.post(account + "/rename", this::rename);
    router.post(account + "/default", this::makeDefault);
    router.post(account + "/reveal", this::reveal);
    router.post(account + "/export", this::export);
    router.post(account + "/remove", this::remove);
    router.post(account + "/revoke", this::revoke);
  }

  private void show(Context ctx, String reveal) {
    Web web = holder[0];
    Account a = AccountPages.account(web, ctx);
    Keychain keychain = web.keychain();
    AccountRow row = AccountPages.row(web, keychain, a, reveal);
    Page page = web.page(ctx, a.id().toString(), "accounts");
    int seconds = (int) web.options.revealFor().toSeconds();
    if (reveal != null) {
      page = page.refreshing(seconds, row.path());
    }
    web.render(
        ctx,
        "account",
        "page",
        page,
        "row",
        row,
        "formats",
        Arrays.stream(CredentialFormat.values()).map(CredentialFormat::cliName).toList(),
        "askPassphrase",
        web.vault.hasPassphrase(),
        "revealSeconds",
        seconds);
  }

  private void label(Context ctx) {
    Web web = holder[0];
    Account a = AccountPages.account(web, ctx);
    String label = Web.plain(Web.field(ctx, "label"), "The label", 200);
    edit(web, a.id(), draft -> draft.put(draft.get(a.id()).orElse(a).withLabel(label)));
    web.session(ctx).flash(label == null ? "Removed the label." : "Saved the label.");
    Web.seeOther(ctx, "/accounts/" + a.id());
  }

  private void rename(Context ctx) {
    Web web = holder[0];
    Account a = AccountPages.account(web, ctx);
    String name = Web.plain(Web.field(ctx, "new_name"), "The new name", 64);
    AccountId to;
    try {
      to = new AccountId(a.id().platform(), name == null ? "" : name);
    } catch (IllegalArgumentException e) {
      throw new Refused(400, "Not a valid name", e.getMessage());
    }
    try {
      web.keychain().rename(a.id(), to);
    } catch (KeychainException e) {
      throw new Refused(409, "Not renamed", e.getMessage());
    }
    StatusView status = web.statuses.remove(a.id());
    if (status != null) {
      web.statuses.put(to, status);
    }
    web.session(ctx).flash("Renamed " + a.id() + " to " + to + ".");
    Web.seeOther(ctx, "/accounts/" + to);
  }

  private void makeDefault(Context ctx) {
    Web web = holder[0];
    Account a = AccountPages.account(web, ctx);
    try {
      web.keychain().setDefault(a.id());
    } catch (KeychainException e) {
      throw new Refused(409, "Not changed", e.getMessage());
    }
    web.session(ctx).flash(a.id() + " is now the default " + a.id().platform() + " account.");
    Web.seeOther(ctx, "/accounts/" + a.id());
  }

  private void reveal(Context ctx) {
    Web web = holder[0];
    Account a = AccountPages.account(web, ctx);
    String field = ctx.formParam("field");
    if (field == null || Views.secret(a, field) == null) {
      throw new Refused(400, "Nothing to show", "Choose one of the account's stored keys.");
    }
    if (!confirmed(web, ctx)) {
      show(ctx, null, "The passphrase is not the keychain's; nothing was shown.");
      return;
    }
    show(ctx, field);
  }

  private void show(Context ctx, String reveal, String error) {
    ctx.status(403);
    holder[0].session(ctx).flashError(error);
    show(ctx, reveal);
  }

  /** Whether the passphrase typed again opens the keychain (a plaintext keychain has none). */
  private static boolean confirmed(Web web, Context ctx) {
    if (!web.vault.hasPassphrase()) {
      return ctx.formParam("confirm") != null;
    }
    String typed = ctx.formParam("passphrase");
    if (typed == null || typed.isEmpty() || typed.length() > 1024) {
      return false;
    }
    char[] chars = typed.toCharArray();
    try {
      web.vault.confirm(chars);
      return true;
    } catch (KeychainException e) {
      return false;
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  private void export(Context ctx) {
    Web web = holder[0];
    Account a = AccountPages.account(web, ctx);
    CredentialFormat format =
        CredentialFormat.fromCliName(String.valueOf(ctx.formParam("format")))
            .orElseThrow(
                () ->
                    new Refused(
                        400,
                        "Unknown format",
                        "Choose one of " + CredentialFormat.cliNames() + "."));
    if (!confirmed(web, ctx)) {
      show(ctx, null, "The passphrase is not the keychain's; nothing was exported.");
      return;
    }
    String text;
    try {
      text = CredentialExport.write(a, format);
    } catch (IllegalArgumentException e) {
      throw new Refused(400, "Cannot export", e.getMessage());
    }
    String file = a.id().platform() + "-" + a.id().name() + "." + extension(format);
    ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
    ctx.contentType("application/octet-stream").result(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String extension(CredentialFormat format) {
    return switch (format) {
      case TW_JSON -> "tw.json";
      case SMAPY -> "smapy.json";
      case TWURLRC -> "twurlrc";
      case TWARC -> "twarc";
      case TWARC2 -> "twarc2.conf";
      case MASSMINE -> "massmine_cred";
      case DOTENV -> "env";
    };
  }

  private void revoke(Context ctx) {
    Web web = holder[0];
    Account a = AccountPages.account(web, ctx);
    Checks.Revoked revoked;
    try {
      revoked = web.checks.revoke(web.keychain(), a.id());
    } catch (AccountException | KeychainException e) {
      throw new Refused(409, "Not revoked", e.getMessage());
    }
    web.statuses.put(a.id(), revoked.after());
    web.session(ctx)
        .flash(
            a.id()
                + ": "
                + String.join("; ", revoked.lines())
                + ". "
                + a.id().platform()
                + " now answers the revoked tokens: "
                + Web.clause(revoked.after().summary().replaceFirst("^revoked; ", ""))
                + ". Remove the account when you no longer need the entry.");
    Web.seeOther(ctx, "/accounts/" + a.id());
  }

  private void remove(Context ctx) {
    Web web = holder[0];
    Account a = AccountPages.account(web, ctx);
    if (ctx.formParam("confirm") == null) {
      throw new Refused(
          400, "Not removed", "Tick the box to confirm that " + a.id() + " should be removed.");
    }
    try {
      web.keychain().remove(a.id());
    } catch (KeychainException e) {
      throw new Refused(409, "Not removed", e.getMessage());
    }
    web.statuses.remove(a.id());
    web.session(ctx).flash("Removed " + a.id() + " from the keychain.");
    Web.seeOther(ctx, "/");
  }

  private static void edit(Web web, AccountId id, Keychain.Edit edit) {
    try {
      web.keychain().edit(edit);
    } catch (KeychainException e) {
      throw new Refused(409, "Not saved", e.getMessage());
    }
  }

  static List<Secret> secrets(Account a) {
    return Views.keys(a, null).stream().map(k -> Views.secret(a, k.field())).toList();
  }
}
