package dev.latchkey.scan.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials of the platforms Latchkey knows that are not in the keychain, recognised by shape:
 * X's app-only bearer tokens ({@code AAAAAAAAAAAAAAAAAAAAA…}, as gitleaks' {@code
 * twitter-bearer-token} rule), OAuth 1.0a secrets assigned to a telling name ({@code
 * consumer_secret = …}, {@code "access_token_secret": …}, MassMine's {@code (consumer-secret .
 * "…")}, {@code TWITTER_CONSUMER_SECRET=…}: the lines of {@code tw.json}, twarc, twurl and {@code
 * .env} files) and X user access tokens ({@code 12345-abc…}) assigned to {@code access_token}.
 *
 * <p>Each rule is anchored on a keyword that the scanner's automaton finds in the same pass as the
 * keychain's secrets; the rule then reads the rest of the line. Values that look like placeholders
 * (too short, too regular, {@code YOUR_…}) and the example values published in X's documentation
 * and RFC 5849 are not reported.
 */
public final class PlatformRules {
  /** How far past a keyword a rule reads (the rest of the line, at most this many bytes). */
  public static final int LOOKAHEAD = 400;

  /** One rule: its keywords and what it captures after (or, for bearer tokens, from) them. */
  public record Rule(String what, List<String> keywords, Pattern pattern, boolean fromKeyword) {}

  private static final String ASSIGN =
      "\\A[\"'`]?[ \\t]{0,3}[\\])]?[ \\t]{0,3}(?:=|:=|=>|:|\\.|,)[ \\t]{0,3}[\"'`]?";

  /** The rules, in the order their findings are preferred when two match the same value. */
  public static final List<Rule> RULES =
      List.of(
          new Rule(
              "X bearer token",
              List.of("AAAAAAAAAAAAAAAAAAAA"),
              Pattern.compile("\\A(A{20,24}[A-Za-z0-9%]{60,180})(?![A-Za-z0-9%])"),
              true),
          new Rule(
              "OAuth 1.0a consumer secret",
              List.of(
                  "consumer_secret",
                  "consumer-secret",
                  "consumersecret",
                  "consumer secret",
                  "api_secret",
                  "api-secret",
                  "api_key_secret",
                  "apikeysecret"),
              Pattern.compile(ASSIGN + "([A-Za-z0-9%_\\-]{16,200})(?![A-Za-z0-9%_\\-])"),
              false),
          new Rule(
              "OAuth 1.0a access token secret",
              List.of(
                  "token_secret",
                  "token-secret",
                  "tokensecret",
                  "access_secret",
                  "access-secret",
                  "oauth_secret"),
              Pattern.compile(ASSIGN + "([A-Za-z0-9%_\\-]{16,200})(?![A-Za-z0-9%_\\-])"),
              false),
          new Rule(
              "X access token",
              List.of("access_token", "access-token", "accesstoken", "oauth_token"),
              Pattern.compile(ASSIGN + "([0-9]{3,25}-[A-Za-z0-9]{20,60})(?![A-Za-z0-9%_\\-])"),
              false));

  /**
   * Published example values: X's "Creating a signature" and "Log in with X" pages, its
   * decommissioned bearer token, and RFC 5849's examples. Documentation quotes them on purpose.
   */
  private static final Set<String> EXAMPLES =
      Set.of(
          "xvz1evFS4wEEPTGEFPHBog",
          "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
          "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
          "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
          "cChZNFj6T5R0TigYB9yd1w",
          "L8qq9PZyRg6ieKGEKhZolGC0vJWLw8iEJ88DRdyOg",
          "AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F",
          "kd94hf93k423kf44",
          "pfkkdhi9sl3r4s00",
          "nnch734d00sl2jdk",
          "hh5s93j4hdidpola");

  private PlatformRules() {}

  /**
   * The credential a rule captures at a keyword, or null.
   *
   * @param keywordStart where the keyword starts in {@code bytes}
   * @param keywordEnd just past the keyword
   * @param limit the end of the readable bytes
   */
  public static String capture(
      Rule rule, byte[] bytes, int keywordStart, int keywordEnd, int limit) {
    int from = rule.fromKeyword() ? keywordStart : keywordEnd;
    if (rule.fromKeyword()) {
      // The keyword is part of the value: start at the beginning of the run of 'A's.
      for (int back = 0; back < 4 && from > 0 && bytes[from - 1] == 'A'; back++) {
        from--;
      }
      if (from > 0 && isTokenByte(bytes[from - 1])) {
        return null;
      }
      for (int i = keywordStart; i < keywordEnd; i++) {
        if (bytes[i] != 'A') {
          return null; // matched case-insensitively: "aaaa…" is not a bearer token
        }
      }
    }
    int end = from;
    int max = Math.min(limit, from + LOOKAHEAD);
    while (end < max && bytes[end] != '\n' && bytes[end] != '\r') {
      end++;
    }
    String rest = new String(bytes, from, end - from, StandardCharsets.ISO_8859_1);
    Matcher m = rule.pattern().matcher(rest);
    if (!m.find()) {
      return null;
    }
    String value = m.group(1);
    return looksReal(value) ? value : null;
  }

  /** Whether a captured value could be a real credential rather than a placeholder. */
  static boolean looksReal(String value) {
    if (EXAMPLES.contains(value)) {
      return false;
    }
    String lower = value.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("your") || lower.contains("xxxx") || lower.contains("example")) {
      return false;
    }
    boolean digit = value.chars().anyMatch(c -> c >= '0' && c <= '9');
    boolean letter = value.chars().anyMatch(Character::isLetter);
    return digit && letter && entropy(value) >= 3.0;
  }

  /** Shannon entropy in bits per character. */
  static double entropy(String value) {
    int[] counts = new int[128];
    int n = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 128) {
        counts[c]++;
        n++;
      }
    }
    double h = 0;
    for (int c : counts) {
      if (c > 0) {
        double p = (double) c / n;
        h -= p * Math.log(p) / Math.log(2);
      }
    }
    return h;
  }

  private static boolean isTokenByte(byte b) {
    return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '%';
  }
}
