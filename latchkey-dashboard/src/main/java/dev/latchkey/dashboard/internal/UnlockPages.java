package dev.latchkey.dashboard.internal;

import dev.latchkey.keychain.KeychainAgent;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.PassphraseSource;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Unlocking and locking: through the agent of {@code latchkey unlock} when it holds the keychain,
 * with the passphrase that needs no typing when there is one (a file, the environment, the
 * keyring), else with a passphrase form; creating the keychain when there is none yet. Locking
 * forgets the dashboard's copy; the agent's is forgotten only when asked ({@code latchkey lock}).
 */
final class UnlockPages {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

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
    Optional<KeychainAgent.Status> agent =
        web.vault.keychainExists() ? web.vault.agent() : Optional.empty();
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
        web.options.presetDescription(),
        "agent",
        agent.map(UnlockPages::describe).orElse(null),
        "because",
        web.vault.lockedBecause());
  }

  private static String describe(KeychainAgent.Status s) {
    return "the agent of latchkey unlock (process "
        + s.pid()
        + ") holds it until "
        + WHEN.format(s.forgetsAt())
        + " unless used, "
        + WHEN.format(s.expiresAt())
        + " at the latest";
  }

  private void unlock(Context ctx) {
    Web web = holder[0];
    boolean create = !web.vault.keychainExists();
    try {
      if (ctx.formParam("agent") != null && !create) {
        web.vault.unlockThroughAgent();
      } else if (ctx.formParam("preset") != null && web.options.presetPassphrase() != null) {
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
    web.session(ctx)
        .flash(
            create
                ? "Created the keychain; it is unlocked."
                : "Unlocked with " + web.vault.unlockedBy() + ".");
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
    if (ctx.formParam("agent") != null) {
      web.session(ctx)
          .flash(
              web.vault.lockAgent()
                  ? "The agent of latchkey unlock forgot the keychain too: every command asks for"
                      + " the passphrase again."
                  : "No agent of latchkey unlock held the keychain.");
    } else {
      web.session(ctx)
          .flash(
              "Locked: the keychain's keys are out of this dashboard's memory."
                  + (web.vault.agent().isPresent()
                      ? " The agent of latchkey unlock still holds them for your commands."
                      : ""));
    }
    Web.seeOther(ctx, "/unlock");
  }
}
