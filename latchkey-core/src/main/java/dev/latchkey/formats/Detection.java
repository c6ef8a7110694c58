package dev.latchkey.formats;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a credential file's format from its content, using the file name only when the content does
 * not decide.
 */
final class Detection {
  private static final Pattern YAML_TOP =
      Pattern.compile("(?:profiles|configuration|bearer_tokens|aliases)[ \\t]*:.*");
  private static final Pattern SECTION = Pattern.compile("\\[[^\\]]*\\].*");
  private static final Pattern ASSIGNMENT =
      Pattern.compile("(?:export[ \\t]+)?([A-Za-z_][A-Za-z0-9_.]*)[ \\t]*[=:].*");

  private Detection() {}

  /** The format the content shows, else the one the name suggests, else empty. */
  static Optional<CredentialFormat> detect(Source source) throws ImportException {
    Optional<CredentialFormat> byContent = byContent(source);
    return byContent.isPresent() ? byContent : byName(source.fileName());
  }

  static Optional<CredentialFormat> byContent(Source source) throws ImportException {
    String text = source.text();
    char first = firstSignificant(text);
    if (first == '{') {
      Tree.Node root = Tree.readJson(source);
      return Optional.of(
          JsonCredentials.looksLikeSmapy(root) ? CredentialFormat.SMAPY : CredentialFormat.TW_JSON);
    }
    if (first == '(') {
      return Optional.of(CredentialFormat.MASSMINE);
    }
    boolean section = false;
    boolean iniKey = false; // consumer_key and friends, as twarc writes them
    boolean anyIniKey = false; // the same in any case (configparser ignores case)
    boolean envKey = false;
    for (String raw : source.lines()) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (YAML_TOP.matcher(raw).matches()) {
        return Optional.of(CredentialFormat.TWURLRC);
      }
      if (SECTION.matcher(line).matches()) {
        section = true;
        continue;
      }
      Matcher m = ASSIGNMENT.matcher(line);
      if (m.matches()) {
        String key = m.group(1);
        if (IniCredentials.isKnownKey(key)) {
          anyIniKey = true;
          iniKey |= key.equals(key.toLowerCase(Locale.ROOT));
        }
        if (line.contains("=") && Dotenv.classify(key.toUpperCase(Locale.ROOT), null).isPresent()) {
          envKey = true;
        }
      }
    }
    if (section && anyIniKey) {
      return Optional.of(CredentialFormat.TWARC);
    }
    if (iniKey) {
      return Optional.of(CredentialFormat.TWARC2);
    }
    if (envKey) {
      return Optional.of(CredentialFormat.DOTENV);
    }
    return Optional.empty();
  }

  static Optional<CredentialFormat> byName(String fileName) {
    if (fileName == null) {
      return Optional.empty();
    }
    String path = fileName.replace('\\', '/');
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    String parent = parentName(path).toLowerCase(Locale.ROOT);
    if (name.equals(".twurlrc") || name.equals("twurlrc")) {
      return Optional.of(CredentialFormat.TWURLRC);
    }
    if (name.equals(".twarc")) {
      return Optional.of(CredentialFormat.TWARC);
    }
    if (name.equals("config") && parent.equals("twarc")) {
      return Optional.of(CredentialFormat.TWARC2);
    }
    if (name.equals("twitter_cred") || name.equals("tumblr_cred") || parent.equals("massmine")) {
      return Optional.of(CredentialFormat.MASSMINE);
    }
    if (name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env")) {
      return Optional.of(CredentialFormat.DOTENV);
    }
    if (name.endsWith(".json")) {
      return Optional.of(CredentialFormat.TW_JSON);
    }
    return Optional.empty();
  }

  /** The platform a file name points at: MassMine's {@code tumblr_cred}. */
  static Optional<String> platformByName(String fileName) {
    if (fileName == null) {
      return Optional.empty();
    }
    String path = fileName.replace('\\', '/');
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    return name.contains("tumblr") ? Optional.of("tumblr") : Optional.empty();
  }

  private static String parentName(String path) {
    int slash = path.lastIndexOf('/');
    if (slash <= 0) {
      return "";
    }
    String dir = path.substring(0, slash);
    return dir.substring(dir.lastIndexOf('/') + 1);
  }

  /** The first character that is not white space or part of a {@code ;} or {@code #} comment. */
  private static char firstSignificant(String text) {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == ';') {
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
          i++;
        }
      } else {
        return c;
      }
    }
    return 0;
  }
}
