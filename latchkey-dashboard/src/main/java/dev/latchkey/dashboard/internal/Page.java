package dev.latchkey.dashboard.internal;

/**
 * What every page's frame needs: its title, which menu entry is current, the CSRF token for its
 * forms, the one-time notice or error, whether the keychain is unlocked (the menu shows then), and
 * an optional reload after some seconds (how a revealed secret disappears without script).
 */
public record Page(
    String title,
    String nav,
    String csrf,
    String flash,
    String error,
    boolean unlocked,
    int refreshSeconds,
    String refreshUrl) {

  /** The same page reloading {@code url} after {@code seconds}. */
  public Page refreshing(int seconds, String url) {
    return new Page(title, nav, csrf, flash, error, unlocked, seconds, url);
  }

  /** The same page with an error line. */
  public Page withError(String message) {
    return new Page(title, nav, csrf, flash, message, unlocked, refreshSeconds, refreshUrl);
  }

  /** Whether {@code name} is the current menu entry ({@code aria-current="page"}), else null. */
  public String current(String name) {
    return name.equals(nav) ? "page" : null;
  }
}
