package dev.latchkey.cli.keys;

import dev.latchkey.cli.session.CliException;
import dev.latchkey.io.SafeText;

/**
 * Account labels as {@code keys add --label} and {@code keys label} take them: plain text of at
 * most {@value #MAX_LENGTH} characters. A newline or an escape sequence in a label would break the
 * lines of {@code keys list} or act on the terminal that shows it, so it is refused, not stored.
 */
final class Labels {
  /** The longest label, in characters. */
  static final int MAX_LENGTH = 200;

  private Labels() {}

  /**
   * The label to store: {@code text} stripped, or null for a blank one (no label).
   *
   * @throws CliException (usage) naming the problem, with the text shown safely
   */
  static String checked(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String label = text.strip();
    if (SafeText.hasControlCharacters(label)) {
      throw CliException.usage(
          "the label '"
              + SafeText.forMessage(label)
              + "' holds a control character (a newline, a tab or a terminal escape); use plain"
              + " text on one line");
    }
    int length = label.codePointCount(0, label.length());
    if (length > MAX_LENGTH) {
      throw CliException.usage(
          "a label is at most "
              + MAX_LENGTH
              + " characters, not "
              + length
              + "; shorten it (the label '"
              + SafeText.forMessage(label)
              + "')");
    }
    return label;
  }

  /** A stored label as a line of text may show it (made before labels were checked, say). */
  static String shown(String label) {
    return label == null ? null : SafeText.forMessage(label);
  }
}
