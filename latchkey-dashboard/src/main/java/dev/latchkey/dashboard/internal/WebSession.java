package dev.latchkey.dashboard.internal;

import dev.latchkey.keychain.Account;
import java.time.Instant;

/**
 * One signed-in browser: its cookie value, its CSRF token, and the one-time message the next page
 * shows. Nothing secret beyond the two tokens lives here.
 */
final class WebSession {
  private final String id;
  private final String csrf;
  private String flash;
  private String flashError;
  private Instant lastSeen;
  private Account draft;
  private boolean draftReplaces;

  WebSession(String id, String csrf, Instant now) {
    this.id = id;
    this.csrf = csrf;
    this.lastSeen = now;
  }

  String id() {
    return id;
  }

  String csrf() {
    return csrf;
  }

  synchronized void seen(Instant now) {
    lastSeen = now;
  }

  synchronized Instant lastSeen() {
    return lastSeen;
  }

  /** Shows {@code message} on the next page, once. */
  synchronized void flash(String message) {
    this.flash = message;
  }

  /** Shows {@code message} as an error on the next page, once. */
  synchronized void flashError(String message) {
    this.flashError = message;
  }

  /**
   * Keeps keys that failed their test, so that the person can store them untested without typing
   * them again; only the last attempt is kept, and only in memory.
   */
  synchronized void keepDraft(Account account, boolean replaces) {
    this.draft = account;
    this.draftReplaces = replaces;
  }

  /** The kept draft, removed; null when there is none. */
  synchronized Account takeDraft() {
    Account d = draft;
    draft = null;
    return d;
  }

  synchronized boolean draftReplaces() {
    return draftReplaces;
  }

  synchronized boolean hasDraft() {
    return draft != null;
  }

  synchronized String takeFlash() {
    String f = flash;
    flash = null;
    return f;
  }

  synchronized String takeFlashError() {
    String f = flashError;
    flashError = null;
    return f;
  }
}
