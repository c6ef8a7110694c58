package dev.latchkey.sandbox.internal.tumblr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.platform.CredentialKind;
import dev.latchkey.platform.Platforms;
import dev.latchkey.sandbox.internal.AuthType;
import dev.latchkey.sandbox.internal.Endpoint;
import dev.latchkey.sandbox.internal.PlatformState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every credential the library may send to a Tumblr endpoint is one the sandbox serves there (the
 * sandbox serves what Tumblr takes; the library sends what it prefers, e.g. the key where OAuth
 * would do too).
 */
class TumblrEndpointTablesAgreeTest {
  private static final Map<AuthType, CredentialKind> KINDS =
      Map.of(
          AuthType.OAUTH1_USER, CredentialKind.OAUTH1_USER,
          AuthType.OAUTH2_USER, CredentialKind.OAUTH2_USER,
          AuthType.APP_ONLY, CredentialKind.APP_ONLY,
          AuthType.API_KEY, CredentialKind.API_KEY,
          AuthType.NONE, CredentialKind.NONE);

  @Test
  void sandboxAndLibraryAgreeOnTheCredentialsOfEveryEndpointBothKnow() {
    PlatformState state =
        new PlatformState(
            TumblrPlatform.DESCRIPTION, 0, new SplittableRandom(1), Clock.systemUTC(), 1000);
    List<Endpoint> table = TumblrEndpoints.table(new TumblrRoutes(new Posts(state.world(), 1)));
    List<dev.latchkey.platform.Endpoint> library = Platforms.tumblr().endpoints();
    List<String> compared = new ArrayList<>();
    List<String> disagreements = new ArrayList<>();
    for (Endpoint e : table) {
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
    }
    assertThat(compared).isNotEmpty();
    assertThat(disagreements).isEmpty();
  }
}
