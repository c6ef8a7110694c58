package dev.latchkey.sandbox.internal.tumblr;

import dev.latchkey.sandbox.internal.ApiError;
import dev.latchkey.sandbox.internal.AuthType;
import dev.latchkey.sandbox.internal.ErrorDialect;
import io.javalin.http.Context;
import java.util.Set;

/** Tumblr's OAuth 1.0a endpoints on www.tumblr.com answer errors as plain text, not JSON. */
final class PlainTextErrors implements ErrorDialect {
  @Override
  public void render(Context ctx, ApiError e) {
    ctx.status(e.status()).contentType("text/plain; charset=utf-8").result(e.getMessage());
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
    return new ApiError(429, 0, "Limit Exceeded");
  }

  @Override
  public ApiError notFound() {
    return new ApiError(404, 0, "Not Found");
  }
}
