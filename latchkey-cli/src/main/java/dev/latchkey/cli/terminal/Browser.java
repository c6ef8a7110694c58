package dev.latchkey.cli.terminal;

import dev.latchkey.cli.Session;
import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.net.URI;

/**
 * Opens a URL in the person's browser when there is a desktop to open it on; otherwise the caller
 * has printed the URL and that is all. Never fails the command.
 */
public final class Browser {
  private Browser() {}

  /** True when the browser was asked to open {@code uri}. */
  public static boolean open(Session session, URI uri, boolean allowed) {
    if (!allowed || session.context().env("LATCHKEY_NO_BROWSER") != null) {
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
