package dev.latchkey.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The scanner reads whatever is in a repository: any bytes must give findings or nothing, never an
 * exception, and a finding never carries a whole secret. The hook's digest file is read from the
 * git directory: any bytes are read or refused with {@link IllegalArgumentException}.
 */
class ScanFuzzTest {
  private static final LeakScanner SCANNER = LeakScannerTest.scanner();
  private static final SecretDigests DIGESTS =
      SecretDigests.of(KnownSecret.of(LeakScannerTest.alice()), new SecureRandom());

  @FuzzTest(maxDuration = "60s")
  void anyBytesScanWithoutFailing(byte[] data) {
    List<Finding> found = new ArrayList<>();
    SCANNER.scan(LeakScanner.Source.file("fuzz"), data, found::add);
    LeakScanner.create(DIGESTS, true).scan(LeakScanner.Source.file("fuzz"), data, found::add);
    for (Finding f : found) {
      assertThat(f.line()).isPositive();
      assertThat(f.toString())
          .doesNotContain(LeakScannerTest.SECRET)
          .doesNotContain(LeakScannerTest.TOKEN_SECRET)
          .doesNotContain(LeakScannerTest.BEARER);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void aDigestFileIsReadOrRefusedWithOneException(byte[] data) {
    try {
      SecretDigests.fromJson(data).size();
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).doesNotContain("\n");
    }
  }
}
