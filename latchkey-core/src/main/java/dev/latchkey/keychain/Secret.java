package dev.latchkey.keychain;

import java.util.Objects;

/**
 * A credential value that must never reach a log, an exception message or ordinary output.
 *
 * <p>{@link #toString()} and {@link #masked()} show at most the first four characters; only {@link
 * #reveal()} gives the whole value, so every place that prints a secret in full is a call to {@code
 * reveal()} that a reviewer can find.
 */
public final class Secret {
  private static final int SHOWN = 4;
  private static final int SHORTEST_SHOWN = 12;

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps a value; blank values are rejected because an empty credential is never valid. */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "secret value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a credential cannot be blank");
    }
    return new Secret(value);
  }

  /**
   * Wraps a value, or returns null for null or blank input: for optional fields read from files.
   */
  public static Secret ofNullable(String value) {
    return value == null || value.isBlank() ? null : new Secret(value);
  }

  /** The whole value. Call it only to send the secret to its platform or when the user asked. */
  public String reveal() {
    return value;
  }

  /**
   * The first four characters and an ellipsis, enough to tell keys apart; short values show
   * nothing, since four characters of a short secret are too much of it.
   */
  public String masked() {
    return value.length() >= SHORTEST_SHOWN ? value.substring(0, SHOWN) + "…" : "…";
  }

  /** The masked value or, when {@code reveal} is true, the whole value. */
  public String display(boolean reveal) {
    return reveal ? value : masked();
  }

  public int length() {
    return value.length();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return masked();
  }
}
