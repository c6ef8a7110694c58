package dev.latchkey.sandbox.internal;

import io.javalin.http.Context;
import java.util.Set;

/**
 * How one API of a platform speaks its errors: X v1.1 {@code {"errors":[{code,message}]}}, X v2
 * problem details (RFC 7807), Tumblr's {@code meta}/{@code response} envelope, or plain text. The
 * platform's description maps each path to its dialect; routes ask the dialect for the refusal
 * instead of knowing which platform they serve.
 */
public interface ErrorDialect {
  /** Writes {@code e} as this API would. */
  void render(Context ctx, ApiError e);

  /** A bearer token that is unknown, expired or revoked. */
  ApiError invalidToken();

  /** A call made with a kind of credential this endpoint does not serve. */
  ApiError unsupportedAuthentication(AuthType used, Set<AuthType> supported);

  /** An OAuth 2 user token without every scope the endpoint needs. */
  ApiError missingScopes(Set<String> missing);

  /** A call over a rate limit (HTTP 429). */
  ApiError rateLimited();

  /** An unknown path. */
  ApiError notFound();
}
