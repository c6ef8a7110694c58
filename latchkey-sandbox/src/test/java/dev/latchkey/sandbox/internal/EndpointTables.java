package dev.latchkey.sandbox.internal;

import dev.latchkey.platform.CredentialKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares the sandbox's table of a platform's endpoints (what the platform does) with the
 * library's (what a client may send), over the endpoints both describe: every credential the
 * library may send must be one the sandbox serves, and, when asked, both must count the same
 * limits.
 */
public final class EndpointTables {
  private static final Map<AuthType, CredentialKind> KINDS =
      Map.of(
          AuthType.OAUTH1_USER, CredentialKind.OAUTH1_USER,
          AuthType.OAUTH2_USER, CredentialKind.OAUTH2_USER,
          AuthType.APP_ONLY, CredentialKind.APP_ONLY,
          AuthType.API_KEY, CredentialKind.API_KEY,
          AuthType.NONE, CredentialKind.NONE);

  /**
   * What was compared ("GET /path" each) and where the tables disagree (one line each).
   *
   * @param compared the endpoints both tables describe
   * @param disagreements what one table says and the other does not
   */
  public record Comparison(List<String> compared, List<String> disagreements) {}

  private EndpointTables() {}

  public static Comparison compare(
      List<Endpoint> sandbox, List<dev.latchkey.platform.Endpoint> library, boolean limits) {
    List<String> compared = new ArrayList<>();
    List<String> disagreements = new ArrayList<>();
    for (Endpoint e : sandbox) {
      String path = e.path().replaceAll(":([A-Za-z_]+)", "{$1}");
      dev.latchkey.platform.Endpoint known =
          library.stream()
              .filter(l -> l.method().equals(e.method()) && l.path().equals(path))
              .findFirst()
              .orElse(null);
      if (known == null) {
        continue;
      }
      compared.add(e.method() + " " + e.path());
      Set<CredentialKind> served = e.auth().stream().map(KINDS::get).collect(Collectors.toSet());
      if (!served.containsAll(known.accepts())) {
        disagreements.add(
            e.path() + " serves " + served + ", the library sends " + known.accepts());
      }
      if (limits && known.rateLimit() != null) {
        int user = served.contains(CredentialKind.OAUTH1_USER) ? e.limit().user() : 0;
        int app = served.contains(CredentialKind.APP_ONLY) ? e.limit().app() : 0;
        if (user != known.rateLimit().userLimit() && known.rateLimit().userLimit() != 0
            || app != known.rateLimit().appLimit() && known.rateLimit().appLimit() != 0) {
          disagreements.add(
              e.path()
                  + " limits "
                  + user
                  + "/"
                  + app
                  + ", the library says "
                  + known.rateLimit().userLimit()
                  + "/"
                  + known.rateLimit().appLimit());
        }
      }
    }
    return new Comparison(compared, disagreements);
  }
}
