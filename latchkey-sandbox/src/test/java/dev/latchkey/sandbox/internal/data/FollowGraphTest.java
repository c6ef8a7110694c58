package dev.latchkey.sandbox.internal.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A user's followers count is the length of the followers list, whether it is scanned or
 * remembered, and users that share a slot of the remembered counts never see each other's.
 */
class FollowGraphTest {
  @Test
  void followersCountIsTheListsLengthScannedOrRemembered() {
    int size = 40_000;
    FollowGraph g = new FollowGraph(7, size, 3_000, 5, 20_000, 100);
    for (int b = 0; b < size; b += 397) {
      int listed = g.followers(b, 0, Integer.MAX_VALUE).size();
      assertThat(g.followersCount(b)).as("user %d, scanned", b).isEqualTo(listed);
      assertThat(g.followersCount(b)).as("user %d, remembered", b).isEqualTo(listed);
      int other = (b + (1 << 14)) % size; // the same slot of the remembered counts
      int otherListed = g.followers(other, 0, Integer.MAX_VALUE).size();
      assertThat(g.followersCount(other)).as("user %d after %d", other, b).isEqualTo(otherListed);
      assertThat(g.followersCount(b)).as("user %d after %d", b, other).isEqualTo(listed);
    }
    assertThat(g.followersCount(5)).isEqualTo(20_000);
  }
}
