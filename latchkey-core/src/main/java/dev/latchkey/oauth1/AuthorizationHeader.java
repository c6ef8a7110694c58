package dev.latchkey.oauth1;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code Authorization: OAuth ...} header of RFC 5849 §3.5.1, written in X's documented form
 * (parameters sorted, {@code ", "} between them, names and values percent-encoded). Reading one is
 * the server's business: the sandbox has its own parser.
 */
public final class AuthorizationHeader {
  private static final String SCHEME = "OAuth";

  private AuthorizationHeader() {}

  /**
   * Writes the header value; {@code realm}, when not null, comes first and is not encoded (it may
   * not contain {@code "} or {@code \}).
   */
  public static String format(List<Parameter> protocolParameters, String realm) {
    List<Parameter> sorted = new ArrayList<>(protocolParameters);
    sorted.sort(Comparator.comparing(Parameter::name).thenComparing(Parameter::value));
    StringBuilder out = new StringBuilder(SCHEME).append(' ');
    boolean first = true;
    if (realm != null) {
      if (realm.indexOf('"') >= 0 || realm.indexOf('\\') >= 0) {
        throw new IllegalArgumentException("realm may not contain a quote or a backslash");
      }
      out.append("realm=\"").append(realm).append('"');
      first = false;
    }
    for (Parameter p : sorted) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      out.append(PercentEncoding.encode(p.name()))
          .append("=\"")
          .append(PercentEncoding.encode(p.value()))
          .append('"');
    }
    return out.toString();
  }
}
