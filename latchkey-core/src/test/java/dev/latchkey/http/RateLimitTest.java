package dev.latchkey.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.platform.RateLimitHeaders;
import dev.latchkey.platform.RateLimitHeaders.Reset;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  private static HttpHeaders headers(String reset) {
    return HttpHeaders.of(
        Map.of("l", List.of("900"), "r", List.of("12"), "t", List.of(reset)), (a, b) -> true);
  }

  private static RateLimit read(String reset, Reset style) {
    return RateLimit.from(headers(reset), new RateLimitHeaders("l", "r", "t", style), NOW)
        .orElseThrow();
  }

  @Test
  void resetIsReadAsEpochSecondsADelayOrAnIsoTimeAsThePlatformWritesIt() {
    assertThat(read("1795348800", Reset.EPOCH_SECONDS).reset())
        .isEqualTo(Instant.ofEpochSecond(1795348800));
    assertThat(read("600", Reset.DELAY_SECONDS).reset()).isEqualTo(NOW.plusSeconds(600));
    assertThat(read("2026-11-22T12:15:00.000Z", Reset.ISO_8601).reset())
        .isEqualTo(Instant.parse("2026-11-22T12:15:00Z"));
    assertThat(read("2026-11-22T13:15:00+01:00", Reset.ISO_8601).reset())
        .isEqualTo(Instant.parse("2026-11-22T12:15:00Z"));
    assertThat(read("900", Reset.EPOCH_SECONDS).remaining()).isEqualTo(12);
  }

  @Test
  void anUnreadableResetGivesNoRateLimitRatherThanAWrongOne() {
    RateLimitHeaders iso = new RateLimitHeaders("l", "r", "t", Reset.ISO_8601);
    assertThat(RateLimit.from(headers("in a while"), iso, NOW)).isEmpty();
    assertThat(RateLimit.from(headers("1795348800"), iso, NOW)).isEmpty();
  }
}
