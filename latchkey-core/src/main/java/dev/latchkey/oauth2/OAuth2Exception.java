package dev.latchkey.oauth2;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * An OAuth 2 endpoint refused a request, or a flow could not complete. Carries the server's answer
 * as data: the HTTP status, the RFC 6749 §5.2 {@code error}, {@code error_description} and {@code
 * error_uri}, and Twitter's numeric code when it answered in its own format.
 *
 * <p>Unknown error codes are kept as they came; they never turn into another exception. The message
 * never contains a token, code or secret. See <a
 * href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">RFC 6749 §5.2</a>.
 */
public final class OAuth2Exception extends Exception {
  private static final long serialVersionUID = 1L;

  /** The authorization response's {@code state} did not match the request's (RFC 6749 §10.12). */
  public static final String STATE_MISMATCH = "state_mismatch";

  /** A token lacks a scope the endpoint needs (RFC 6750 §3.1's code). */
  public static final String INSUFFICIENT_SCOPE = "insufficient_scope";

  /** The server's answer could not be understood as a token response. */
  public static final String INVALID_RESPONSE = "invalid_response";

  /** No authorization response arrived in time. */
  public static final String TIMEOUT = "timeout";

  private final int httpStatus;
  private final String error;
  private final String errorDescription;
  private final String errorUri;
  private final Integer platformCode;

  /**
   * @param message one line naming the problem and the fix, without secrets
   * @param httpStatus the HTTP status, or 0 when no response was involved
   * @param error the RFC 6749 error code (or one of this class's constants), or null
   * @param errorDescription the server's human-readable description, or null
   * @param errorUri the server's error page, or null
   * @param platformCode Twitter's numeric error code (e.g. 99), or null
   */
  public OAuth2Exception(
      String message,
      int httpStatus,
      String error,
      String errorDescription,
      String errorUri,
      Integer platformCode) {
    super(message);
    this.httpStatus = httpStatus;
    this.error = error;
    this.errorDescription = errorDescription;
    this.errorUri = errorUri;
    this.platformCode = platformCode;
  }

  /** A failure that did not come from a server response. */
  public static OAuth2Exception local(String error, String message) {
    return new OAuth2Exception(message, 0, error, null, null, null);
  }

  /** The HTTP status, or 0 when the failure was local. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The {@code error} code, such as {@code invalid_grant}, when there was one. */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  public Optional<String> errorDescription() {
    return Optional.ofNullable(errorDescription);
  }

  public Optional<String> errorUri() {
    return Optional.ofNullable(errorUri);
  }

  /** Twitter's numeric code from a {@code {"errors":[{"code":N}]}} body. */
  public OptionalInt platformCode() {
    return platformCode == null ? OptionalInt.empty() : OptionalInt.of(platformCode);
  }
}
