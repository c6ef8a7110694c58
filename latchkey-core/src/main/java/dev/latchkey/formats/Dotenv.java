package dev.latchkey.formats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code .env} files: {@code [export ]KEY=VALUE} lines with optional single or double quotes
 * and {@code #} comments. Keys are a platform prefix ({@code TWITTER_}, {@code X_}, {@code
 * TUMBLR_}) and a credential name with its common aliases, or twarc's bare names ({@code
 * CONSUMER_KEY}, {@code ACCESS_TOKEN}, ... meaning Twitter). Other keys are ignored.
 */
final class Dotenv {
  /** Credential names after the prefix, with their aliases. */
  private static final Map<String, Slot> SUFFIXES = new LinkedHashMap<>();

  static {
    SUFFIXES.put("CONSUMER_KEY", Slot.CONSUMER_KEY);
    SUFFIXES.put("API_KEY", Slot.CONSUMER_KEY);
    SUFFIXES.put("CONSUMER_SECRET", Slot.CONSUMER_SECRET);
    SUFFIXES.put("API_SECRET", Slot.CONSUMER_SECRET);
    SUFFIXES.put("API_KEY_SECRET", Slot.CONSUMER_SECRET);
    SUFFIXES.put("API_SECRET_KEY", Slot.CONSUMER_SECRET);
    SUFFIXES.put("ACCESS_TOKEN", Slot.TOKEN);
    SUFFIXES.put("ACCESS_TOKEN_KEY", Slot.TOKEN);
    SUFFIXES.put("OAUTH_TOKEN", Slot.TOKEN);
    SUFFIXES.put("ACCESS_TOKEN_SECRET", Slot.TOKEN_SECRET);
    SUFFIXES.put("ACCESS_SECRET", Slot.TOKEN_SECRET);
    SUFFIXES.put("OAUTH_TOKEN_SECRET", Slot.TOKEN_SECRET);
    SUFFIXES.put("OAUTH_SECRET", Slot.TOKEN_SECRET);
    SUFFIXES.put("BEARER_TOKEN", Slot.BEARER);
    SUFFIXES.put("CLIENT_ID", Slot.CLIENT_ID);
    SUFFIXES.put("CLIENT_SECRET", Slot.CLIENT_SECRET);
    SUFFIXES.put("SCREEN_NAME", Slot.SCREEN_NAME);
    SUFFIXES.put("USER_ID", Slot.USER_ID);
  }

  /** The names Latchkey writes, per part. */
  static final Map<Slot, String> CANONICAL =
      Map.of(
          Slot.CONSUMER_KEY, "CONSUMER_KEY",
          Slot.CONSUMER_SECRET, "CONSUMER_SECRET",
          Slot.TOKEN, "ACCESS_TOKEN",
          Slot.TOKEN_SECRET, "ACCESS_TOKEN_SECRET",
          Slot.BEARER, "BEARER_TOKEN",
          Slot.CLIENT_ID, "CLIENT_ID",
          Slot.CLIENT_SECRET, "CLIENT_SECRET",
          Slot.SCREEN_NAME, "SCREEN_NAME",
          Slot.USER_ID, "USER_ID");

  /** twarc's environment variables, without a prefix: Twitter. */
  private static final Set<String> BARE =
      Set.of(
          "CONSUMER_KEY", "CONSUMER_SECRET", "ACCESS_TOKEN", "ACCESS_TOKEN_SECRET", "BEARER_TOKEN");

  private static final Map<String, String> PREFIXES =
      Map.of("TWITTER_", "twitter", "X_", "twitter", "TUMBLR_", "tumblr");

  private static final Pattern LINE =
      Pattern.compile("(?:export[ \\t]+)?([A-Za-z_][A-Za-z0-9_.]*)[ \\t]*=[ \\t]*(.*)");

  private Dotenv() {}

  /** The {@code .env} prefix for a platform: {@code TWITTER_}. */
  static String prefix(String platform) {
    return platform.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
  }

