package dev.latchkey.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A successful (2xx) answer: status, headers, body, and the rate limit the platform reported.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body as text (UTF-8)
 * @param rateLimit the rate limit, if the platform sent one
 */
public record ApiResponse(
    int status, HttpHeaders headers, String body, Optional<RateLimit> rateLimit) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The body as JSON, or empty when it is not JSON. */
  public Optional<JsonNode> json() {
    try {
      return Optional.ofNullable(JSON.readTree(body)).filter(n -> !n.isMissingNode());
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /**
   * The body as {@code application/x-www-form-urlencoded} pairs (OAuth token endpoints answer so);
   * the first value wins for a repeated name.
   *
   * @throws IllegalArgumentException when the body is not form-encoded
   */
  public Map<String, String> form() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> p : FormEncoding.parse(body.strip())) {
      out.putIfAbsent(p.getKey(), p.getValue());
    }
    return out;
  }

  /** The first value of a header, case-insensitively. */
  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /**
   * The server's clock at the answer ({@code Date}, RFC 9110 §6.6.1), to correct for skew when
   * waiting for a rate-limit reset; empty when absent or unreadable.
   */
  public Optional<Instant> date() {
    return header("date").flatMap(ApiResponse::httpDate);
  }

  static Optional<Instant> httpDate(String value) {
    try {
      return Optional.of(
          ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "ApiResponse[status=" + status + ", " + body.length() + " chars]";
  }
}
