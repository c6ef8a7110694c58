package dev.latchkey.sandbox.internal;

import java.util.Locale;

/** An app's or token's permission level, with the value of X's {@code x-access-level} header. */
public enum AccessLevel {
  READ("read"),
  READ_WRITE("read-write"),
  READ_WRITE_DIRECTMESSAGES("read-write-directmessages");

  private final String header;

  AccessLevel(String header) {
    this.header = header;
  }

  /** The {@code x-access-level} value. */
  public String header() {
    return header;
  }

  public boolean canWrite() {
    return this != READ;
  }

  /**
   * The level a token gets when a request asked for {@code x_auth_access_type} (read or write),
   * never more than the app has.
   */
  public AccessLevel restrictTo(String requested) {
    if (requested == null) {
      return this;
    }
    return switch (requested.toLowerCase(Locale.ROOT)) {
      case "read" -> READ;
      case "write" -> this == READ ? READ : READ_WRITE;
      default -> this;
    };
  }

  /** Parses {@link #header()}. */
  public static AccessLevel fromHeader(String value) {
    for (AccessLevel a : values()) {
      if (a.header.equals(value)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown access '" + value + "'; use read, read-write or read-write-directmessages");
  }
}
