package dev.latchkey.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A successful (2xx) answer: status, headers, body, and the rate limit the platform reported.
 *
 * <p>The body is kept as the bytes that arrived: a collector parses a 200 KB page of tweets from
 * them directly, without first decoding it into a {@code String} (which costs as much again as the
 * parsing, and twice the memory when the text is not all Latin-1).
 */
public final class ApiResponse {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int status;
  private final HttpHeaders headers;
  private final byte[] body;
  private final Optional<RateLimit> rateLimit;

  /**
   * An answer.
   *
   * @param status the HTTP status
   * @param headers the response headers
   * @param body the body as it arrived (UTF-8); kept, not copied
   * @param rateLimit the rate limit, if the platform sent one
   */
  public ApiResponse(int status, HttpHeaders headers, byte[] body, Optional<RateLimit> rateLimit) {
    this.status = status;
    this.headers = Objects.requireNonNull(headers, "headers");
    this.body = Objects.requireNonNull(body, "body");
    this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The response headers. */
  public HttpHeaders headers() {
    return headers;
  }

  /** The body as text (decoded from UTF-8 at each call). */
  public String body() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body's bytes as they arrived (UTF-8), to parse without decoding first; do not change. */
  public byte[] bodyBytes() {
    return body;
  }

  /** The rate limit, if the platform sent one. */
  public Optional<RateLimit> rateLimit() {
    return rateLimit;
  }

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
    for (Map.Entry<String, String> p : FormEncoding.parse(body().strip())) {
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
    return "ApiResponse[status=" + status + ", " + body.length + " bytes]";
  }
}
