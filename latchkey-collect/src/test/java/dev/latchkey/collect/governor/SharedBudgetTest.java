package dev.latchkey.collect.governor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SharedBudgetTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Instant RESET = NOW.plusSeconds(60);
  private static final String FAMILY = "/2/users/:id/tweets";

  /** A server clock that knows the server's time is the local time (as after a Date header). */
  private static ServerClock exact() {
    ServerClock c = new ServerClock();
    c.observe(NOW.minusSeconds(5), NOW.minusSeconds(5), NOW.minusSeconds(5));
    return c;
  }

  private static SharedBudget.Window window(String name, long limit, long remaining) {
    return new SharedBudget.Window(name, limit, remaining, RESET, false, false, 0);
  }

  private static SharedBudget.Window only(SharedBudget b) {
    assertThat(b.windows()).hasSize(1);
    return b.windows().get(0);
  }

  @Test
  void aBudgetKeptForOtherLimitsGivesWayToTheAnswers() {
    // The store kept a window of a million until a reset 15 minutes away; the platform now
    // allows 5 a minute.
    SharedBudget b =
        new SharedBudget(
            List.of(
                new SharedBudget.Window(
                    "rate limit", 1_000_000, 999_000, NOW.plusSeconds(900), false, false, 0)),
            0);
    assertThat(b.reserve(FAMILY, NOW, exact(), new SplittableRandom(1)).isGo()).isTrue();

    b.answered(List.of(new WindowReading("rate limit", 5, 3, RESET, false)));

    assertThat(only(b).limit()).isEqualTo(5);
    assertThat(only(b).remaining()).isEqualTo(3);
    assertThat(only(b).reset()).isEqualTo(RESET);
  }

  @Test
  void aRefusalTheBudgetCannotExplainSpendsTheWindowUntilTheResetItReports() {
    SharedBudget b =
        new SharedBudget(
            List.of(
                new SharedBudget.Window("rate limit", 5, 4, NOW.plusSeconds(900), false, false, 0)),
            0);
    assertThat(b.reserve(FAMILY, NOW, exact(), new SplittableRandom(1)).isGo()).isTrue();

    assertThat(b.rateLimited(List.of(new WindowReading("rate limit", 5, 0, RESET, false))))
        .isTrue();

    assertThat(only(b).remaining()).isZero();
    assertThat(only(b).reset()).isEqualTo(RESET);
    Decision d = b.reserve(FAMILY, NOW, exact(), new SplittableRandom(1));
    assertThat(d.isGo()).isFalse();
    assertThat(d.until()).isEqualTo(RESET);
  }

  @Test
  void untilAFirstAnswerOneRequestAtATimeProbesTheLimits() {
    SplittableRandom random = new SplittableRandom(3);
    SharedBudget empty = new SharedBudget(List.of(), 0, false);
    assertThat(empty.reserve(FAMILY, NOW, exact(), random).isGo()).isTrue();
    assertThat(empty.reserve(FAMILY, NOW, exact(), random).isGo()).isFalse();

    SharedBudget another = new SharedBudget(List.of(), 1, false); // a worker's probe in flight
    Decision d = another.reserve(FAMILY, NOW, exact(), random);
    assertThat(d.isGo()).isFalse();
    assertThat(d.reason()).contains("not known yet");

    another.answered(List.of()); // an answer without limits: no more probing
    assertThat(another.answeredBefore()).isTrue();
    assertThat(new SharedBudget(List.of(), 5, true).reserve(FAMILY, NOW, exact(), random).isGo())
        .isTrue();
  }

  @Test
  void aReservationTakesOneFromEveryWindowOfTheFamily() {
    SharedBudget b =
        new SharedBudget(
            List.of(window("rate limit", 900, 5), window("24-hour app cap", 10000, 70)), 0);

    Decision d = b.reserve(FAMILY, NOW, exact(), new SplittableRandom(1));

    assertThat(d.isGo()).isTrue();
    assertThat(b.windows()).extracting(SharedBudget.Window::remaining).containsExactly(4L, 69L);
    assertThat(b.flightChange()).isOne();
  }

  @Test
  void oneSpentWindowHoldsTheRequestAndTakesNothingFromTheOthers() {
    SharedBudget b =
        new SharedBudget(
            List.of(window("rate limit", 900, 5), window("24-hour app cap", 10000, 0)), 0);

    Decision d = b.reserve(FAMILY, NOW, exact(), new SplittableRandom(1));

    assertThat(d.isGo()).isFalse();
    assertThat(d.until()).isEqualTo(RESET);
    assertThat(d.reason()).isEqualTo("24-hour app cap on " + FAMILY);
    assertThat(b.windows().get(0).remaining()).isEqualTo(5);
    assertThat(b.flightChange()).isZero();
  }

  @Test
  void waitersWakeOneAfterAnotherTheFirstExactlyAtTheReset() {
    SharedBudget.Window spent = window("rate limit", 5, 0);
    SplittableRandom random = new SplittableRandom(7);
    Instant previous = null;
    for (int ticket = 0; ticket < 6; ticket++) {
      SharedBudget b = new SharedBudget(List.of(spent), 0);
      Decision d = b.reserve(FAMILY, NOW, exact(), random);
      spent = only(b);

      assertThat(spent.tickets()).isEqualTo(ticket + 1);
      if (ticket == 0) {
        assertThat(d.until()).isEqualTo(RESET);
      } else {
        assertThat(d.until())
            .isAfter(previous)
            .isAfterOrEqualTo(RESET.plus(SharedBudget.STAGGER.multipliedBy(ticket)))
            .isBefore(RESET.plus(SharedBudget.STAGGER.multipliedBy(ticket + 1)));
      }
      previous = d.until();
    }
  }

  @Test
  void staggeredWakesStayWithinTheLongestStagger() {
    SharedBudget b =
        new SharedBudget(
            List.of(new SharedBudget.Window("rate limit", 5, 0, RESET, false, false, 5000)), 0);

    Decision d = b.reserve(FAMILY, NOW, exact(), new SplittableRandom(3));

    assertThat(d.until()).isBeforeOrEqualTo(RESET.plus(SharedBudget.MAX_STAGGER));
  }

  @Test
  void aWindowPastItsResetStartsAgainAtItsLimitLessEveryRequestInFlight() {
    SharedBudget b = new SharedBudget(List.of(window("rate limit", 5, 0)), 2);

    Decision d = b.reserve(FAMILY, RESET, exact(), new SplittableRandom(1));

    assertThat(d.isGo()).isTrue();
    SharedBudget.Window w = only(b);
    assertThat(w.fresh()).isTrue();
    assertThat(w.remaining()).isEqualTo(5 - 2 - 1);
    assertThat(w.tickets()).isZero();
  }

  @Test
  void aRenewedWindowAllInFlightWaitsBrieflyForAnAnswerToTellItsReset() {
    SharedBudget b =
        new SharedBudget(
            List.of(new SharedBudget.Window("rate limit", 5, 0, RESET, false, true, 0)), 5);

    Decision d = b.reserve(FAMILY, RESET.plusMillis(10), exact(), new SplittableRandom(1));

    assertThat(d.isGo()).isFalse();
    assertThat(d.until()).isBetween(RESET.plusMillis(110), RESET.plusMillis(160));
  }

  @Test
  void anAnswerOnlyLowersWhatIsLeftInItsWindow() {
    SharedBudget b = new SharedBudget(List.of(window("rate limit", 900, 30)), 4);

    b.answered(List.of(new WindowReading("rate limit", 900, 100, RESET, false)));
    assertThat(only(b).remaining()).isEqualTo(30);
    b.answered(List.of(new WindowReading("rate limit", 900, 12, RESET, false)));
    assertThat(only(b).remaining()).isEqualTo(12);
    assertThat(b.flightChange()).isEqualTo(-2);
  }

  @Test
  void anAnswerFromAWindowTheBudgetDidNotKnowCountsTheOtherRequestsInFlightAsSpent() {
    SharedBudget b = new SharedBudget(List.of(window("rate limit", 900, 0)), 4);

    b.answered(List.of(new WindowReading("rate limit", 900, 899, RESET.plusSeconds(900), false)));

    SharedBudget.Window w = only(b);
    assertThat(w.reset()).isEqualTo(RESET.plusSeconds(900));
    assertThat(w.remaining()).isEqualTo(899 - 3);
    assertThat(w.fresh()).isFalse();
  }

  @Test
  void theFirstAnswerCreatesTheWindowLessTheOtherRequestsInFlight() {
    SharedBudget b = new SharedBudget(List.of(), 3);

    b.answered(List.of(new WindowReading("rate limit", 5, 4, RESET, false)));

    assertThat(only(b).remaining()).isEqualTo(2);
  }

  @Test
  void aLateAnswerFromTheWindowThatEndedChangesNothing() {
    SharedBudget b =
        new SharedBudget(
            List.of(new SharedBudget.Window("rate limit", 5, 4, RESET, false, true, 0)), 1);

    b.answered(List.of(new WindowReading("rate limit", 5, 0, RESET, false)));

    assertThat(only(b).remaining()).isEqualTo(4);
    assertThat(only(b).fresh()).isTrue();
  }

  @Test
  void a429ForAWindowThoughtRenewedMakesItSpentForEveryWorkerUntilItsReset() {
    SharedBudget b =
        new SharedBudget(
            List.of(new SharedBudget.Window("rate limit", 5, 4, RESET, false, true, 0)), 1);

    boolean explained = b.rateLimited(List.of(new WindowReading("rate limit", 5, 0, RESET, false)));

    assertThat(explained).isTrue();
    assertThat(only(b).remaining()).isZero();
    assertThat(only(b).fresh()).isFalse();
    assertThat(b.reserve(FAMILY, NOW, exact(), new SplittableRandom(1)).until()).isEqualTo(RESET);
  }

  @Test
  void a429WithRequestsLeftIsNotExplained() {
    SharedBudget b = new SharedBudget(List.of(window("rate limit", 900, 500)), 1);

    assertThat(b.rateLimited(List.of(new WindowReading("rate limit", 900, 480, RESET, false))))
        .isFalse();
    assertThat(b.rateLimited(List.of())).isFalse();
  }

  @Test
  void aLocalClockBehindTheServerWaitsOnTheServersClock() {
    ServerClock behind = new ServerClock();
    // Answers stamped 30 s ahead of the local clock: the server is 30 to 31 s ahead.
    behind.observe(NOW.plusSeconds(30), NOW, NOW);
    SharedBudget b = new SharedBudget(List.of(window("rate limit", 5, 0)), 0);

    Decision d = b.reserve(FAMILY, NOW, behind, new SplittableRandom(1));

    assertThat(d.until()).isEqualTo(RESET.minusSeconds(30));
  }
}
