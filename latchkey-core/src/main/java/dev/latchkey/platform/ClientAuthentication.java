package dev.latchkey.platform;

/**
 * How an OAuth 2 client proves who it is to a platform's token endpoints (<a
 * href="https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1">RFC 6749 §2.3.1</a>).
 */
public enum ClientAuthentication {
  /** {@code Authorization: Basic} over the form-encoded id and secret. */
  BASIC,
  /** {@code client_id} and {@code client_secret} in the request body. */
  BODY
}
