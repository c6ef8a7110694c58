package dev.latchkey.platform;

/**
 * How a platform words its errors, so one parser serves every platform.
 *
 * @see <a href="https://docs.x.com/x-api/fundamentals/response-codes-and-errors">X errors</a>
 * @see <a href="https://www.tumblr.com/docs/en/api/v2#response-format">Tumblr responses</a>
 */
public enum ErrorStyle {
  /** X API v1.1 and the OAuth endpoints: {@code {"errors":[{"code":89,"message":"..."}]}}. */
  TWITTER_ERRORS,
  /** X API v2: RFC 7807 problem details, {@code type}, {@code title}, {@code detail}. */
  PROBLEM_DETAILS,
  /** Tumblr: {@code {"meta":{"status":401,"msg":"..."},"errors":[{"title":..,"code":..}]}}. */
  TUMBLR_META
}
