package dev.latchkey.formats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads twarc's INI files: twarc 1's {@code ~/.twarc} (one {@code [profile]} section per account,
 * {@code [main]} being the default) and twarc2's {@code ~/.config/twarc/config} (flat lines that
 * configobj writes with Python-quoted values, {@code consumer_key = 'abc'}).
 */
final class IniCredentials {
  static final Map<Slot, String> FIELDS =
      Map.of(
          Slot.CONSUMER_KEY, "consumer_key",
          Slot.CONSUMER_SECRET, "consumer_secret",
          Slot.TOKEN, "access_token",
          Slot.TOKEN_SECRET, "access_token_secret",
          Slot.BEARER, "bearer_token",
          Slot.SCREEN_NAME, "screen_name",
          Slot.USER_ID, "user_id");

  private static final Map<String, Slot> KEYS = new LinkedHashMap<>();

  static {
    FIELDS.forEach((slot, name) -> KEYS.put(name, slot));
  }

  private static final Pattern SECTION = Pattern.compile("\\[\\s*([^\\]]*?)\\s*\\]\\s*(?:[#;].*)?");
  private static final Pattern KEY_VALUE = Pattern.compile("([A-Za-z0-9_.\\- ]+?)\\s*[=:]\\s*(.*)");

  /** twarc 1's default profile name. */
  static final String MAIN = "main";

  private IniCredentials() {}

  static boolean isKnownKey(String key) {
    return KEYS.containsKey(key.toLowerCase(Locale.ROOT));
  }

  static List<Draft> read(Source source) throws ImportException {
    List<Draft> drafts = new ArrayList<>();
    Map<String, Integer> seenSections = new LinkedHashMap<>();
    Draft current = new Draft(source, FIELDS, "twitter", 1);
    String sectionName = null;
    List<String> lines = source.lines();
    for (int i = 0; i < lines.size(); i++) {
      int lineNo = i + 1;
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      Matcher section = SECTION.matcher(line);
      if (section.matches()) {
        finish(drafts, current, sectionName);
        sectionName = section.group(1);
        Integer first = seenSections.putIfAbsent(sectionName, lineNo);
        if (first != null) {
          throw source.error(
              lineNo, "this section appears twice (first on line " + first + "); keep one");
        }
        current = new Draft(source, FIELDS, "twitter", lineNo);
        continue;
      }
      Matcher kv = KEY_VALUE.matcher(line);
      if (!kv.matches()) {
        throw source.error(lineNo, "expected key = value, or a [profile] line");
      }
      String key = kv.group(1).strip().toLowerCase(Locale.ROOT);
      Slot slot = KEYS.get(key);
      if (slot != null) {
        current.put(slot, key, unquote(source, lineNo, key, kv.group(2)), lineNo);
      }
    }
    finish(drafts, current, sectionName);
    if (drafts.isEmpty()) {
      throw source.error(
          0,
          "no credential found; expected consumer_key, consumer_secret, access_token,"
              + " access_token_secret or bearer_token lines");
    }
    return drafts;
  }

  private static void finish(List<Draft> drafts, Draft draft, String sectionName) {
    if (!draft.hasCredential()) {
      return;
    }
    if (draft.has(Slot.SCREEN_NAME)) {
      draft.proposedName(draft.text(Slot.SCREEN_NAME));
    }
    if (sectionName != null) {
      draft.proposedName(sectionName);
      if (sectionName.equals(MAIN)) {
        draft.markDefault();
      }
    }
    drafts.add(draft);
  }

  /**
   * The value without an inline comment, and without Python quotes (configobj's unrepr mode writes
   * {@code repr(value)}).
   */
  private static String unquote(Source source, int lineNo, String key, String raw)
      throws ImportException {
    String v = raw.strip();
    if (v.isEmpty()) {
      return v;
    }
    char q = v.charAt(0);
    if (q != '\'' && q != '"') {
      int comment = inlineComment(v);
      return comment < 0 ? v : v.substring(0, comment).strip();
    }
    StringBuilder out = new StringBuilder();
    int i = 1;
    for (; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == q) {
        break;
      }
      if (c == '\\' && i + 1 < v.length()) {
        char e = v.charAt(++i);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case '\\', '\'', '"' -> out.append(e);
          default -> out.append('\\').append(e);
        }
      } else {
        out.append(c);
      }
    }
    if (i >= v.length()) {
      throw source.error(lineNo, key, Draft.quote(key) + " has no closing quote");
    }
    String rest = v.substring(i + 1).strip();
    if (!rest.isEmpty() && !rest.startsWith("#") && !rest.startsWith(";")) {
      throw source.error(
          lineNo, key, "unexpected text after the closing quote of " + Draft.quote(key));
    }
    return out.toString();
  }

  /** Where a {@code #} or {@code ;} comment preceded by white space starts, or -1. */
  static int inlineComment(String v) {
    for (int i = 1; i < v.length(); i++) {
      char c = v.charAt(i);
      if ((c == '#' || c == ';') && Character.isWhitespace(v.charAt(i - 1))) {
        return i;
      }
    }
    return -1;
  }
}
