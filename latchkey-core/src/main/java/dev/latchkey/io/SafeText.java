package dev.latchkey.io;

/**
 * A value someone typed or a file held, made safe to quote in a one-line message: control and
 * formatting characters (newlines, terminal escape sequences, bidirectional overrides) are shown as
 * {@code \\uXXXX} escapes, so they can neither break the line nor act on the terminal, and a long
 * value is cut, saying how long it was.
 */
public final class SafeText {
  /** How many characters of a value a message shows. */
  public static final int SHOWN = 48;

  private SafeText() {}

  /**
   * The value as a message may quote it: {@code alice}, {@code a\u001b[2Jb}, or {@code
   * aaaaaaaa…(100000 characters)}; {@code null} for null.
   */
  public static String forMessage(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < value.length() && shown < SHOWN; shown++) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      if (isUnsafe(cp)) {
        out.append(String.format("\\u%04X", cp));
      } else {
        out.appendCodePoint(cp);
      }
    }
    int length = value.codePointCount(0, value.length());
    if (length > shown) {
      out.append("…(").append(length).append(" characters)");
    }
    return out.toString();
  }

  /** True when the value holds a character {@link #forMessage} would escape. */
  public static boolean hasControlCharacters(String value) {
    return value.codePoints().anyMatch(SafeText::isUnsafe);
  }

  private static boolean isUnsafe(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE
        || type == Character.PRIVATE_USE
        || type == Character.UNASSIGNED;
  }
}
