package dev.latchkey.collect.store;

import java.util.Locale;

/** How collected records are written. */
public enum OutputFormat {
  /** One record per line with a {@code __latchkey} key (the default). */
  JSONL,
  /**
   * The API's pages as they came, one per line, with {@code __twarc} (twarc2's tools read them).
   */
  PAGES,
  /** An SQLite database: tables tweets, users, follows, posts, blogs, errors and runs. */
  SQLITE;

  /** Parses {@code jsonl}, {@code pages} or {@code sqlite}. */
  public static OutputFormat parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--format takes jsonl, pages or sqlite, not '" + text + "'");
    }
  }
}
