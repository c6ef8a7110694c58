package dev.latchkey.collect.governor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RateGovernorTest {
  private static final Instant SERVER_NOW = Instant.parse("2026-06-01T12:00:00Z");

  /** A local clock that runs {@code skew} behind the server. */
  private static ServerClock calibrated(Duration skew, Instant serverAt) {
    ServerClock c = new ServerClock();
    Instant local = serverAt.minus(skew);
    // an answer stamped exactly at a second boundary, 20 ms round trip
    c.observe(serverAt, local.minusMillis(10), local.plusMillis(10));
    return c;
  }

  private static WindowReading window(long limit, long remaining, Instant reset) {
    return new WindowReading("rate limit", limit, remaining, reset, false);
  }

  @Test
  void waitsUntilTheResetOnTheServersClockWhenTheLocalClockIsFiveMinutesBehind() {
    Duration skew = Duration.ofMinutes(5);
    ServerClock server = calibrated(skew, SERVER_NOW);
    RateGovernor g = new RateGovernor("/2/users/:id/tweets", server, new SplittableRandom(1));
    Instant reset = SERVER_NOW.plusSeconds(60);
    Instant local = SERVER_NOW.minus(skew);
    assertThat(g.reserve(local).isGo()).isTrue();
    g.answered(List.of(window(900, 0, reset)));

    Decision d = g.reserve(local.plusSeconds(1));

    assertThat(d.isGo()).isFalse();
    assertThat(d.reason()).isEqualTo("rate limit on /2/users/:id/tweets");
    // the server certainly reached the reset when we wake, and we waste at most the round trip
    Instant serverAtWake = d.until().plus(skew);
    assertThat(serverAtWake).isAfterOrEqualTo(reset);
    assertThat(Duration.between(reset, serverAtWake)).isLessThanOrEqualTo(Duration.ofMillis(20));
    assertThat(g.reserve(d.until()).isGo()).isTrue();
  }

  @Test
  void requestsInFlightCountAgainstWhatIsLeft() {
    RateGovernor g =
        new RateGovernor("f", calibrated(Duration.ZERO, SERVER_NOW), new SplittableRandom(1));
    assertThat(g.reserve(SERVER_NOW).isGo()).isTrue();
    g.answered(List.of(window(15, 2, SERVER_NOW.plusSeconds(900))));

    assertThat(g.reserve(SERVER_NOW).isGo()).isTrue();
    assertThat(g.reserve(SERVER_NOW).isGo()).isTrue();
    Decision third = g.reserve(SERVER_NOW);

    assertThat(third.isGo()).isFalse();
    assertThat(third.until()).isAfterOrEqualTo(SERVER_NOW.plusSeconds(900));
  }

  @Test
  void answersArrivingOutOfOrderKeepTheSmallestCount() {
    RateGovernor g =
        new RateGovernor("f", calibrated(Duration.ZERO, SERVER_NOW), new SplittableRandom(1));
    Instant reset = SERVER_NOW.plusSeconds(900);
    g.reserve(SERVER_NOW);
    g.reserve(SERVER_NOW);
    g.answered(List.of(window(15, 3, reset)));
    g.answered(List.of(window(15, 4, reset))); // older answer arriving late

    assertThat(g.snapshot()).containsExactly(window(15, 3, reset));
  }

  @Test
  void aNewWindowAfterTheResetAllowsTheWholeLimitAgain() {
    RateGovernor g =
        new RateGovernor("f", calibrated(Duration.ZERO, SERVER_NOW), new SplittableRandom(1));
    Instant reset = SERVER_NOW.plusSeconds(5);
    g.reserve(SERVER_NOW);
    g.answered(List.of(window(3, 0, reset)));
    Instant after = g.reserve(SERVER_NOW).until();

    int sent = 0;
    while (g.reserve(after).isGo()) {
      sent++;
    }

    assertThat(sent).isEqualTo(3);
  }

  @Test
  void a429WithRetryAfterWaitsExactlyThatLong() {
    RateGovernor g =
        new RateGovernor("f", calibrated(Duration.ZERO, SERVER_NOW), new SplittableRandom(1));
    g.reserve(SERVER_NOW);

    Decision d = g.rateLimited(SERVER_NOW, Optional.of(Duration.ofSeconds(30)), List.of());

    assertThat(d.until()).isEqualTo(SERVER_NOW.plusSeconds(30));
    assertThat(g.reserve(SERVER_NOW.plusSeconds(29)).isGo()).isFalse();
    assertThat(g.reserve(SERVER_NOW.plusSeconds(30)).isGo()).isTrue();
    assertThat(g.refusedCount()).isEqualTo(1);
  }

  @Test
  void a429ThatReportsAnEmptyWindowWaitsForItsReset() {
    RateGovernor g =
        new RateGovernor("f", calibrated(Duration.ZERO, SERVER_NOW), new SplittableRandom(1));
    g.reserve(SERVER_NOW);

    Decision d =
        g.rateLimited(
            SERVER_NOW, Optional.empty(), List.of(window(15, 0, SERVER_NOW.plusSeconds(42))));

    assertThat(d.isGo()).isFalse();
    assertThat(Duration.between(SERVER_NOW.plusSeconds(42), d.until()))
        .isBetween(Duration.ZERO, Duration.ofMillis(20));
  }

  @Test
  void a429WithRequestsLeftInTheWindowBacksOffFromAMinute() {
    RateGovernor g =
        new RateGovernor("f", calibrated(Duration.ZERO, SERVER_NOW), new SplittableRandom(1));
    g.reserve(SERVER_NOW);

    Decision d =
        g.rateLimited(
            SERVER_NOW, Optional.empty(), List.of(window(900, 500, SERVER_NOW.plusSeconds(600))));

    Duration wait = Duration.between(SERVER_NOW, d.until());
    assertThat(wait).isBetween(Duration.ofSeconds(30), Duration.ofMinutes(1));
    assertThat(d.reason()).contains("cap without headers");
  }

  @Test
  void serverErrorsBackOffExponentiallyWithJitterThenGiveUp() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), 5);
    RateGovernor g =
        new RateGovernor(
            "f",
            calibrated(Duration.ZERO, SERVER_NOW),
            new SplittableRandom(7),
            backoff,
            Backoff.UNEXPLAINED_429);
    Instant now = SERVER_NOW;
    for (int attempt = 1; attempt <= 5; attempt++) {
      assertThat(g.reserve(now).isGo()).isTrue();
      Decision d = g.failed(now, "HTTP 503").orElseThrow();
      Duration wait = Duration.between(now, d.until());
      Duration ceiling = backoff.ceiling(attempt);
      assertThat(wait).isBetween(ceiling.dividedBy(2), ceiling);
      now = d.until();
    }
    assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(8));
    g.reserve(now);
    assertThat(g.failed(now, "HTTP 503")).isEmpty();
  }

  @Test
  void anAnswerClearsTheRunOfFailures() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), 2);
    RateGovernor g =
        new RateGovernor(
            "f",
            calibrated(Duration.ZERO, SERVER_NOW),
            new SplittableRandom(7),
            backoff,
            Backoff.UNEXPLAINED_429);
    Instant now = SERVER_NOW;
    for (int i = 0; i < 5; i++) {
      g.reserve(now);
      now = g.failed(now, "timeout").orElseThrow().until();
      g.reserve(now);
      g.answered(List.of());
    }
    g.reserve(now);
    assertThat(g.failed(now, "timeout")).isPresent();
  }

  @Test
  void tumblrsDailyLimitHoldsRequestsEvenWithHoursLeftThisHour() {
    RateGovernor g =
        new RateGovernor("tumblr", calibrated(Duration.ZERO, SERVER_NOW), new SplittableRandom(1));
    Instant hourReset = SERVER_NOW.plusSeconds(1800);
    Instant dayReset = SERVER_NOW.plusSeconds(30000);
    g.reserve(SERVER_NOW);
    g.answered(
        List.of(
            new WindowReading("hourly limit", 1000, 400, hourReset, true),
            new WindowReading("daily limit", 5000, 0, dayReset, true)));

    Decision d = g.reserve(SERVER_NOW);

    assertThat(d.reason()).isEqualTo("daily limit on tumblr");
    assertThat(d.until()).isAfter(dayReset);
    assertThat(d.until()).isBefore(dayReset.plusSeconds(3));
  }

  @Test
  void restoredWindowsFromAnEarlierRunAreHonoured() {
    RateGovernor g =
        new RateGovernor("f", calibrated(Duration.ZERO, SERVER_NOW), new SplittableRandom(1));
    g.restore(List.of(window(15, 0, SERVER_NOW.plusSeconds(100))));

    assertThat(g.reserve(SERVER_NOW).isGo()).isFalse();
    assertThat(g.reserve(SERVER_NOW.plusSeconds(101)).isGo()).isTrue();
  }
}
