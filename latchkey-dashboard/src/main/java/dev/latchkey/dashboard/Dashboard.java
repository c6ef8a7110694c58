package dev.latchkey.dashboard;

import dev.latchkey.dashboard.internal.Server;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;

/**
 * The credentials dashboard: a web page on {@code 127.0.0.1} that shows every account with its live
 * status and lets a person add, authorize, check, reveal, export, import and remove them.
 *
 * <p>Security, as a page on localhost must be (Jupyter's model): it listens on 127.0.0.1 only;
 * {@link #signInUri()} carries a random token that works once and is exchanged for an {@code
 * HttpOnly}, {@code SameSite=Strict} session cookie; every request's {@code Host} must be {@code
 * 127.0.0.1:PORT} or {@code localhost:PORT} (DNS rebinding); every change needs the session's CSRF
 * token and this origin's {@code Origin}; pages carry a strict Content-Security-Policy (no inline
 * script), {@code X-Frame-Options: DENY} and {@code Cache-Control: no-store}; secrets appear only
 * when revealed, never in an address or a log line.
 *
 * <pre>{@code
 * try (Dashboard dashboard = Dashboard.start(options)) {
 *   System.out.println("Open " + dashboard.signInUri());
 *   ...
 * }
 * }</pre>
 */
public final class Dashboard implements AutoCloseable {
  private final Server server;

  private Dashboard(Server server) {
    this.server = server;
  }

  /**
   * Starts the dashboard.
   *
   * @throws IOException naming the port and the fix when it cannot listen
   */
  public static Dashboard start(DashboardOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    return new Dashboard(Server.start(options));
  }

  /** The port it listens on (the one asked for, or the free one it got for port 0). */
  public int port() {
    return server.port();
  }

  /** {@code http://127.0.0.1:PORT/}. */
  public URI baseUri() {
    return server.baseUri();
  }

  /** The one-time sign-in address to print and open; null once a browser has used it. */
  public URI signInUri() {
    return server.signInUri();
  }

  /**
   * A small HTML page that sends the browser to {@code signIn}: opened from a private file, it
   * keeps the token off the browser's command line, where other users of the machine could read it
   * (as Jupyter's redirect file does).
   */
  public static String redirectPage(URI signIn) {
    String url = signIn.toString().replace("&", "&amp;").replace("\"", "&quot;");
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta http-equiv=\"refresh\" content=\"0;url="
        + url
        + "\"><title>Latchkey</title></head><body><p><a href=\""
        + url
        + "\">Open the Latchkey dashboard</a></p></body></html>\n";
  }

  /** A fresh one-time sign-in address (for a second browser); the previous one stops working. */
  public URI newSignInUri() {
    return server.newSignInUri();
  }

  /** Forgets the unlocked keychain now, as the Lock button does. */
  public void lock() {
    server.lock();
  }

  /** Stops listening and forgets the unlocked keychain. */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "Dashboard[" + baseUri() + "]";
  }
}
