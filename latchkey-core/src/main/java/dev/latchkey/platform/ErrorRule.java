package dev.latchkey.platform;

import java.util.Locale;
import java.util.Objects;

/**
 * One row of a platform's error table: which answers it matches (HTTP status range, the platform's
 * numeric code, an X v2 problem type, an OAuth 2 {@code error}, the endpoint) and what they mean. A
 * platform's rules are tried in order; the first that matches wins, so specific rows come first.
 *
 * @param statusFrom the lowest HTTP status matched (0: any)
 * @param statusTo the highest HTTP status matched
 * @param code the platform's error code ({@code errors[].code}), or null for any
 * @param problemType a suffix of the v2 problem {@code type} URI ({@code
 *     unsupported-authentication}) or a problem {@code title}, or null for any
 * @param oauthError the RFC 6749 §5.2 {@code error}, or null for any
 * @param path the endpoint path (under its base, no query) the rule is limited to, or null
 * @param kind what the answer means
 */
public record ErrorRule(
    int statusFrom,
    int statusTo,
    Integer code,
    String problemType,
    String oauthError,
    String path,
    ProblemKind kind) {

  public ErrorRule {
    Objects.requireNonNull(kind, "kind");
    if (statusFrom > statusTo) {
      throw new IllegalArgumentException("status range is empty");
    }
  }

  /** Any answer carrying the platform's error {@code code}. */
  public static ErrorRule code(int code, ProblemKind kind) {
    return new ErrorRule(0, 999, code, null, null, null, kind);
  }

  /** Any answer with this HTTP status. */
  public static ErrorRule status(int status, ProblemKind kind) {
    return new ErrorRule(status, status, null, null, null, null, kind);
  }

  /** Any answer with a status in {@code from..to}. */
  public static ErrorRule statuses(int from, int to, ProblemKind kind) {
    return new ErrorRule(from, to, null, null, null, null, kind);
  }

  /** Any v2 problem whose type ends with (or whose title is) {@code type}. */
  public static ErrorRule problem(String type, ProblemKind kind) {
    return new ErrorRule(0, 999, null, type, null, null, kind);
  }

  /** An OAuth 2 token-endpoint answer with this {@code error} (RFC 6749 §5.2). */
  public static ErrorRule oauthError(String error, ProblemKind kind) {
    return new ErrorRule(0, 999, null, null, error, null, kind);
  }

  /** This rule, limited to answers from one endpoint path. */
  public ErrorRule onPath(String endpointPath) {
    return new ErrorRule(statusFrom, statusTo, code, problemType, oauthError, endpointPath, kind);
  }

  /**
   * True when this rule matches the answer.
   *
   * @param status the HTTP status (0 when no answer was involved)
   * @param codes the platform's error codes in the answer
   * @param type the problem type URI, or null
   * @param title the problem title, or null
   * @param error the OAuth 2 error, or null
   * @param endpointPath the path asked, under its base and without query, or null when unknown
   */
  public boolean matches(
      int status,
      java.util.Collection<Integer> codes,
      String type,
      String title,
      String error,
      String endpointPath) {
    if (status < statusFrom || status > statusTo) {
      return false;
    }
    if (code != null && !codes.contains(code)) {
      return false;
    }
    if (problemType != null && !problemMatches(type, title)) {
      return false;
    }
    if (oauthError != null && !oauthError.equals(error)) {
      return false;
    }
    return path == null || path.equals(endpointPath);
  }

  private boolean problemMatches(String type, String title) {
    String want = problemType.toLowerCase(Locale.ROOT);
    return (type != null && type.toLowerCase(Locale.ROOT).endsWith("/" + want))
        || (title != null && title.equalsIgnoreCase(problemType));
  }
}
