package dev.latchkey.sandbox.internal;

/** A malformed {@code Authorization: OAuth} header. The message names a position, never a value. */
public final class OAuthHeaderException extends Exception {
  private static final long serialVersionUID = 1L;

  OAuthHeaderException(String message) {
    super(message, null, false, false);
  }
}
