package dev.latchkey.sandbox.internal.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When items exist is total over every instant: a caller passing an instant far from the sandbox's
 * start (a "no bound" {@code Long.MAX_VALUE}, a clock gone wrong) gets an answer at once, never a
 * request thread spinning on after its client has gone (issue 10: {@code referenced_tweets.id} once
 * looked replies up at {@code Long.MAX_VALUE}).
 */
class TimelinesTest {
  private static final long START = Instant.parse("2026-11-29T08:00:00Z").toEpochMilli();
  private static final long DAY = 86_400_000L;
  private static final World WORLD =
      new World(7, 500, List.of(), List.of(), '_', 5_000_000L, START, 40, "twitter");

  @Test
  void newestAnswersAtOnceForAnyInstantAndNeverGrowsAsTimePasses() {
    Timelines t = WORLD.timelines();
    long[] instants = {
      Long.MIN_VALUE, START - 400 * 365 * DAY, START - DAY, START, START + DAY, Long.MAX_VALUE
    };
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          for (int i = 0; i < WORLD.size(); i++) {
            int previous = Integer.MAX_VALUE;
            for (long now : instants) {
              int k = t.newest(i, now);
              assertThat(k).as("user %d at %d", i, now).isLessThanOrEqualTo(previous);
              previous = k;
            }
          }
        });
  }

  @Test
  void usersSharingASlotOfTheRecentTableGetTheirOwnTimes() {
    World big = new World(7, 20_000, List.of(), List.of(), '_', 5_000_000L, START, 40, "twitter");
    World fresh = new World(7, 20_000, List.of(), List.of(), '_', 5_000_000L, START, 40, "twitter");
    int[] users = {5, 5 + 4096, 5 + 2 * 4096, 5, 5 + 4096};
    for (int round = 0; round < 2; round++) {
      for (int u : users) {
        Timelines t = big.timelines();
        assertThat(t.count(u)).isEqualTo(fresh.timelines().count(u));
        assertThat(t.gapMs(u)).isEqualTo(fresh.timelines().gapMs(u));
        assertThat(t.id(u, 3)).isEqualTo(fresh.timelines().id(u, 3));
        fresh = new World(7, 20_000, List.of(), List.of(), '_', 5_000_000L, START, 40, "twitter");
      }
    }
    assertThat(big.timelines().gapMs(5)).isNotEqualTo(big.timelines().gapMs(5 + 4096));
  }

  @Test
  void usersSharingASlotOfTheRecentProfilesGetTheirOwnProfiles() {
    World big = new World(7, 20_000, List.of(), List.of(), '_', 5_000_000L, START, 40, "twitter");
    int[] users = {5, 5 + 4096, 5, 5 + 2 * 4096, 5 + 4096};
    for (int u : users) {
      World fresh =
          new World(7, 20_000, List.of(), List.of(), '_', 5_000_000L, START, 40, "twitter");
      assertThat(big.profile(u)).isEqualTo(fresh.profile(u));
      assertThat(big.profile(u).index()).isEqualTo(u);
    }
  }

  @Test
  void anItemIsFoundAtAnyLaterInstantEvenTheLargest() {
    Timelines t = WORLD.timelines();
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          for (int i = 0; i < WORLD.size(); i++) {
            if (t.count(i) == 0) {
              continue;
            }
            long id = t.id(i, t.count(i) - 1);
            assertThat(WORLD.find(id, START)).isNotNull();
            assertThat(WORLD.find(id, Long.MAX_VALUE)).isNotNull();
            assertThat(WORLD.find(id, Long.MIN_VALUE)).as("user %d before it was made", i).isNull();
          }
        });
  }
}
