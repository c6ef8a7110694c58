package dev.latchkey.sandbox.internal;

/**
 * A rejection with the platform's own error code, rendered by the route's error style (v1.1 {@code
 * errors[]}, v2 problem details, Tumblr envelope). Carries no stack trace and never quotes secrets.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final int code;
  private final String title;
  private final String type;
  private final String parameter;
  private final String value;

  public ApiError(int status, int code, String message) {
    this(status, code, message, null, null, null, null);
  }

  private ApiError(
      int status,
      int code,
      String message,
      String title,
      String type,
      String parameter,
      String value) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.title = title;
    this.type = type;
    this.parameter = parameter;
    this.value = value;
  }

  /**
   * A bad parameter value: v2's {@code 400 invalid-request} with {@code errors[].parameters.<name>:
   * [value]}, v1.1's code 44.
   */
  public static ApiError invalidParameter(String parameter, String value, String message) {
    return new ApiError(400, 44, message, null, null, parameter, value);
  }

  /** The parameter of an {@link #invalidParameter} error, or null. */
  public String parameter() {
    return parameter;
  }

  /** The refused value of an {@link #invalidParameter} error, or null. */
  public String value() {
    return value;
  }

  /** An X v2 problem (RFC 7807) with its own title and type URI; {@code detail} is the message. */
  public static ApiError problem(int status, String title, String detail, String type) {
    return new ApiError(status, 0, detail, title, type, null, null);
  }

  public int status() {
    return status;
  }

  public int code() {
    return code;
  }

  /** The problem title, or null when the error is not a v2 problem of its own. */
  public String title() {
    return title;
  }

  /** The problem type URI, or null when the error is not a v2 problem of its own. */
  public String type() {
    return type;
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
