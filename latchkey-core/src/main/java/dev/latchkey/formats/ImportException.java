package dev.latchkey.formats;

import java.util.Optional;

/**
 * A credential file could not be imported. The message is one line: the file, the line (1-based,
 * when known), the field (when known) and what to do. It never quotes the file's content, and no
 * parser exception that could quote it is attached as a cause.
 */
public final class ImportException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String field;

  ImportException(String file, int line, String field, String problem) {
    super(format(file, line, problem));
    this.file = file;
    this.line = Math.max(line, 0);
    this.field = field;
  }

  private static String format(String file, int line, String problem) {
    return line > 0 ? file + " line " + line + ": " + problem : file + ": " + problem;
  }

  /** The file as it is shown in the message (home directory written {@code ~}). */
  public String file() {
    return file;
  }

  /** The 1-based line the problem is on, or 0 when it concerns the whole file. */
  public int line() {
    return line;
  }

  /** The field the problem concerns, as the file's format names it, when there is one. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }
}
