package dev.latchkey.sandbox.internal;

import io.javalin.http.Context;

/** HTML text escaping for the sandbox's pages (OWASP rule #1: escape before inserting). */
public final class Html {
  private Html() {}

  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A complete page with the sandbox's small style sheet. */
  public static String page(String title, String body) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + escape(title)
        + "</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;"
        + "padding:0 1rem;line-height:1.5}fieldset{margin:1rem 0}label{display:block}"
        + "button{margin-right:.5rem;padding:.4rem 1rem}code{font-size:1.6rem;letter-spacing:.2rem}"
        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem}</style>"
        + "</head><body><main>\n"
        + body
        + "\n</main></body></html>\n";
  }

  /** {@code url} with {@code query} appended to its query, before any fragment. */
  public static String withQuery(String url, String query) {
    int hash = url.indexOf('#');
    String fragment = hash >= 0 ? url.substring(hash) : "";
    String base = hash >= 0 ? url.substring(0, hash) : url;
    String sep = base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
    return base + sep + query + fragment;
  }

  /** The headers of every sandbox page: no caching, no framing, no sniffing, a strict CSP. */
  public static void pageHeaders(Context ctx) {
    ctx.contentType("text/html; charset=utf-8");
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  }
}
