package dev.latchkey.sandbox.internal.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FaultSpecTest {
  @Test
  void theIssuesExampleParses() {
    FaultSpec s =
        FaultSpec.parse(
            "500=0.05,503=0.02,reset=0.01,slow=0.05:2s,truncate=0.01,retry-after=30,"
                + "stream-disconnect=60s");
    assertThat(s.internalError()).isEqualTo(0.05);
    assertThat(s.overCapacity()).isEqualTo(0.02);
    assertThat(s.reset()).isEqualTo(0.01);
    assertThat(s.truncate()).isEqualTo(0.01);
    assertThat(s.slow()).isEqualTo(0.05);
    assertThat(s.slowBy()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.retryAfterSeconds()).hasValue(30);
    assertThat(s.streamDisconnect()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.seed()).isEmpty();
    assertThat(s.any()).isTrue();
  }

  @Test
  void percentagesMillisecondsSpacesAndASeedAreAccepted() {
    FaultSpec s = FaultSpec.parse(" 502 = 5% , 504=.5%, slow=100%:250ms, seed=-3 ");
    assertThat(s.badGateway()).isEqualTo(0.05);
    assertThat(s.gatewayTimeout()).isEqualTo(0.005);
    assertThat(s.slow()).isEqualTo(1.0);
    assertThat(s.slowBy()).isEqualTo(Duration.ofMillis(250));
    assertThat(s.seed()).hasValue(-3);
  }

  @Test
  void blankMeansNoFaults() {
    assertThat(FaultSpec.parse("").any()).isFalse();
    assertThat(FaultSpec.parse(null)).isEqualTo(FaultSpec.NONE);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "500=0.05,slow=0.1|bad fault 'slow=0.1': slow needs a share and a delay",
        "500=2|bad fault '500=2': a share is at most 1",
        "500=-1|bad fault '500=-1': a share is a number from 0 to 1",
        "501=0.1|bad fault '501=0.1': unknown fault '501'",
        "500|bad fault '500': expected NAME=VALUE",
        "500=0.1,,503=0.1|bad fault '': expected NAME=VALUE",
        "slow=0.1:2 seconds|bad fault 'slow=0.1:2 seconds': a duration is a whole number",
        "slow=0.1:2h|bad fault 'slow=0.1:2h': a duration is at most 1h",
        "stream-disconnect=0s|bad fault 'stream-disconnect=0s': stream-disconnect must be longer",
        "retry-after=soon|bad fault 'retry-after=soon': a duration is a whole number",
        "retry-after=86401|bad fault 'retry-after=86401': retry-after is at most 86400 seconds",
        "seed=x|bad fault 'seed=x': the seed must be a whole number",
        "500=0.1,500=0.2|bad fault '500=0.2': '500' is given twice",
        "500=0.6,reset=0.5|the shares of 500, 502, 503, 504, reset and truncate add up to more than 1"
      })
  void aBadSpecIsRefusedNamingTheBadPart(String spec, String message) {
    assertThatThrownBy(() -> FaultSpec.parse(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void anOverlongSpecIsRefused() {
    assertThatThrownBy(() -> FaultSpec.parse("500=0.1,".repeat(200)))
        .hasMessageContaining("longer than 1000 characters");
  }

  @Test
  void drawsArePureFunctionsOfSeedAndSequenceAndHonourTheShares() {
    FaultSpec spec = FaultSpec.parse("500=0.2,503=0.1,reset=0.1,slow=0.5:1s");
    FaultInjector a = new FaultInjector(spec, 11);
    FaultInjector b = new FaultInjector(spec, 11);
    FaultInjector c = new FaultInjector(spec, 12);
    int differ = 0;
    int[] counts = new int[FaultInjector.Kind.values().length];
    int slow = 0;
    int n = 20_000;
    for (long i = 0; i < n; i++) {
      FaultInjector.Fault f = a.draw(i);
      assertThat(b.draw(i)).isEqualTo(f);
      if (!c.draw(i).equals(f)) {
        differ++;
      }
      counts[f.kind().ordinal()]++;
      slow += f.delay().isZero() ? 0 : 1;
    }
    assertThat(differ).isGreaterThan(n / 4);
    assertThat(counts[FaultInjector.Kind.INTERNAL_ERROR.ordinal()]).isBetween(3700, 4300);
    assertThat(counts[FaultInjector.Kind.OVER_CAPACITY.ordinal()]).isBetween(1750, 2250);
    assertThat(counts[FaultInjector.Kind.RESET.ordinal()]).isBetween(1750, 2250);
    assertThat(counts[FaultInjector.Kind.BAD_GATEWAY.ordinal()]).isZero();
    assertThat(counts[FaultInjector.Kind.NONE.ordinal()]).isBetween(11_500, 12_500);
    assertThat(slow).isBetween(9500, 10_500);
  }

  @Test
  void theSpecsSeedOverridesTheSandboxSeed() {
    FaultSpec seeded = FaultSpec.parse("500=0.5,seed=99");
    FaultInjector one = new FaultInjector(seeded, 1);
    FaultInjector two = new FaultInjector(seeded, 2);
    for (long i = 0; i < 100; i++) {
      assertThat(one.draw(i)).isEqualTo(two.draw(i));
    }
  }
}
