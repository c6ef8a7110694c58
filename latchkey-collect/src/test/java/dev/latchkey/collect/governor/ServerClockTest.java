package dev.latchkey.collect.governor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServerClockTest {
  private static final Instant T = Instant.parse("2026-06-01T12:00:00Z");

  @Test
  void answersAcrossASecondNarrowTheOffsetToTheRoundTrip() {
    ServerClock c = new ServerClock();
    Duration skew = Duration.ofMillis(123_456); // server ahead of local
    // the server's clock at each exchange, at 10 ms steps through one second
    for (int ms = 0; ms < 2000; ms += 10) {
      Instant serverAt = T.plusMillis(ms);
      Instant local = serverAt.minus(skew);
      Instant date = Instant.ofEpochSecond(serverAt.getEpochSecond());
      c.observe(date, local.minusMillis(2), local.plusMillis(2));
    }
    assertThat(c.uncertainty()).isLessThanOrEqualTo(Duration.ofMillis(20));
    assertThat(c.offset().minus(skew).abs()).isLessThanOrEqualTo(Duration.ofMillis(10));
    // the lower bound is never above the truth
    assertThat(c.earliestServerTime(T)).isBeforeOrEqualTo(T.plus(skew));
  }

  @Test
  void aLocalClockThatJumpsStartsTheEstimateOver() {
    ServerClock c = new ServerClock();
    c.observe(T, T.minusMillis(5), T.plusMillis(5));
    Instant jumped = T.plusSeconds(3600);
    c.observe(T.plusSeconds(1), jumped, jumped.plusMillis(10));
    assertThat(c.offset()).isLessThan(Duration.ofMinutes(-59));
  }

  @Test
  void parsesTheHttpDateHeader() {
    assertThat(ServerClock.parseDate("Mon, 01 Jun 2026 12:00:00 GMT")).contains(T);
    assertThat(ServerClock.parseDate("yesterday")).isEmpty();
    assertThat(ServerClock.parseDate(null)).isEmpty();
  }
}
