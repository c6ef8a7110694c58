package dev.latchkey.collect;

import java.util.Objects;

/**
 * One platform endpoint as the collector calls it.
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

  /** The path with {@code {name}} replaced by {@code value} (already safe for a path). */
  public String path(String name, String value) {
    return path.replace("{" + name + "}", value);
  }
}
