package dev.latchkey.sandbox.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * Renders an {@link ApiError} the way the path's API does: X v1.1 {@code {"errors":[{code,
 * message}]}}, X v2 problem details (RFC 7807), the Tumblr {@code meta}/{@code response} envelope,
 * or plain text on Tumblr's OAuth endpoints.
 */
public final class Errors {
  private Errors() {}

  private static final java.util.Set<Integer> AUTH_CODES = java.util.Set.of(32, 89, 135, 215);
  private static final String RENDERED = "latchkey.errorRendered";

  /** True once {@link #render} wrote this response (so the 404 fallback leaves it alone). */
  public static boolean rendered(Context ctx) {
    return ctx.attribute(RENDERED) != null;
  }

  public static void render(Context ctx, ApiError e) {
    ctx.attribute(RENDERED, Boolean.TRUE);
    String path = ctx.path();
    if (path.startsWith("/twitter/2/")) {
      // v2 answers every authentication failure (v1.1 codes 32, 89, 135, 215) with a bare 401.
      boolean authFailure = AUTH_CODES.contains(e.code());
      int status = authFailure ? 401 : e.status();
      ObjectNode problem = Json.object();
      String title = reason(status);
      problem.put("title", title);
      problem.put("type", "about:blank");
      problem.put("status", status);
      problem.put("detail", authFailure ? title : e.getMessage());
      ctx.status(status).contentType("application/problem+json").result(Json.write(problem));
    } else if (path.startsWith("/twitter/")) {
      ObjectNode body = Json.object();
      ObjectNode err = body.putArray("errors").addObject();
      err.put("code", e.code());
      err.put("message", e.getMessage());
      Json.send(ctx, e.status(), body);
    } else if (path.startsWith("/tumblr/oauth/")) {
      ctx.status(e.status()).contentType("text/plain; charset=utf-8").result(e.getMessage());
    } else if (path.startsWith("/tumblr/")) {
      Json.send(ctx, e.status(), tumblrEnvelope(e.status(), e.getMessage()));
    } else {
      ObjectNode body = Json.object();
      body.put("error", e.getMessage());
      Json.send(ctx, e.status(), body);
    }
  }

  /** {@code {"meta":{status,msg},"response":[],"errors":[{title,code:0,detail}]}}. */
  public static ObjectNode tumblrEnvelope(int status, String detail) {
    ObjectNode body = Json.object();
    ObjectNode meta = body.putObject("meta");
    meta.put("status", status);
    meta.put("msg", reason(status));
    body.putArray("response");
    ObjectNode err = body.putArray("errors").addObject();
    err.put("title", reason(status));
    err.put("code", 0);
    err.put("detail", detail);
    return body;
  }

  static String reason(int status) {
    HttpStatus s = HttpStatus.forStatus(status);
    return s == HttpStatus.UNKNOWN ? "Error" : s.getMessage();
  }
}
