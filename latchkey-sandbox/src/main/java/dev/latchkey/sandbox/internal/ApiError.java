package dev.latchkey.sandbox.internal;

/**
 * A rejection with the platform's own error code, rendered by the route's error style (v1.1 {@code
 * errors[]}, v2 problem details, Tumblr envelope). Carries no stack trace and never quotes secrets.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final int code;

  public ApiError(int status, int code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public int code() {
    return code;
  }

  /** 400 / 215: no, partial, duplicated or malformed authentication data. */
  public static ApiError badAuthenticationData() {
    return new ApiError(400, 215, "Bad Authentication data.");
  }

  /** 401 / 32: bad signature, unknown consumer or token, replayed nonce. */
  public static ApiError couldNotAuthenticate() {
    return new ApiError(401, 32, "Could not authenticate you.");
  }

  /** 401 / 135: timestamp malformed or outside the window. */
  public static ApiError timestampOutOfBounds() {
    return new ApiError(401, 135, "Timestamp out of bounds");
  }

  /** 401 / 89: revoked token. */
  public static ApiError invalidOrExpiredToken() {
    return new ApiError(401, 89, "Invalid or expired token.");
  }

  /** 403 / 261: a write with a read-only token. */
  public static ApiError cannotWrite() {
    return new ApiError(403, 261, "Your App cannot perform write actions.");
  }

  /** 404 / 34: unknown path. */
  public static ApiError pageDoesNotExist() {
    return new ApiError(404, 34, "Sorry, that page does not exist.");
  }
}
