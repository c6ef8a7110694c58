package dev.latchkey.sandbox.internal.twitter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.sandbox.internal.ApiError;
import dev.latchkey.sandbox.internal.AuthType;
import dev.latchkey.sandbox.internal.ErrorDialect;
import dev.latchkey.sandbox.internal.Errors;
import dev.latchkey.sandbox.internal.Json;
import io.javalin.http.Context;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * X API v2: problem details (RFC 7807) as {@code application/problem+json}. Every authentication
 * failure (the v1.1 codes 32, 89, 135, 215) is the bare 401 {@code Unauthorized} (facts F).
 */
final class XV2Problems implements ErrorDialect {
  static final String PROBLEMS = "https://api.twitter.com/2/problems/";
  private static final Set<Integer> AUTH_CODES = Set.of(32, 89, 135, 215);

  @Override
  public void render(Context ctx, ApiError e) {
    ObjectNode problem = Json.object();
    if (e.parameter() != null) {
      ObjectNode err = problem.putArray("errors").addObject();
      err.putObject("parameters").putArray(e.parameter()).add(e.value());
      err.put("message", e.getMessage());
      problem.put("title", "Invalid Request");
      problem.put("detail", "One or more parameters to your request was invalid.");
      problem.put("type", PROBLEMS + "invalid-request");
      send(ctx, 400, problem);
      return;
    }
    if (e.title() != null) {
      problem.put("title", e.title());
      problem.put("detail", e.getMessage());
      problem.put("type", e.type());
      problem.put("status", e.status());
      send(ctx, e.status(), problem);
      return;
    }
    boolean authFailure = AUTH_CODES.contains(e.code());
    int status = authFailure ? 401 : e.status();
    String title = Errors.reason(status);
    problem.put("title", title);
    problem.put("type", "about:blank");
    problem.put("status", status);
    problem.put("detail", authFailure ? title : e.getMessage());
    send(ctx, status, problem);
  }

  private static void send(Context ctx, int status, ObjectNode problem) {
    ctx.status(status).contentType("application/problem+json").result(Json.write(problem));
  }

  @Override
  public ApiError invalidToken() {
    return ApiError.invalidOrExpiredToken();
  }

  /** The "Unsupported Authentication" problem (facts C; node-twitter-api-v2#475). */
  @Override
  public ApiError unsupportedAuthentication(AuthType used, Set<AuthType> supported) {
    String list =
        supported.stream()
            .map(AuthType::label)
            .collect(Collectors.toCollection(TreeSet::new))
            .stream()
            .collect(Collectors.joining(", "));
    return ApiError.problem(
        403,
        "Unsupported Authentication",
        "Authenticating with "
            + used.label()
            + " is forbidden for this endpoint.  Supported authentication types are ["
            + list
            + "].",
        PROBLEMS + "unsupported-authentication");
  }

  @Override
  public ApiError missingScopes(Set<String> missing) {
    return ApiError.problem(
        403,
        "Forbidden",
        "Missing scopes: " + String.join(" ", new TreeSet<>(missing)),
        PROBLEMS + "not-authorized-for-resource");
  }

  @Override
  public ApiError rateLimited() {
    return ApiError.problem(429, "Too Many Requests", "Too Many Requests", "about:blank");
  }

  @Override
  public ApiError notFound() {
    return ApiError.pageDoesNotExist();
  }
}
