package dev.latchkey.http;

import dev.latchkey.platform.ProblemKind;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A platform answered with an error status. Carries the platform's own answer: the HTTP status, X's
 * {@code errors[].code/message}, v2 problem details, Tumblr's {@code meta} and {@code errors[]},
 * the rate limit and how long to wait.
 *
 * <p>The message is one line and never holds the request's credentials: any credential the server
 * echoes back is redacted before it gets here.
 */
public final class ApiException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String platform;
  private final String method;
  private final String endpointPath;
  private final ProblemKind problemKind;
  private final int status;
  private final List<PlatformError> errors;
  private final transient Problem problem;
  private final Integer metaStatus;
  private final String metaMessage;
  private final transient RateLimit rateLimit;
  private final Duration retryAfter;
  private final transient HttpHeaders headers;

  ApiException(
      String message,
      String platform,
      String method,
      String endpointPath,
      ProblemKind problemKind,
      int status,
      List<PlatformError> errors,
      Problem problem,
      Integer metaStatus,
      String metaMessage,
      RateLimit rateLimit,
      Duration retryAfter,
      HttpHeaders headers) {
    super(message, null, false, false);
    this.platform = platform;
    this.method = method;
    this.endpointPath = endpointPath;
    this.problemKind = problemKind;
    this.status = status;
    this.errors = List.copyOf(errors);
    this.problem = problem;
    this.metaStatus = metaStatus;
    this.metaMessage = metaMessage;
    this.rateLimit = rateLimit;
    this.retryAfter = retryAfter;
    this.headers = headers;
  }

  /** The platform's name ({@code twitter}). */
  public String platform() {
    return platform;
  }

  /** The HTTP method of the refused call. */
  public String method() {
    return method;
  }

  /**
   * The refused call's path under the platform's base, without query (the sandbox's prefix taken
   * off): {@code /2/users/me}, {@code /oauth/access_token}.
   */
  public String endpointPath() {
    return endpointPath;
  }

  /** What the refusal means, from the platform's error table. */
  public ProblemKind problemKind() {
    return problemKind;
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  /** The platform's error entries, in order; empty when it sent none. */
  public List<PlatformError> errors() {
    return errors;
  }

  /** The first numeric error code (X's 89, 32, ...; Tumblr's errors[].code), if any. */
  public Optional<Integer> code() {
    return errors.stream().map(PlatformError::code).filter(c -> c != null).findFirst();
  }

  /** True when any error entry has this code. */
  public boolean hasCode(int code) {
    return errors.stream().anyMatch(e -> e.code() != null && e.code() == code);
  }

  /** X API v2 problem details, if the answer was one. */
  public Optional<Problem> problem() {
    return Optional.ofNullable(problem);
  }

  /** Tumblr's {@code meta.status}, if present. */
  public Optional<Integer> metaStatus() {
    return Optional.ofNullable(metaStatus);
  }

  /** Tumblr's {@code meta.msg}, if present. */
  public Optional<String> metaMessage() {
    return Optional.ofNullable(metaMessage);
  }

  /** The rate limit reported with the error, if any. */
  public Optional<RateLimit> rateLimit() {
    return Optional.ofNullable(rateLimit);
  }

  /**
   * The answer's headers, for what the main rate limit does not cover: a 429's 24-hour cap ({@code
   * x-app-limit-24hour-reset}) is read with {@link
   * dev.latchkey.platform.Platform#rateLimitWindows}. Servers do not echo credentials in headers;
   * empty when the exception was not built from an answer.
   */
  public HttpHeaders headers() {
    return headers == null ? HttpHeaders.of(Map.of(), (n, v) -> true) : headers;
  }

  /** How long to wait before retrying: {@code Retry-After}, or the rate-limit reset on a 429. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
