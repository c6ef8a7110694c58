package dev.latchkey.platform;

import java.net.URI;
import java.util.Objects;

/**
 * The three base URIs a platform is reached at. Each may carry a path prefix (the sandbox serves
 * Twitter at {@code http://127.0.0.1:PORT/twitter}); endpoint paths are appended to it.
 *
 * @param api where the REST API lives ({@code https://api.x.com})
 * @param oauth where the OAuth 1.0a endpoints live ({@code https://api.x.com}, Tumblr's {@code
 *     https://www.tumblr.com})
 * @param web where a person's browser is sent for OAuth 2 consent ({@code https://x.com})
 */
public record Hosts(URI api, URI oauth, URI web) {

  public Hosts {
    api = checked("API", api);
    oauth = checked("OAuth", oauth);
    web = checked("web", web);
  }

  /** The same URI for all three, as the sandbox serves them. */
  public static Hosts all(URI base) {
    return new Hosts(base, base, base);
  }

  /** These hosts with another API base. */
  public Hosts withApi(URI uri) {
    return new Hosts(uri, oauth, web);
  }

  /** These hosts with another OAuth base. */
  public Hosts withOAuth(URI uri) {
    return new Hosts(api, uri, web);
  }

  /** These hosts with another web base. */
  public Hosts withWeb(URI uri) {
    return new Hosts(api, oauth, uri);
  }

  /** Parses a base URL given by a person (flag, environment, config file); says which is wrong. */
  public static URI parseBase(String what, String text) {
    try {
      return checked(what, URI.create(text.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          what + " '" + text + "' is not a URL; give one like https://api.x.com");
    }
  }

  private static URI checked(String what, URI uri) {
    Objects.requireNonNull(uri, what + " base");
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          what
              + " base '"
              + uri
              + "' must be an http(s) URL with a host and no query, like https://api.x.com");
    }
    String s = uri.toString();
    return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
  }

  /** Appends an absolute path (and query) to a base, keeping the base's own path prefix. */
  static URI resolve(URI base, String pathAndQuery) {
    if (!pathAndQuery.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/': " + pathAndQuery);
    }
    return URI.create(base.toString() + pathAndQuery);
  }
}
