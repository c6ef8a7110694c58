package dev.latchkey.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayCacheTest {
  @Test
  void secondUseOfTheSameCombinationIsAReplay() {
    ReplayCache cache = new ReplayCache(300);
    assertThat(cache.firstUse("ck", "tok", 1000, "n1", 1000)).isTrue();
    assertThat(cache.firstUse("ck", "tok", 1000, "n1", 1001)).isFalse();
    assertThat(cache.firstUse("ck", "tok", 1000, "n2", 1001)).isTrue();
    assertThat(cache.firstUse("ck", "other", 1000, "n1", 1001)).isTrue();
    assertThat(cache.firstUse("ck2", "tok", 1000, "n1", 1001)).isTrue();
  }

  @Test
  void fieldBoundariesCannotBeShiftedToCollide() {
    ReplayCache cache = new ReplayCache(300);
    assertThat(cache.firstUse("ab", "c", 1000, "n", 1000)).isTrue();
    assertThat(cache.firstUse("a", "bc", 1000, "n", 1000)).isTrue();
  }

  @Test
  void entriesExpireOnceTheirTimestampLeavesTheWindowSoTheCacheStaysBounded() {
    ReplayCache cache = new ReplayCache(300);
    for (int i = 0; i < 100_000; i++) {
      cache.firstUse("ck", "tok", 1000, "n" + i, 1000);
    }
    assertThat(cache.size()).isEqualTo(100_000);
    cache.firstUse("ck", "tok", 1302, "late", 1302);
    assertThat(cache.size()).isEqualTo(1);
  }
}
