package dev.latchkey.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WhenTest {
  private static final Instant NOW = Instant.parse("2026-11-22T21:40:00.123456789Z");

  @Test
  void relativeTimesAreToTheMinute() {
    assertThat(When.relative(NOW.plusSeconds(7_170), NOW)).isEqualTo("in 1 h 59 min");
    assertThat(When.relative(NOW.minusSeconds(180), NOW)).isEqualTo("3 min ago");
    assertThat(When.relative(NOW.plusSeconds(42), NOW)).isEqualTo("in 42 s");
    assertThat(When.relative(NOW.plusSeconds(90_000), NOW)).isEqualTo("in 1 d 1 h");
  }

  @Test
  void exactTimesHaveNoNanoseconds() {
    assertThat(When.exact(NOW)).isEqualTo("2026-11-22T21:40:00Z");
  }
}
