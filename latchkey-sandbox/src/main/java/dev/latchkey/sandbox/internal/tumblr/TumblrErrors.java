package dev.latchkey.sandbox.internal.tumblr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.sandbox.internal.ApiError;
import dev.latchkey.sandbox.internal.AuthType;
import dev.latchkey.sandbox.internal.ErrorDialect;
import dev.latchkey.sandbox.internal.Errors;
import dev.latchkey.sandbox.internal.Json;
import io.javalin.http.Context;
import java.util.Set;

/**
 * Tumblr's errors: the same refusals everywhere, said two ways. API v2 wraps them in {@code
 * {"meta":{status,msg},"response":[],"errors":[{title,code,detail}]}} (facts G), whatever the
 * status; the OAuth 1.0a endpoints on www.tumblr.com answer plain text.
 */
final class TumblrErrors implements ErrorDialect {
  /** Tumblr's reason phrase for 429 (its docs: "429 Limit Exceeded"). */
  static final String LIMIT_EXCEEDED = "Limit Exceeded";

  /** OAuth 1.0a failures the shared verifier reports with X's codes; Tumblr says 401 to all. */
  private static final java.util.Set<Integer> AUTH_CODES = java.util.Set.of(32, 89, 135, 215);

  private final boolean plainText;

  private TumblrErrors(boolean plainText) {
    this.plainText = plainText;
  }

  /** API v2's JSON envelope. */
  static TumblrErrors envelope() {
    return new TumblrErrors(false);
  }

  /** The OAuth 1.0a endpoints' plain text. */
  static TumblrErrors plainText() {
    return new TumblrErrors(true);
  }

  @Override
  public void render(Context ctx, ApiError e) {
    if (plainText) {
      ctx.status(e.status()).contentType("text/plain; charset=utf-8").result(e.getMessage());
      return;
    }
    int status = AUTH_CODES.contains(e.code()) ? 401 : e.status();
    Json.send(ctx, status, envelope(status, e.getMessage()));
  }

  /** {@code {"meta":{status,msg},"response":[],"errors":[{title,code:0,detail}]}}. */
  static ObjectNode envelope(int status, String detail) {
    ObjectNode body = Json.object();
    ObjectNode meta = body.putObject("meta");
    meta.put("status", status);
    String reason = status == 429 ? LIMIT_EXCEEDED : Errors.reason(status);
    meta.put("msg", reason);
    body.putArray("response");
    ObjectNode err = body.putArray("errors").addObject();
    err.put("title", reason);
    err.put("code", 0);
    err.put("detail", detail);
    return body;
  }

  @Override
  public ApiError invalidToken() {
    return new ApiError(401, 0, "Unauthorized");
  }

  @Override
  public ApiError unsupportedAuthentication(AuthType used, Set<AuthType> supported) {
    return new ApiError(401, 0, "Unauthorized");
  }

  @Override
  public ApiError missingScopes(Set<String> missing) {
    return new ApiError(403, 0, "Forbidden");
  }

  @Override
  public ApiError rateLimited() {
    return new ApiError(429, 0, LIMIT_EXCEEDED);
  }

  @Override
  public ApiError notFound() {
    return new ApiError(404, 0, "Not Found");
  }
}
