package dev.latchkey.collect;

import dev.latchkey.platform.CredentialKind;
import dev.latchkey.platform.Platform;
import java.util.Objects;

/**
 * One platform endpoint as the collector calls it: a view of an entry of the platform's endpoint
 * table ({@link Platform#endpoints()}), which is where its facts live.
 *
 * @param platform the platform's name ({@code twitter})
 * @param method the HTTP method
 * @param path the path template under the API base ({@code /2/users/{id}/tweets})
 * @param family the rate-limit family it counts against, as the platform's docs write it ({@code
 *     /2/users/:id/tweets})
 * @param appOnly whether the platform serves it to app-only credentials (bearer token, Tumblr's
 *     {@code api_key})
 * @param userContext whether it serves it to user tokens
 */
public record Endpoint(
    String platform,
    String method,
    String path,
    String family,
    boolean appOnly,
    boolean userContext) {
  public Endpoint {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(family, "family");
  }

  /**
   * The endpoint {@code method path} of {@code platform}'s table (the path as the table writes it,
   * {@code /2/users/{id}/tweets}): its rate-limit family and the credentials it takes.
   *
   * @throws IllegalStateException when the table lacks it (a description without the endpoint)
   */
  public static Endpoint of(Platform platform, String method, String path) {
    return of(platform, described(platform, method, path));
  }

  /** The collector's view of {@code e}, an entry of {@code platform}'s table. */
  public static Endpoint of(Platform platform, dev.latchkey.platform.Endpoint e) {
    boolean appOnly = e.accepts(CredentialKind.APP_ONLY) || e.accepts(CredentialKind.API_KEY);
    boolean user = e.accepts(CredentialKind.OAUTH1_USER) || e.accepts(CredentialKind.OAUTH2_USER);
    String family = e.rateLimit() == null ? e.path() : e.rateLimit().name();
    return new Endpoint(platform.name(), e.method(), e.path(), family, appOnly, user);
  }

  /**
   * The table's entry for {@code method path}.
   *
   * @throws IllegalStateException when the table lacks it
   */
  public static dev.latchkey.platform.Endpoint described(
      Platform platform, String method, String path) {
    return platform.endpoints().stream()
        .filter(e -> e.method().equalsIgnoreCase(method) && e.path().equals(path))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    platform.displayName()
                        + "'s description has no "
                        + method
                        + " "
                        + path
                        + ", which collecting needs"));
  }

  /** The path with {@code {name}} replaced by {@code value} (already safe for a path). */
  public String path(String name, String value) {
    return path.replace("{" + name + "}", value);
  }
}
