package dev.latchkey.oauth1;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One decoded request parameter, as RFC 5849 §3.4.1.3 collects them from the query, the form body
 * and the protocol parameters. Repeated names are kept as separate parameters.
 *
 * <p>Values are request data, not secrets, with one exception the signer handles itself: {@code
 * oauth_signature} is never collected.
 */
public record Parameter(String name, String value) {

  public Parameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }

  /**
   * Parses {@code application/x-www-form-urlencoded} text (a raw query string or a form body):
   * {@code +} is a space, a name without {@code =} has an empty value, empty pieces are skipped.
   *
   * @throws IllegalArgumentException on a malformed percent escape
   */
  public static List<Parameter> parseForm(String encoded) {
    List<Parameter> out = new ArrayList<>();
    if (encoded == null || encoded.isEmpty()) {
      return out;
    }
    for (String piece : encoded.split("&", -1)) {
      if (piece.isEmpty()) {
        continue;
      }
      int eq = piece.indexOf('=');
      String name = eq < 0 ? piece : piece.substring(0, eq);
      String value = eq < 0 ? "" : piece.substring(eq + 1);
      out.add(
          new Parameter(PercentEncoding.decode(name, true), PercentEncoding.decode(value, true)));
    }
    return out;
  }

  /** Writes parameters as a form body or query string, encoded per RFC 5849 §3.6. */
  public static String formEncode(List<Parameter> parameters) {
    StringBuilder out = new StringBuilder();
    for (Parameter p : parameters) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(PercentEncoding.encode(p.name()))
          .append('=')
          .append(PercentEncoding.encode(p.value()));
    }
    return out.toString();
  }
}
