package dev.latchkey.dashboard.internal;

import dev.latchkey.dashboard.DashboardOptions;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every handler shares: the options, the unlocked keychain, the sessions, the templates, the
 * platform checks and the last status of each account; and the small steps every page repeats.
 */
final class Web {
  static final String SESSION = "latchkey.session";

  final DashboardOptions options;
  final Vault vault;
  final Sessions sessions;
  final Guard guard;
  final Templates templates = new Templates();
  final Checks checks;
  final Map<AccountId, StatusView> statuses = new ConcurrentHashMap<>();
  final CollectionRows collections;

  /** Authorizations in progress by id; they hold an app's keys, so locking forgets them. */
  final Map<String, Flow> flows = new ConcurrentHashMap<>();

  /**
   * Rotations in progress, by session and account; they hold the leaked keys and what each account
   * held, so locking forgets them.
   */
  final Map<String, Rotation> rotations = new ConcurrentHashMap<>();

  final int port;

  Web(DashboardOptions options, Vault vault, Sessions sessions, Guard guard, int port) {
    this.options = options;
    this.vault = vault;
    this.sessions = sessions;
    this.guard = guard;
    this.checks = new Checks(options.platforms(), options.clock());
    this.collections = new CollectionRows(options.collections(), options.clock());
    this.port = port;
    vault.onLock(sessions::forgetDrafts);
    vault.onLock(statuses::clear);
    vault.onLock(flows::clear);
    vault.onLock(rotations::clear);
  }

  /** The signed-in session of this request (the guard put it there). */
  WebSession session(Context ctx) {
    WebSession s = ctx.attribute(SESSION);
    if (s == null) {
      throw new IllegalStateException("no session on " + ctx.path());
    }
    return s;
  }

  /** The unlocked keychain, or {@link Locked}. */
  Keychain keychain() {
    return vault.keychain().orElseThrow(Locked::new);
  }

  /** The frame of a page, with the session's one-time notices taken. */
  Page page(Context ctx, String title, String nav) {
    WebSession s = session(ctx);
    return new Page(
        title, nav, s.csrf(), s.takeFlash(), s.takeFlashError(), vault.unlocked(), 0, null);
  }

  /** Renders a template as the response. */
  void render(Context ctx, String template, Object... namesAndValues) {
    Map<String, Object> params = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      params.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    ctx.contentType("text/html; charset=utf-8").result(templates.render(template, params));
  }

  /** After a form: back to a page (303, so reloading does not post again). */
  static void seeOther(Context ctx, String location) {
    ctx.redirect(location, HttpStatus.SEE_OTHER);
  }

  /** The dashboard's own address, {@code http://127.0.0.1:PORT}. */
  String base() {
    return "http://127.0.0.1:" + port;
  }

  /** A form field, trimmed; null when absent or blank. */
  static String field(Context ctx, String name) {
    String v = ctx.formParam(name);
    if (v == null) {
      return null;
    }
    v = v.strip();
    return v.isEmpty() ? null : v;
  }

  /** A message without its final full stop, to go inside a sentence of ours. */
  static String clause(String message) {
    return message == null ? "" : message.strip().replaceAll("[.]+$", "");
  }

  /** A one-line value a person typed: refused when it holds control characters or is too long. */
  static String plain(String value, String what, int max) {
    if (value == null) {
      return null;
    }
    if (value.length() > max) {
      throw new Refused(400, "Too long", what + " is longer than " + max + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new Refused(
            400, "Not allowed", what + " holds a control character (a line break or escape)");
      }
    }
    return value;
  }
}
