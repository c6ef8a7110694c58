package dev.latchkey.sandbox.internal.tumblr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.platform.Platforms;
import dev.latchkey.sandbox.internal.Endpoint;
import dev.latchkey.sandbox.internal.EndpointTables;
import dev.latchkey.sandbox.internal.PlatformState;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every credential the library may send to a Tumblr endpoint is one the sandbox serves there (the
 * sandbox serves what Tumblr takes; the library sends what it prefers, e.g. the key where OAuth
 * would do too).
 */
class TumblrEndpointTablesAgreeTest {
  @Test
  void sandboxAndLibraryAgreeOnTheCredentialsOfEveryEndpointBothKnow() {
    PlatformState state =
        new PlatformState(
            TumblrPlatform.DESCRIPTION, 0, new SplittableRandom(1), Clock.systemUTC(), 1000);
    List<Endpoint> table = TumblrEndpoints.table(new TumblrRoutes(new Posts(state.world(), 1)));
    EndpointTables.Comparison c =
        EndpointTables.compare(table, Platforms.tumblr().endpoints(), false);
    assertThat(c.compared()).isNotEmpty();
    assertThat(c.disagreements()).isEmpty();
  }
}
