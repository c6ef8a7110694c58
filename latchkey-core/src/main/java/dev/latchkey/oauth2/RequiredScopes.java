package dev.latchkey.oauth2;

import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.OAuth2Token;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The OAuth 2 scopes known endpoints need, checked before a call so that a missing scope is named
 * with the command that adds it rather than left to a bare 403. Endpoints not listed are not
 * checked. Scopes from X's OpenAPI {@code security} and Tumblr's API document.
 */
public final class RequiredScopes {
  private record Rule(String platform, String method, Pattern path, Set<String> scopes) {}

  private static final Set<String> X_READ = Set.of("tweet.read", "users.read");

  private static final List<Rule> RULES =
      List.of(
          new Rule("twitter", "GET", Pattern.compile("/2/users/me"), X_READ),
          new Rule("twitter", "GET", Pattern.compile("/2/users/by/username/[^/]+"), X_READ),
          new Rule("twitter", "GET", Pattern.compile("/2/users/by"), X_READ),
          new Rule("twitter", "GET", Pattern.compile("/2/users(/[0-9]+)?"), X_READ),
          new Rule("twitter", "GET", Pattern.compile("/2/users/[0-9]+/tweets"), X_READ),
          new Rule("twitter", "GET", Pattern.compile("/2/users/[0-9]+/mentions"), X_READ),
          new Rule("twitter", "GET", Pattern.compile("/2/tweets(/[0-9]+)?"), X_READ),
          new Rule("twitter", "GET", Pattern.compile("/2/tweets/search/recent"), X_READ),
          new Rule(
              "twitter",
              "POST",
              Pattern.compile("/2/tweets"),
              Set.of("tweet.read", "tweet.write", "users.read")),
          new Rule("tumblr", "GET", Pattern.compile("/v2/user/.*"), Set.of("basic")),
          new Rule("tumblr", "POST", Pattern.compile("/v2/blog/[^/]+/posts?"), Set.of("write")));

  private RequiredScopes() {}

  /** The scopes an endpoint needs, when known. {@code path} is the URL path without query. */
  public static Optional<Set<String>> of(String platform, String method, String path) {
    String m = method.toUpperCase(Locale.ROOT);
    for (Rule r : RULES) {
      if (r.platform().equals(platform)
          && r.method().equals(m)
          && r.path().matcher(path).matches()) {
        return Optional.of(r.scopes());
      }
    }
    return Optional.empty();
  }

  /**
   * Checks that {@code token} carries every scope the endpoint needs.
   *
   * @throws OAuth2Exception {@link OAuth2Exception#INSUFFICIENT_SCOPE}, naming the missing scopes
   *     and the command that authorizes them
   */
  public static void check(AccountId account, OAuth2Token token, String method, String path)
      throws OAuth2Exception {
    Optional<Set<String>> needed = of(account.platform(), method, path);
    if (needed.isEmpty() || token.scopes().isEmpty()) {
      return; // unknown endpoint, or a token whose scopes were never reported: let the API decide
    }
    Set<String> missing = new LinkedHashSet<>();
    needed.get().stream().sorted().filter(s -> !token.scopes().contains(s)).forEach(missing::add);
    if (missing.isEmpty()) {
      return;
    }
    Set<String> wanted = new java.util.TreeSet<>(token.scopes());
    wanted.addAll(needed.get());
    throw OAuth2Exception.local(
        OAuth2Exception.INSUFFICIENT_SCOPE,
        "the OAuth 2 token of "
            + account
            + " lacks scope "
            + String.join(" ", missing)
            + ", needed by "
            + method.toUpperCase(Locale.ROOT)
            + " "
            + path
            + "; run 'latchkey auth "
            + account.platform()
            + " --oauth2 --scopes \""
            + String.join(" ", wanted)
            + "\"' to add it");
  }
}
