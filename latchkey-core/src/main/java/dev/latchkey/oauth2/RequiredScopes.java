package dev.latchkey.oauth2;

import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.platform.Endpoint;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OAuth 2 scopes known endpoints need, checked before a call so that a missing scope is named
 * with the command that adds it rather than left to a bare 403. Endpoints the platform's endpoint
 * table does not list are not checked: the table ({@link Platform#endpoint}) is the one home of
 * these facts, and this class only reads it.
 */
public final class RequiredScopes {
  private static final Platforms BUILT_IN = Platforms.builtIn();

  private RequiredScopes() {}

  /**
   * The scopes an endpoint of a built-in platform needs, when known. {@code path} is the URL path
   * under the API base, without query.
   */
  public static Optional<Set<String>> of(String platform, String method, String path) {
    return BUILT_IN.all().stream()
        .filter(p -> p.name().equals(platform))
        .findFirst()
        .flatMap(p -> of(p, method, path));
  }

  /** The scopes {@code platform}'s endpoint needs, when its table lists it with scopes. */
  public static Optional<Set<String>> of(Platform platform, String method, String path) {
    return platform.endpoint(method, path).map(Endpoint::scopes).filter(s -> !s.isEmpty());
  }

  /**
   * Checks that {@code token} carries every scope the endpoint needs.
   *
   * @throws OAuth2Exception {@link OAuth2Exception#INSUFFICIENT_SCOPE}, naming the missing scopes
   *     and the command that authorizes them
   */
  public static void check(AccountId account, OAuth2Token token, String method, String path)
      throws OAuth2Exception {
    check(account, token, of(account.platform(), method, path), method, path);
  }

  /** {@link #check(AccountId, OAuth2Token, String, String)} against {@code platform}'s table. */
  public static void check(
      Platform platform, AccountId account, OAuth2Token token, String method, String path)
      throws OAuth2Exception {
    check(account, token, of(platform, method, path), method, path);
  }

  /**
   * What {@code token} lacks for an endpoint that needs {@code needed}: empty when nothing is
   * missing, or when the token's scopes were never reported (the platform then decides).
   */
  public static Optional<Shortfall> shortfall(OAuth2Token token, Set<String> needed) {
    if (needed.isEmpty() || token.scopes().isEmpty()) {
      return Optional.empty();
    }
    Set<String> missing = new TreeSet<>(needed);
    missing.removeAll(token.scopes());
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    Set<String> wanted = new TreeSet<>(token.scopes());
    wanted.addAll(needed);
    return Optional.of(new Shortfall(missing, wanted));
  }

  /**
   * The scopes a token lacks.
   *
   * @param missing the scopes the endpoint needs that the token does not carry, sorted
   * @param wanted every scope a new authorization should ask for: the token's and the missing ones
   */
  public record Shortfall(Set<String> missing, Set<String> wanted) {
    public Shortfall {
      missing = Collections.unmodifiableSet(new TreeSet<>(missing));
      wanted = Collections.unmodifiableSet(new TreeSet<>(wanted));
    }
  }

  private static void check(
      AccountId account,
      OAuth2Token token,
      Optional<Set<String>> needed,
      String method,
      String path)
      throws OAuth2Exception {
    Optional<Shortfall> lacking = needed.flatMap(n -> shortfall(token, n));
    if (lacking.isEmpty()) {
      return;
    }
    throw OAuth2Exception.local(
        OAuth2Exception.INSUFFICIENT_SCOPE,
        "the OAuth 2 token of "
            + account
            + " lacks scope "
            + String.join(" ", lacking.get().missing())
            + ", needed by "
            + method.toUpperCase(Locale.ROOT)
            + " "
            + path
            + "; run 'latchkey auth "
            + account.platform()
            + " --oauth2 --scopes \""
            + String.join(" ", lacking.get().wanted())
            + "\"' to add it");
  }
}
