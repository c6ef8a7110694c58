package dev.latchkey.collect.internal;

import dev.latchkey.collect.governor.Decision;
import dev.latchkey.collect.governor.RateGovernor;
import dev.latchkey.collect.governor.WindowReading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The budget this process keeps alone: a {@link RateGovernor}, saved to the store now and then. */
record LocalPacer(RateGovernor governor) implements Pacer {
  @Override
  public String family() {
    return governor.family();
  }

  @Override
  public Decision reserve(Instant now) {
    return governor.reserve(now);
  }

  @Override
  public void answered(List<WindowReading> readings) {
    governor.answered(readings);
  }

  @Override
  public Decision rateLimited(
      Instant now, Optional<Duration> retryAfter, List<WindowReading> readings) {
    return governor.rateLimited(now, retryAfter, readings);
  }

  @Override
  public Optional<Decision> failed(Instant now, String why) {
    return governor.failed(now, why);
  }

  @Override
  public void released() {
    governor.released();
  }

  @Override
  public long refusedCount() {
    return governor.refusedCount();
  }

  @Override
  public List<WindowReading> snapshot() {
    return governor.snapshot();
  }

  @Override
  public Optional<WindowReading> tightest() {
    return governor.tightest();
  }
}
