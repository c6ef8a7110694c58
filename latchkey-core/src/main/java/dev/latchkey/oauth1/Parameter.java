package dev.latchkey.oauth1;

import dev.latchkey.http.FormEncoding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    return of(FormEncoding.parse(encoded));
  }

  /** Writes parameters as a form body or query string, encoded per RFC 5849 §3.6. */
  public static String formEncode(List<Parameter> parameters) {
    return FormEncoding.format(parameters.stream().map(p -> Map.entry(p.name, p.value)).toList());
  }

  /** The HTTP layer's name/value pairs as parameters, in order. */
  static List<Parameter> of(List<Map.Entry<String, String>> pairs) {
    List<Parameter> out = new ArrayList<>(pairs.size());
    for (Map.Entry<String, String> p : pairs) {
      out.add(new Parameter(p.getKey(), p.getValue()));
    }
    return out;
  }
}
