package dev.latchkey.cli.terminal;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.net.URI;

/**
 * Opens a URL in the person's browser when there is a desktop to open it on; otherwise the caller
 * has printed the URL and that is all. Never fails the command.
 */
public final class Browser {
  /** When set, no browser is ever opened. */
  public static final String NO_BROWSER = "LATCHKEY_NO_BROWSER";

  private Browser() {}

  /**
   * True when the browser was asked to open {@code uri}.
   *
   * @param allowed false for {@code --no-browser} or {@value #NO_BROWSER}
   */
  public static boolean open(URI uri, boolean allowed) {
    if (!allowed) {
      return false;
    }
    try {
      if (GraphicsEnvironment.isHeadless()
          || !Desktop.isDesktopSupported()
          || !Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
        return false;
      }
      Desktop.getDesktop().browse(uri);
      return true;
    } catch (Exception | LinkageError e) {
      // No browser is not an error: the URL is already on the screen.
      return false;
    }
  }
}
