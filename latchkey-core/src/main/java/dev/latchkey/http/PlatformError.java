package dev.latchkey.http;

/**
 * One error entry in a platform's answer: X's {@code errors[].code/message}, or Tumblr's {@code
 * errors[].code/title/detail}.
 *
 * @param code the platform's numeric code, or null when it gave none
 * @param message the platform's text
 */
public record PlatformError(Integer code, String message) {}
