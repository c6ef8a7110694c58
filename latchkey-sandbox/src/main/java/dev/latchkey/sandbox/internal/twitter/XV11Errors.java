package dev.latchkey.sandbox.internal.twitter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.sandbox.internal.ApiError;
import dev.latchkey.sandbox.internal.AuthType;
import dev.latchkey.sandbox.internal.ErrorDialect;
import dev.latchkey.sandbox.internal.Json;
import io.javalin.http.Context;
import java.util.Set;

/** X API v1.1 and the OAuth endpoints: {@code {"errors":[{"code":N,"message":"…"}]}} (facts F). */
final class XV11Errors implements ErrorDialect {
  @Override
  public void render(Context ctx, ApiError e) {
    ObjectNode body = Json.object();
    ObjectNode err = body.putArray("errors").addObject();
    err.put("code", e.code());
    err.put("message", e.getMessage());
    Json.send(ctx, e.status(), body);
  }

  @Override
  public ApiError invalidToken() {
    return ApiError.invalidOrExpiredToken();
  }

  /** 403/220, the answer to an app-only token on a user-context endpoint (facts C). */
  @Override
  public ApiError unsupportedAuthentication(AuthType used, Set<AuthType> supported) {
    return new ApiError(403, 220, "Your credentials do not allow access to this resource");
  }

  @Override
  public ApiError missingScopes(Set<String> missing) {
    return new ApiError(403, 220, "Your credentials do not allow access to this resource");
  }

  @Override
  public ApiError rateLimited() {
    return new ApiError(429, 88, "Rate limit exceeded");
  }

  @Override
  public ApiError notFound() {
    return ApiError.pageDoesNotExist();
  }
}
