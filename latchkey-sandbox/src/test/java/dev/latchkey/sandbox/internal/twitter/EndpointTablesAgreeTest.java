package dev.latchkey.sandbox.internal.twitter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.platform.Platforms;
import dev.latchkey.sandbox.internal.Endpoint;
import dev.latchkey.sandbox.internal.EndpointTables;
import dev.latchkey.sandbox.internal.PlatformState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The sandbox emulates X from its own table (what the platform does) and the library calls X from
 * its own (what a client may send): where both describe an endpoint, every credential the library
 * may send is one the sandbox serves, and both count the same limits, or one of them misreads X's
 * documentation.
 */
class EndpointTablesAgreeTest {
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
    EndpointTables.Comparison c =
        EndpointTables.compare(sandboxTable(), Platforms.twitter().endpoints(), true);
    assertThat(c.compared()).hasSizeGreaterThan(10);
    assertThat(c.disagreements()).isEmpty();
  }
}
