package dev.latchkey.oauth1;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The signature base string of RFC 5849 §3.4.1: {@code METHOD & pct(base URI) & pct(normalized
 * parameters)}. Both the client and the sandbox build it here, so they cannot drift apart.
 */
public final class SignatureBaseString {
  private static final Comparator<String[]> BY_ENCODED_NAME_THEN_VALUE =
      Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]);

  private SignatureBaseString() {}

  /**
   * Builds the base string.
   *
   * @param method the HTTP method; upper-cased here
   * @param uri the request URI; its query is ignored (pass query parameters in {@code parameters})
   * @param parameters every decoded parameter from the query, the form body (only when it is
   *     form-encoded) and the protocol parameters, without {@code oauth_signature} and {@code
   *     realm}
   */
  public static String of(String method, URI uri, List<Parameter> parameters) {
    return method.toUpperCase(Locale.ROOT)
        + '&'
        + PercentEncoding.encode(baseStringUri(uri))
        + '&'
        + PercentEncoding.encode(normalizedParameters(parameters));
  }

  /**
   * The base string URI of §3.4.1.2: scheme and host in lower case, the default port dropped, no
   * query or fragment, and {@code /} for an empty path. The path keeps its percent-encoding.
   */
  public static String baseStringUri(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || (scheme.equals("http") && port == 80)
            || (scheme.equals("https") && port == 443);
    String path = uri.getRawPath();
    if (path == null || path.isEmpty()) {
      path = "/";
    }
    return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
  }

  /** The normalized parameter string of §3.4.1.3.2: encode, sort by name then value, join. */
  public static String normalizedParameters(List<Parameter> parameters) {
    List<String[]> encoded = new ArrayList<>(parameters.size());
    for (Parameter p : parameters) {
      encoded.add(
          new String[] {PercentEncoding.encode(p.name()), PercentEncoding.encode(p.value())});
    }
    encoded.sort(BY_ENCODED_NAME_THEN_VALUE);
    StringBuilder out = new StringBuilder();
    for (String[] p : encoded) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(p[0]).append('=').append(p[1]);
    }
    return out.toString();
  }
}
