package dev.latchkey.http.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The small HTML page a one-shot loopback receiver (OAuth 1.0a callback, OAuth 2 redirect, <a
 * href="https://www.rfc-editor.org/rfc/rfc8252#section-7.3">RFC 8252 §7.3</a>) shows the person,
 * sent with headers that keep it out of caches, referrers and frames.
 */
public final class LoopbackPage {
  private LoopbackPage() {}

  /**
   * Answers {@code exchange} with a page titled {@code title} saying {@code text}; both are
   * constant text of ours, never input, so they are not escaped.
   */
  public static void send(HttpExchange exchange, int status, String title, String text)
      throws IOException {
    String html =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
            + title
            + "</title></head><body style=\"font-family:sans-serif;max-width:36em;margin:4em"
            + " auto\"><h1>"
            + title
            + "</h1><p>"
            + text
            + "</p></body></html>";
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    exchange
        .getResponseHeaders()
        .set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
    exchange.getResponseHeaders().set("Connection", "close");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
