package dev.latchkey.sandbox.internal;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Set;

/**
 * The check in front of every state-changing browser page and the control API (security-notes
 * §9.14; issue 8, finding 9): {@code Host} must be a loopback name (or a real host the sandbox
 * stands in for, as requests through its proxy carry), which defeats DNS rebinding, and an {@code
 * Origin}, when sent, must be that same host, which defeats cross-site form posts.
 */
public final class HostGuard {
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

  private HostGuard() {}

  /**
   * Why the request is refused, or null when it may go on.
   *
   * @param alsoAllowed host names besides loopback (lower case), e.g. {@code api.x.com}
   */
  public static String refusal(Context ctx, Set<String> alsoAllowed) {
    String host = ctx.host() == null ? "" : ctx.host().toLowerCase(Locale.ROOT);
    String hostname = hostname(host);
    if (!LOOPBACK.contains(hostname) && !alsoAllowed.contains(hostname)) {
      return "requests for host '" + hostname + "' are refused; use 127.0.0.1 or localhost";
    }
    String origin = ctx.header("Origin");
    if (origin != null
        && !origin.equalsIgnoreCase("http://" + host)
        && !(alsoAllowed.contains(hostname) && origin.equalsIgnoreCase("https://" + host))) {
      return "cross-origin requests are refused";
    }
    return null;
  }

  /** The host name of a {@code Host} header value, without the port; IPv6 in brackets. */
  static String hostname(String host) {
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(0, end + 1);
    }
    int colon = host.indexOf(':');
    return colon >= 0 ? host.substring(0, colon) : host;
  }
}
