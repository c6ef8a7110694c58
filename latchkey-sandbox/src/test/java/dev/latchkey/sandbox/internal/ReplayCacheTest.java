package dev.latchkey.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReplayCacheTest {
  private static ReplayCache cache(long capacity) {
    return new ReplayCache(300, capacity, new SplittableRandom(7));
  }

  @Test
  void secondUseOfTheSameCombinationIsAReplay() {
    ReplayCache cache = new ReplayCache(300);
    assertThat(cache.firstUse("ck", "tok", 1000, "n1", 1000)).isTrue();
    assertThat(cache.firstUse("ck", "tok", 1000, "n1", 1001)).isFalse();
    assertThat(cache.firstUse("ck", "tok", 1000, "n2", 1001)).isTrue();
    assertThat(cache.firstUse("ck", "other", 1000, "n1", 1001)).isTrue();
    assertThat(cache.firstUse("ck2", "tok", 1000, "n1", 1001)).isTrue();
    assertThat(cache.firstUse("ck", "tok", 1001, "n1", 1001)).isTrue();
  }

  @Test
  void fieldBoundariesCannotBeShiftedToCollide() {
    ReplayCache cache = new ReplayCache(300);
    assertThat(cache.firstUse("ab", "c", 1000, "n", 1000)).isTrue();
    assertThat(cache.firstUse("a", "bc", 1000, "n", 1000)).isTrue();
    assertThat(cache.firstUse("a", "b", 1000, "cn", 1000)).isTrue();
  }

  @Test
  void everyNonceIsStillAReplayAfterTheTablesGrew() {
    ReplayCache cache = cache(1 << 20);
    for (int i = 0; i < 200_000; i++) {
      assertThat(cache.firstUse("ck", "tok", 1000 + i % 40, "n" + i, 1000)).isTrue();
    }
    for (int i = 0; i < 200_000; i++) {
      assertThat(cache.firstUse("ck", "tok", 1000 + i % 40, "n" + i, 1000)).isFalse();
    }
    assertThat(cache.size()).isEqualTo(200_000);
  }

  @Test
  void entriesExpireByBucketOnceTheirTimestampLeavesTheWindowSoTheCacheStaysBounded() {
    ReplayCache cache = new ReplayCache(300);
    for (int i = 0; i < 100_000; i++) {
      cache.firstUse("ck", "tok", 1000, "n" + i, 1000);
    }
    cache.firstUse("ck", "tok", 1020, "newer", 1020);
    assertThat(cache.size()).isEqualTo(100_001);
    // 1000 is in the bucket 1000-1009: kept while any of those could still be in the window.
    cache.firstUse("ck", "tok", 1309, "late", 1309);
    assertThat(cache.size()).isEqualTo(100_002);
    cache.firstUse("ck", "tok", 1310, "later", 1310);
    assertThat(cache.size()).isEqualTo(3);
  }

  @Test
  void aNonceCostsAtMostTwentyFourBytes() {
    ReplayCache cache = cache(1 << 22);
    int n = 1_000_000;
    for (int i = 0; i < n; i++) {
      cache.firstUse("consumer-key", "token", 1000 + i % 300, "nonce-" + i, 1000);
    }
    assertThat(cache.footprintBytes()).isLessThanOrEqualTo(24L * n);
  }

  @Test
  void aFullCacheRefusesNewNoncesWith503OverCapacityButStillSeesReplays() {
    ReplayCache cache = cache(3);
    assertThat(cache.firstUse("ck", "tok", 1000, "a", 1000)).isTrue();
    assertThat(cache.firstUse("ck", "tok", 1000, "b", 1000)).isTrue();
    assertThat(cache.firstUse("ck", "tok", 1000, "c", 1000)).isTrue();
    assertThatThrownBy(() -> cache.firstUse("ck", "tok", 1000, "d", 1000))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.code()).isEqualTo(130);
              assertThat(e.getMessage()).isEqualTo("Over capacity");
            });
    assertThat(cache.firstUse("ck", "tok", 1000, "a", 1000)).isFalse();
    // Room again once the old bucket has left the window.
    assertThat(cache.firstUse("ck", "tok", 1310, "d", 1310)).isTrue();
  }
}
