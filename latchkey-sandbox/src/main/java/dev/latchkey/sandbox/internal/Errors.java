package dev.latchkey.sandbox.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;

/**
 * Renders an {@link ApiError} in the dialect of the path it answers: the owning platform's
 * description names the dialect (X v1.1, X v2 problems, Tumblr's envelope, plain text); the
 * sandbox's own paths answer {@code {"error":"…"}}.
 */
public final class Errors {
  private static final String RENDERED = "latchkey.errorRendered";

  private final List<PlatformDescription> platforms;

  public Errors(List<PlatformDescription> platforms) {
    this.platforms = List.copyOf(platforms);
  }

  /** True once {@link #render} wrote this response (so the 404 fallback leaves it alone). */
  public static boolean rendered(Context ctx) {
    return ctx.attribute(RENDERED) != null;
  }

  /** The dialect of a sandbox path, or null for paths no platform owns. */
  public ErrorDialect dialect(String path) {
    for (PlatformDescription p : platforms) {
      if (p.owns(path)) {
        return p.errors(path);
      }
    }
    return null;
  }

  public void render(Context ctx, ApiError e) {
    ctx.attribute(RENDERED, Boolean.TRUE);
    ErrorDialect dialect = dialect(ctx.path());
    if (dialect != null) {
      dialect.render(ctx, e);
      return;
    }
    ObjectNode body = Json.object();
    body.put("error", e.getMessage());
    Json.send(ctx, e.status(), body);
  }

  /** The 404 of an unknown path, in the dialect of the path. */
  public ApiError notFound(String path) {
    ErrorDialect dialect = dialect(path);
    return dialect != null
        ? dialect.notFound()
        : new ApiError(404, 0, "no such sandbox endpoint: see GET /sandbox/");
  }

  /** The HTTP reason phrase of a status. */
  public static String reason(int status) {
    HttpStatus s = HttpStatus.forStatus(status);
    return s == HttpStatus.UNKNOWN ? "Error" : s.getMessage();
  }
}
