package dev.latchkey.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretDigestsTest {
  private final SecretDigests digests =
      SecretDigests.of(KnownSecret.of(LeakScannerTest.alice()), new SecureRandom());

  private List<Finding> scan(String text) {
    List<Finding> out = new ArrayList<>();
    LeakScanner.create(SecretDigests.fromJson(digests.toJson()), false)
        .scan(LeakScanner.Source.file("f"), text.getBytes(StandardCharsets.UTF_8), out::add);
    return out;
  }

  @Test
  void theFileFormFindsRawAndEncodedSecretsOnTheirLines() {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                ("x" + LeakScannerTest.KEY + ":" + LeakScannerTest.SECRET)
                    .getBytes(StandardCharsets.UTF_8));
    List<Finding> found =
        scan("a\nb " + LeakScannerTest.TOKEN_SECRET + " c\nAuthorization: Basic " + basic + "\n");
    assertThat(found)
        .extracting(Finding::line, Finding::holders)
        .contains(
            org.assertj.core.groups.Tuple.tuple(2L, "twitter/alice access token secret"),
            org.assertj.core.groups.Tuple.tuple(3L, "twitter/alice consumer secret"));
  }

  @Test
  void theFileHoldsNoSecretNorAnyWindowOfOne() {
    String json = new String(digests.toJson(), StandardCharsets.UTF_8);
    for (String s :
        List.of(
            LeakScannerTest.KEY,
            LeakScannerTest.SECRET,
            LeakScannerTest.TOKEN,
            LeakScannerTest.TOKEN_SECRET,
            LeakScannerTest.BEARER)) {
      for (int i = 0; i + 8 <= s.length(); i++) {
        assertThat(json).doesNotContain(s.substring(i, i + 8));
      }
    }
    assertThat(json).contains("twitter/alice");
  }

  @Test
  void aSaltedDigestFromAnotherInstallDoesNotMatch() {
    SecretDigests other =
        SecretDigests.of(KnownSecret.of(LeakScannerTest.alice()), new SecureRandom());
    assertThat(new String(other.toJson(), StandardCharsets.UTF_8))
        .isNotEqualTo(new String(digests.toJson(), StandardCharsets.UTF_8));
    assertThat(scan("nothing secret here, just text of some length")).isEmpty();
  }

  @Test
  void aDamagedFileIsRefused() {
    assertThatThrownBy(() -> SecretDigests.fromJson("{\"version\":2}".getBytes()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SecretDigests.fromJson("not json".getBytes()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
