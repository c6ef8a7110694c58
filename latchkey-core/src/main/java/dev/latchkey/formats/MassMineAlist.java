package dev.latchkey.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads MassMine's {@code twitter_cred} and {@code tumblr_cred}: one Scheme association list
 * written by Chicken's {@code write}, {@code ((consumer-key . "...") (consumer-secret . "...")
 * (access-token . "...") (access-token-secret . "..."))}. Other pairs ({@code fullarchive-label})
 * are ignored.
 */
final class MassMineAlist {
  static final Map<Slot, String> FIELDS =
      Map.of(
          Slot.CONSUMER_KEY, "consumer-key",
          Slot.CONSUMER_SECRET, "consumer-secret",
          Slot.TOKEN, "access-token",
          Slot.TOKEN_SECRET, "access-token-secret");

  private static final Map<String, Slot> KEYS =
      Map.of(
          "consumer-key", Slot.CONSUMER_KEY,
          "consumer-secret", Slot.CONSUMER_SECRET,
          "access-token", Slot.TOKEN,
          "access-token-secret", Slot.TOKEN_SECRET);

  private static final int MAX_DEPTH = 32;

  /** A datum: a string, any other atom (symbol, number, boolean), or a list. */
  private sealed interface Datum permits Str, Atom, SList {
    int line();
  }

  private record Str(int line, String text) implements Datum {}

  private record Atom(int line, String text) implements Datum {}

  /** A list; {@code tail} is the datum after a dot, or null for a proper list. */
  private record SList(int line, List<Datum> items, Datum tail) implements Datum {}

  private final Source source;
  private final String text;
  private int pos;
  private int line = 1;

  private MassMineAlist(Source source) {
    this.source = source;
    this.text = source.text();
  }

  static List<Draft> read(Source source, String platform) throws ImportException {
    return new MassMineAlist(source).readAll(platform);
  }

  private List<Draft> readAll(String platform) throws ImportException {
    skipBlank();
    if (pos >= text.length()) {
      throw source.error(0, "the file is empty; expected ((consumer-key . \"...\") ...)");
    }
    Datum top = datum(0);
    skipBlank();
    if (pos < text.length()) {
      throw source.error(line, "unexpected text after the closing parenthesis of the list");
    }
    if (!(top instanceof SList list) || list.tail() != null) {
      throw source.error(
          top.line(), "expected a list of pairs like ((consumer-key . \"...\") ...)");
    }
    Draft draft = new Draft(source, FIELDS, platform, list.line());
    for (Datum item : list.items()) {
      if (!(item instanceof SList pair) || pair.items().isEmpty()) {
        throw source.error(item.line(), "expected a pair like (consumer-key . \"...\")");
      }
      if (!(pair.items().get(0) instanceof Atom key)) {
        throw source.error(item.line(), "expected a pair like (consumer-key . \"...\")");
      }
      Slot slot = KEYS.get(key.text());
      if (slot == null) {
        continue;
      }
      Datum value;
      if (pair.tail() != null && pair.items().size() == 1) {
        value = pair.tail();
      } else if (pair.tail() == null && pair.items().size() == 2) {
        value = pair.items().get(1);
      } else {
        throw source.error(
            item.line(), key.text(), "expected (" + key.text() + " . \"...\") with one value");
      }
      if (!(value instanceof Str s)) {
        throw source.error(
            value.line(), key.text(), Draft.quote(key.text()) + " must be a string in quotes");
      }
      draft.put(slot, key.text(), s.text(), s.line());
    }
    if (!draft.hasCredential()) {
      throw source.error(
          list.line(),
          "no credential found; expected consumer-key, consumer-secret, access-token and"
              + " access-token-secret pairs");
    }
    return List.of(draft);
  }

  private Datum datum(int depth) throws ImportException {
    skipBlank();
    if (pos >= text.length()) {
      throw source.error(line, "the file ends early; a closing parenthesis is missing");
    }
    if (depth > MAX_DEPTH) {
      throw source.error(line, "nested too deeply to be a credential file");
    }
    char c = text.charAt(pos);
    int start = line;
    if (c == '(' || c == '[') {
      char close = c == '(' ? ')' : ']';
      pos++;
      List<Datum> items = new ArrayList<>();
      Datum tail = null;
      while (true) {
        skipBlank();
        if (pos >= text.length()) {
          throw source.error(start, "this list has no closing parenthesis");
        }
        char d = text.charAt(pos);
        if (d == close) {
          pos++;
          return new SList(start, List.copyOf(items), tail);
        }
        if (d == ')' || d == ']') {
          throw source.error(line, "mismatched closing bracket");
        }
        if (tail != null) {
          throw source.error(line, "expected the list to close after the dotted value");
        }
        if (d == '.' && isDelimiter(pos + 1)) {
          if (items.isEmpty()) {
            throw source.error(line, "a dot must follow the key, as in (consumer-key . \"...\")");
          }
          pos++;
          tail = datum(depth + 1);
          continue;
        }
        items.add(datum(depth + 1));
      }
    }
    if (c == ')' || c == ']') {
      throw source.error(line, "unexpected closing parenthesis");
    }
    if (c == '"') {
      return string();
    }
    if (c == '\'') {
      throw source.error(line, "quoted data is not expected in a credential file");
    }
    int from = pos;
    while (pos < text.length() && !isDelimiter(pos)) {
      pos++;
    }
    return new Atom(start, text.substring(from, pos));
  }

  private Str string() throws ImportException {
    int start = line;
    pos++; // opening quote
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return new Str(start, out.toString());
      }
      if (c == '\n') {
        line++;
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= text.length()) {
        break;
      }
      char e = text.charAt(pos++);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'a' -> out.append('\u0007');
        case '"', '\\', '|' -> out.append(e);
        case 'x' -> out.appendCodePoint(hexEscape(start));
        case '\n' -> line++; // a line continuation
        default -> out.append(e);
      }
    }
    throw source.error(start, "a string has no closing double quote");
  }

  /** {@code \x41;}: hex digits up to a semicolon. */
  private int hexEscape(int start) throws ImportException {
    int from = pos;
    while (pos < text.length() && pos - from <= 6 && Character.digit(text.charAt(pos), 16) >= 0) {
      pos++;
    }
    if (pos == from || pos - from > 6) {
      throw source.error(start, "a \\x escape in a string needs hex digits and a ';'");
    }
    int cp = Integer.parseInt(text.substring(from, pos), 16);
    if (pos < text.length() && text.charAt(pos) == ';') {
      pos++;
    }
    if (!Character.isValidCodePoint(cp)) {
      throw source.error(start, "a \\x escape in a string is not a valid character");
    }
    return cp;
  }

  private boolean isDelimiter(int i) {
    if (i >= text.length()) {
      return true;
    }
    char c = text.charAt(i);
    return Character.isWhitespace(c)
        || c == '('
        || c == ')'
        || c == '['
        || c == ']'
        || c == '"'
        || c == ';';
  }

  private void skipBlank() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        line++;
        pos++;
      } else if (c == '\r') {
        line++;
        pos++;
        if (pos < text.length() && text.charAt(pos) == '\n') {
          pos++;
        }
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == ';') {
        while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
          pos++;
        }
      } else {
        return;
      }
    }
  }
}
