package dev.latchkey.sandbox.internal.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A capped timeline (X serves a user's 3,200 newest tweets) ends where it should after its end was
 * worked out once: the end is kept between pages, and moves when the user's tweets change.
 */
class CappedTimelineTest {
  private static final long START = Instant.parse("2026-11-29T08:00:00Z").toEpochMilli();
  private static final int CAP = 100;

  private static List<Long> ids(ItemStream s) {
    List<Long> out = new ArrayList<>();
    for (Ref r : s.take(100_000, -1)) {
      out.add(r.id());
    }
    return out;
  }

  @Test
  void aCappedTimelineFollowsDeletesAndPostsAfterItWasServed() {
    World w = new World(7, 500, List.of(), List.of(), '_', 5_000_000L, START, 40, "twitter");
    int user = 0;
    while (w.timelines().count(user) < 3 * CAP) {
      user++;
    }
    List<Long> first = ids(w.userStream(user, START, Long.MAX_VALUE, CAP));
    assertThat(first).hasSize(CAP);
    // the second page, from below the first 10: the same end
    List<Long> lower = ids(w.userStream(user, START, first.get(9) - 1, CAP));
    assertThat(lower).isEqualTo(first.subList(10, CAP));

    w.overlay().delete(first.get(0));
    List<Long> afterDelete = ids(w.userStream(user, START, Long.MAX_VALUE, CAP));
    assertThat(afterDelete).hasSize(CAP).doesNotContain(first.get(0));
    assertThat(afterDelete.subList(0, CAP - 1)).isEqualTo(first.subList(1, CAP));

    long posted = w.timelines().runtimeId(user, START + 1);
    w.overlay().add(new Posted(posted, user, START + 1, "new", Set.of(), null));
    List<Long> afterPost = ids(w.userStream(user, START + 2, Long.MAX_VALUE, CAP));
    assertThat(afterPost).hasSize(CAP).startsWith(posted);
    assertThat(afterPost.subList(1, CAP)).isEqualTo(afterDelete.subList(0, CAP - 1));
  }
}