  /** Which platform and part a key names, or empty when it is not a credential key. */
  static Optional<Map.Entry<String, Slot>> classify(String key, String extraPlatform) {
    if (BARE.contains(key)) {
      return Optional.of(Map.entry("", SUFFIXES.get(key)));
    }
    Map<String, String> prefixes = new LinkedHashMap<>(PREFIXES);
    if (extraPlatform != null) {
      prefixes.putIfAbsent(prefix(extraPlatform), extraPlatform);
    }
    for (Map.Entry<String, String> p : prefixes.entrySet()) {
      if (key.startsWith(p.getKey())) {
        Slot slot = SUFFIXES.get(key.substring(p.getKey().length()));
        if (slot != null) {
          return Optional.of(Map.entry(p.getValue(), slot));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Reads every platform's credentials. With {@code platform} given, keeps only that platform's
   * lines and the bare ones.
   */
  static List<Draft> read(Source source, String platform) throws ImportException {
    Map<String, Draft> byPlatform = new LinkedHashMap<>();
    List<String> lines = source.lines();
    for (int i = 0; i < lines.size(); i++) {
      int lineNo = i + 1;
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw source.error(lineNo, "expected KEY=VALUE (or a # comment)");
      }
      String key = m.group(1);
      Optional<Map.Entry<String, Slot>> kind = classify(key.toUpperCase(Locale.ROOT), platform);
      if (kind.isEmpty()) {
        // Not ours; its value may still be malformed, but it is not our business.
        continue;
      }
      String value = value(source, lineNo, key, m.group(2));
      String target = kind.get().getKey().isEmpty() ? "twitter" : kind.get().getKey();
      if (platform != null && !kind.get().getKey().isEmpty()) {
        if (!target.equals(platform)) {
          continue;
        }
      }
      if (platform != null) {
        target = platform;
      }
      String finalTarget = target;
      Draft draft =
          byPlatform.computeIfAbsent(
              target, t -> new Draft(source, fieldNames(t, key), finalTarget, lineNo));
      draft.put(kind.get().getValue(), key, value, lineNo);
    }
    List<Draft> drafts = new ArrayList<>();
    for (Draft d : byPlatform.values()) {
      if (!d.hasCredential()) {
        continue;
      }
      if (d.has(Slot.SCREEN_NAME)) {
        d.proposedName(d.text(Slot.SCREEN_NAME));
      }
      drafts.add(d);
    }
    if (drafts.isEmpty()) {
      throw source.error(
          0,
          "no credential found; expected lines like TWITTER_CONSUMER_KEY=..., TUMBLR_CONSUMER_KEY=..."
              + " or CONSUMER_KEY=...");
    }
    return drafts;
  }

  private static Map<Slot, String> fieldNames(String platform, String firstKey) {
    boolean bare = BARE.contains(firstKey.toUpperCase(Locale.ROOT));
    String prefix = bare ? "" : prefix(platform);
    Map<Slot, String> names = new LinkedHashMap<>();
    CANONICAL.forEach((slot, name) -> names.put(slot, prefix + name));
    return names;
  }

  /**
   * The value after {@code =}: quoted ('...' literal, "..." with escapes) or bare up to a comment.
   */
  private static String value(Source source, int lineNo, String key, String raw)
      throws ImportException {
    if (raw.isEmpty()) {
      return raw;
    }
    char q = raw.charAt(0);
    if (q != '\'' && q != '"') {
      int comment = -1;
      for (int i = 0; i < raw.length(); i++) {
        if (raw.charAt(i) == '#' && (i == 0 || Character.isWhitespace(raw.charAt(i - 1)))) {
          comment = i;
          break;
        }
      }
      return (comment < 0 ? raw : raw.substring(0, comment)).strip();
    }
    StringBuilder out = new StringBuilder();
    int i = 1;
    for (; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == q) {
        break;
      }
      if (q == '"' && c == '\\' && i + 1 < raw.length()) {
        char e = raw.charAt(++i);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case '"', '\\', '$', '`' -> out.append(e);
          default -> out.append('\\').append(e);
        }
      } else {
        out.append(c);
      }
    }
    if (i >= raw.length()) {
      throw source.error(
          lineNo,
          key,
          "the value of "
              + key
              + " has no closing "
              + (q == '"' ? "double" : "single")
              + " quote (values cannot span lines)");
    }
    String rest = raw.substring(i + 1).strip();
    if (!rest.isEmpty() && !rest.startsWith("#")) {
      throw source.error(lineNo, key, "unexpected text after the closing quote of " + key);
    }
    return out.toString();
  }
}
