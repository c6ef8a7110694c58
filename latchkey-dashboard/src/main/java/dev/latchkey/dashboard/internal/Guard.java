package dev.latchkey.dashboard.internal;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Set;

/**
 * The checks every request passes before a handler runs, in this order: the {@code Host} header
 * names this server (DNS rebinding), the session cookie is valid (except for sign-in, static files
 * and the OAuth redirects, which arrive from the platform's page without it), and a state-changing
 * request comes from this origin ({@code Origin}) with the session's CSRF token.
 */
final class Guard {
  /** The form field, and the header for scripts, that carry the CSRF token. */
  static final String CSRF_FIELD = "csrf";

  static final String CSRF_HEADER = "X-CSRF-Token";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private final int port;
  private final Sessions sessions;
  private final String cookieName;

  Guard(int port, Sessions sessions) {
    this.port = port;
    this.sessions = sessions;
    this.cookieName = cookieName(port);
  }

  /**
   * The cookie's name carries the port: cookies are not kept apart by port, so two dashboards (or
   * any other server on 127.0.0.1) would otherwise overwrite each other's.
   */
  static String cookieName(int port) {
    return "latchkey_ui_" + port;
  }

  String cookieName() {
    return cookieName;
  }

  /** Only {@code 127.0.0.1:PORT} and {@code localhost:PORT}: anything else is a rebound name. */
  void checkHost(Context ctx) {
    String host = ctx.header("Host");
    if (!isOwnHost(host)) {
      throw new Refused(
          403,
          "Refused",
          "This dashboard answers only at http://127.0.0.1:" + port + "/ (the Host was refused).");
    }
  }

  boolean isOwnHost(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("127.0.0.1:" + port) || h.equals("localhost:" + port);
  }

  /** The signed-in session, or 401. */
  WebSession session(Context ctx) {
    return sessions
        .find(ctx.cookie(cookieName))
        .orElseThrow(
            () ->
                new Refused(
                    401,
                    "Sign in",
                    "Open the address latchkey ui printed (it works once), or start latchkey ui"
                        + " again for a new one."));
  }

  /**
   * For anything but GET and HEAD: the {@code Origin} must be this server's own (as the browser
   * sends it on every POST), and the CSRF token must be the session's.
   */
  void checkStateChange(Context ctx, WebSession session) {
    if (SAFE_METHODS.contains(ctx.method().name())) {
      return;
    }
    String origin = ctx.header("Origin");
    String own = "http://" + ctx.header("Host").toLowerCase(Locale.ROOT);
    if (origin == null || !origin.toLowerCase(Locale.ROOT).equals(own)) {
      throw new Refused(
          403, "Refused", "This change did not come from the dashboard's own page (Origin).");
    }
    String token = ctx.header(CSRF_HEADER);
    if (token == null) {
      token = ctx.formParam(CSRF_FIELD);
    }
    if (!Tokens.same(token, session.csrf())) {
      throw new Refused(
          403,
          "Refused",
          "This form is out of date or did not come from the dashboard (CSRF token); reload the"
              + " page and try again.");
    }
  }
}
