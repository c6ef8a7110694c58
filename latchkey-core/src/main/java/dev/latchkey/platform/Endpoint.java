package dev.latchkey.platform;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One API endpoint as data: which credentials it accepts, the OAuth 2 scopes it needs, how its
 * pages turn and which rate-limit budget it counts against.
 *
 * @param method the HTTP method, upper case
 * @param path the path template under the API base, {@code {name}} standing for one path segment
 *     ({@code /2/users/{id}/tweets})
 * @param accepts the credential kinds the platform takes here
 * @param scopes the OAuth 2 scopes a user token needs here (empty: none, or not known)
 * @param pagination how the pages turn
 * @param rateLimit the budget it counts against, or null when the platform documents none
 * @param fields the query parameters that ask for every field and expansion the endpoint can return
 *     (X v2's {@code tweet.fields}, {@code user.fields}, {@code expansions}, ...), in order; empty
 *     where answers are whole without asking. A collector sends them so that its records are
 *     complete, as twarc2 does.
 */
public record Endpoint(
    String method,
    String path,
    Set<CredentialKind> accepts,
    Set<String> scopes,
    Pagination pagination,
    RateLimitFamily rateLimit,
    Map<String, String> fields) {

  public Endpoint {
    Objects.requireNonNull(method, "method");
    method = method.toUpperCase(Locale.ROOT);
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/") || path.contains("?")) {
      throw new IllegalArgumentException("endpoint path must start with '/' and have no query");
    }
    if (accepts.isEmpty()) {
      throw new IllegalArgumentException(method + " " + path + " must accept some credential");
    }
    accepts = Set.copyOf(EnumSet.copyOf(accepts));
    scopes = Set.copyOf(new TreeSet<>(scopes));
    Objects.requireNonNull(pagination, "pagination");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** An endpoint whose answers are whole without asking for fields. */
  public Endpoint(
      String method,
      String path,
      Set<CredentialKind> accepts,
      Set<String> scopes,
      Pagination pagination,
      RateLimitFamily rateLimit) {
    this(method, path, accepts, scopes, pagination, rateLimit, Map.of());
  }

  /** This endpoint asking for {@code all} (see {@link #fields()}). */
  public Endpoint withFields(Map<String, String> all) {
    return new Endpoint(method, path, accepts, scopes, pagination, rateLimit, all);
  }

  /** True when a call of {@code method} to {@code path} (no query) is this endpoint. */
  public boolean matches(String method, String path) {
    if (!this.method.equalsIgnoreCase(method) || path.isEmpty()) {
      return false;
    }
    // segment by segment without splitting either path: this runs for every endpoint of the
    // table on every call a collector makes
    String t = this.path;
    int w = 1;
    int g = 1;
    while (true) {
      int we = t.indexOf('/', w);
      we = we < 0 ? t.length() : we;
      int ge = path.indexOf('/', g);
      ge = ge < 0 ? path.length() : ge;
      boolean variable = we - w >= 2 && t.charAt(w) == '{' && t.charAt(we - 1) == '}';
      boolean same = variable ? ge > g : we - w == ge - g && t.regionMatches(w, path, g, we - w);
      if (!same) {
        return false;
      }
      boolean templateEnds = we == t.length();
      boolean pathEnds = ge == path.length();
      if (templateEnds || pathEnds) {
        return templateEnds && pathEnds;
      }
      w = we + 1;
      g = ge + 1;
    }
  }

  /**
   * How many literal segments the template has: where two templates match a path ({@code
   * /2/users/me} and {@code /2/users/{id}}), the more literal one is meant.
   */
  public int specificity() {
    return (int) segments(path).stream().filter(s -> !s.startsWith("{")).count();
  }

  /** True when the endpoint takes credentials of this kind. */
  public boolean accepts(CredentialKind kind) {
    return accepts.contains(kind);
  }

  /** The accepted kinds in the order they are preferred. */
  public List<CredentialKind> acceptedInOrder() {
    return EnumSet.copyOf(accepts).stream().toList();
  }

  private static List<String> segments(String path) {
    return List.of(path.substring(1).split("/", -1));
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
