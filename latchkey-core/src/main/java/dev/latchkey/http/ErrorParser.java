package dev.latchkey.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.platform.ErrorStyle;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.ProblemKind;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns an error response into an {@link ApiException}. Never throws: a body it cannot read becomes
 * an exception with the status and a short, redacted excerpt.
 */
final class ErrorParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EXCERPT = 160;

  private ErrorParser() {}

  static ApiException parse(
      Platform platform,
      String method,
      URI uri,
      int status,
      String body,
      String retryAfterHeader,
      RateLimit rateLimit,
      Instant now,
      List<String> redact) {
    return parse(
        platform,
        method,
        uri,
        status,
        body,
        HttpHeaders.of(Map.of(), (n, v) -> true),
        retryAfterHeader,
        rateLimit,
        now,
        redact);
  }

  static ApiException parse(
      Platform platform,
      String method,
      URI uri,
      int status,
      String body,
      HttpHeaders headers,
      String retryAfterHeader,
      RateLimit rateLimit,
      Instant now,
      List<String> redact) {
    List<PlatformError> errors = new ArrayList<>();
    Problem problem = null;
    Integer metaStatus = null;
    String metaMessage = null;
    JsonNode root = readJson(body);
    if (root != null && root.isObject()) {
      for (ErrorStyle style : platform.errorStyles()) {
        switch (style) {
          case TWITTER_ERRORS, TUMBLR_META -> readErrorArray(root.get("errors"), errors);
          case PROBLEM_DETAILS -> {
            String title = text(root.get("title"));
            String type = text(root.get("type"));
            if (title != null || type != null) {
              problem = new Problem(type, title, text(root.get("detail")));
            }
          }
        }
        JsonNode meta = root.get("meta");
        if (style == ErrorStyle.TUMBLR_META && meta != null && meta.isObject()) {
          metaStatus =
              meta.get("status") != null && meta.get("status").canConvertToInt()
                  ? meta.get("status").asInt()
                  : null;
          metaMessage = text(meta.get("msg"));
        }
      }
      if (errors.isEmpty() && root.get("error") != null) {
        String single = text(root.get("error"));
        if (single != null) {
          errors.add(new PlatformError(null, single));
        }
      }
    }
    errors = dedupe(errors);
    Duration retryAfter = retryAfter(retryAfterHeader, now);
    if (retryAfter == null && status == 429 && rateLimit != null) {
      Duration untilReset = Duration.between(now, rateLimit.reset());
      retryAfter = untilReset.isNegative() ? Duration.ZERO : untilReset;
    }
    String message =
        redact(
            oneLine(
                platform.name()
                    + " "
                    + method
                    + " "
                    + uri.getRawPath()
                    + " failed: HTTP "
                    + status
                    + describe(errors, problem, metaMessage, root == null ? body : null)),
            redact);
    String endpointPath = platform.pathUnderBase(uri);
    ProblemKind kind =
        platform.problem(
            status,
            errors.stream().map(PlatformError::code).filter(c -> c != null).toList(),
            problem == null ? null : problem.type(),
            problem == null ? null : problem.title(),
            null,
            endpointPath);
    return new ApiException(
        message,
        platform.name(),
        method,
        endpointPath,
        kind,
        status,
        errors,
        problem,
        metaStatus,
        metaMessage,
        rateLimit,
        retryAfter,
        headers);
  }

  private static String describe(
      List<PlatformError> errors, Problem problem, String metaMessage, String rawBody) {
    StringBuilder out = new StringBuilder();
    for (PlatformError e : errors) {
      out.append(", ");
      if (e.code() != null) {
        out.append("code ").append(e.code()).append(": ");
      }
      out.append(e.message() == null ? "(no message)" : e.message());
    }
    if (problem != null) {
      out.append(", ").append(problem.title() == null ? "problem" : problem.title());
      if (problem.detail() != null && !problem.detail().equals(problem.title())) {
        out.append(": ").append(problem.detail());
      }
      if (problem.type() != null && !problem.type().equals("about:blank")) {
        out.append(" (see ").append(problem.type()).append(')');
      }
    }
    if (errors.isEmpty() && problem == null && metaMessage != null) {
      out.append(", ").append(metaMessage);
    }
    if (out.length() == 0 && rawBody != null && !rawBody.isBlank()) {
      String excerpt = rawBody.strip();
      if (excerpt.length() > EXCERPT) {
        excerpt = excerpt.substring(0, EXCERPT) + "…";
      }
      out.append(", body: ").append(excerpt);
    }
    return out.toString();
  }

  private static void readErrorArray(JsonNode array, List<PlatformError> into) {
    if (array == null || !array.isArray()) {
      return;
    }
    for (JsonNode e : array) {
      if (!e.isObject()) {
        String t = text(e);
        if (t != null) {
          into.add(new PlatformError(null, t));
        }
        continue;
      }
      JsonNode codeNode = e.get("code");
      Integer code =
          codeNode != null
                  && codeNode.canConvertToInt()
                  && (codeNode.isNumber() || isInt(codeNode.asText()))
              ? codeNode.asInt()
              : null;
      String message = text(e.get("message"));
      if (message == null) {
        String title = text(e.get("title"));
        String detail = text(e.get("detail"));
        message =
            title == null
                ? detail
                : detail == null || detail.equals(title) ? title : title + ": " + detail;
      }
      into.add(new PlatformError(code, message));
    }
  }

  private static boolean isInt(String s) {
    try {
      Integer.parseInt(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static List<PlatformError> dedupe(List<PlatformError> errors) {
    List<PlatformError> out = new ArrayList<>();
    for (PlatformError e : errors) {
      if (!out.contains(e)) {
        out.add(e);
      }
    }
    return out;
  }

  private static JsonNode readJson(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      // Not JSON (HTML error pages, form bodies): reported as an excerpt instead.
      return null;
    }
  }

  private static String text(JsonNode n) {
    if (n == null || n.isNull() || n.isContainerNode()) {
      return null;
    }
    String t = n.asText();
    return t.isBlank() ? null : t;
  }

  static Duration retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String h = header.strip();
    try {
      long seconds = Long.parseLong(h);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (RuntimeException notDate) {
        return null;
      }
    }
  }

  static String oneLine(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(Character.isISOControl(c) ? ' ' : c);
    }
    return out.toString();
  }

  static String redact(String s, List<String> secrets) {
    String out = s;
    for (String secret : secrets) {
      if (secret != null && secret.length() >= 4) {
        out = out.replace(secret, "[redacted]");
      }
    }
    return out;
  }
}
