package dev.latchkey.platform;

import java.util.List;

/** What an HTTP status alone says, for answers no platform-specific row matched (RFC 9110 §15). */
final class HttpStatuses {
  private HttpStatuses() {}

  static final List<ErrorRule> RULES =
      List.of(
          ErrorRule.status(429, ProblemKind.RATE_LIMITED),
          ErrorRule.status(401, ProblemKind.REFUSED),
          ErrorRule.status(403, ProblemKind.FORBIDDEN),
          ErrorRule.status(404, ProblemKind.NOT_FOUND),
          ErrorRule.statuses(500, 599, ProblemKind.PLATFORM_ERROR));
}
