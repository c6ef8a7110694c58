package dev.latchkey.sandbox.internal.twitter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.platform.CredentialKind;
import dev.latchkey.platform.Platforms;
import dev.latchkey.sandbox.internal.AuthType;
import dev.latchkey.sandbox.internal.Endpoint;
import dev.latchkey.sandbox.internal.PlatformState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The sandbox emulates X from its own table (what the platform does) and the library calls X from
 * its own (what a client may send): where both describe an endpoint, every credential the library
 * may send is one the sandbox serves, and both count the same limits, or one of them misreads X's
 * documentation.
 */
class EndpointTablesAgreeTest {
  private static final Map<AuthType, CredentialKind> KINDS =
      Map.of(
          AuthType.OAUTH1_USER, CredentialKind.OAUTH1_USER,
          AuthType.OAUTH2_USER, CredentialKind.OAUTH2_USER,
          AuthType.APP_ONLY, CredentialKind.APP_ONLY,
          AuthType.API_KEY, CredentialKind.API_KEY,
          AuthType.NONE, CredentialKind.NONE);

  static List<Endpoint> sandboxTable() {
    PlatformState state =
        new PlatformState(
            TwitterPlatform.DESCRIPTION, 0, new SplittableRandom(1), Clock.systemUTC(), 1000);
    Tweets tweets = new Tweets(state.world(), 1);
    Posting posting = new Posting(tweets);
    List<Endpoint> table = new ArrayList<>();
    XRateLimits limits = new XRateLimits(TwitterPlatform.DESCRIPTION, null, 900, Map.of());
    V2Routes v2 = new V2Routes(tweets, posting);
    table.addAll(
        XEndpoints.table(
            new V11Routes(tweets, limits, () -> table, posting),
            v2,
            new XStreams(
                tweets,
                v2.json(),
                Clock.systemUTC(),
                Duration.ofSeconds(20),
                new AtomicBoolean())));
    return table;
  }

  @Test
  void sandboxAndLibraryAgreeOnCredentialsAndLimitsOfEveryEndpointBothKnow() {
    List<dev.latchkey.platform.Endpoint> library = Platforms.twitter().endpoints();
    List<String> compared = new ArrayList<>();
    List<String> disagreements = new ArrayList<>();
    for (Endpoint e : sandboxTable()) {
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
      if (known.rateLimit() != null) {
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
    assertThat(compared).hasSizeGreaterThan(10);
    assertThat(disagreements).isEmpty();
  }
}
