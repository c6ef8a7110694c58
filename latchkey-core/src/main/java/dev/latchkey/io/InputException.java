package dev.latchkey.io;

import java.util.Objects;

/**
 * Input was refused: the message is one line naming the source and saying what is wrong with it and
 * what to do ({@code ~/.twurlrc is larger than 1 MiB, ...}). It never quotes the input, which may
 * hold secrets, and no cause that could quote it is attached.
 */
public final class InputException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What is wrong, for callers that word it their own way. */
  public enum Kind {
    /** The file does not exist. */
    NOT_FOUND,
    /** The file may not be read (permissions). */
    ACCESS_DENIED,
    /** The path is a directory. */
    DIRECTORY,
    /** A named pipe, a device or a socket where a regular file was expected. */
    NOT_REGULAR,
    /** More bytes than the bound allows. */
    TOO_LARGE,
    /** Bytes that are not UTF-8. */
    NOT_UTF8,
    /** Reading failed otherwise. */
    UNREADABLE
  }

  private final String source;
  private final Kind kind;
  private final String problem;

  InputException(String source, Kind kind, String problem) {
    super(source + " " + problem);
    this.source = Objects.requireNonNull(source, "source");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** How the source is named in the message, as the caller named it. */
  public String source() {
    return source;
  }

  public Kind kind() {
    return kind;
  }

  /** The message without the source: {@code is larger than 1 MiB; ...}. */
  public String problem() {
    return problem;
  }
}
