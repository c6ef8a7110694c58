package dev.latchkey.dashboard.internal;

import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.PassphraseSource;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.Arrays;

/**
 * Unlocking and locking: with the passphrase that needs no typing when there is one (a file, the
 * environment, the keyring or the agent), else with a passphrase form; creating the keychain when
 * there is none yet.
 */
final class UnlockPages {
  private final Web[] holder;

  UnlockPages(Web[] holder) {
    this.holder = holder;
  }

  void register(JavalinDefaultRouting router) {
    router.get("/unlock", this::show);
    router.post("/unlock", this::unlock);
    router.post("/lock", this::lock);
  }

  private void show(Context ctx) {
    Web web = holder[0];
    if (web.vault.unlocked()) {
      Web.seeOther(ctx, "/");
      return;
    }
    render(ctx, web.page(ctx, title(web), "unlock"));
  }

  private static String title(Web web) {
    return web.vault.keychainExists() ? "Unlock the keychain" : "Create the keychain";
  }

  private void render(Context ctx, Page page) {
    Web web = holder[0];
    web.render(
        ctx,
        "unlock",
        "page",
        page,
        "exists",
        web.vault.keychainExists(),
        "keychain",
        web.options.keychainFile().toString(),
        "preset",
        web.options.presetDescription());
  }

  private void unlock(Context ctx) {
    Web web = holder[0];
    boolean create = !web.vault.keychainExists();
    try {
      if (ctx.formParam("preset") != null && web.options.presetPassphrase() != null) {
        web.vault.unlock(web.options.presetPassphrase(), create, web.options.presetDescription());
      } else {
        char[] typed = passphrase(ctx, create);
        try {
          web.vault.unlock(PassphraseSource.of(typed), create, "the passphrase typed here");
        } finally {
          Arrays.fill(typed, '\0');
        }
      }
    } catch (KeychainException e) {
      ctx.status(400);
      render(ctx, web.page(ctx, title(web), "unlock").withError(e.getMessage()));
      return;
    }
    web.session(ctx).flash(create ? "Created the keychain; it is unlocked." : "Unlocked.");
    Web.seeOther(ctx, "/");
  }

  private static char[] passphrase(Context ctx, boolean create) {
    String typed = ctx.formParam("passphrase");
    if (typed == null || typed.isEmpty()) {
      throw new Refused(400, "No passphrase", "Type the keychain's passphrase.");
    }
    if (typed.length() > 1024) {
      throw new Refused(400, "Too long", "The passphrase is longer than 1024 characters.");
    }
    if (create && !typed.equals(ctx.formParam("repeat"))) {
      throw new Refused(
          400, "Passphrases differ", "The two passphrases differ; nothing was created. Try again.");
    }
    return typed.toCharArray();
  }

  private void lock(Context ctx) {
    Web web = holder[0];
    web.vault.lock();
    web.session(ctx).flash("Locked: the keychain's keys are out of memory.");
    Web.seeOther(ctx, "/unlock");
  }
}
