package dev.latchkey.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.scan.internal.AhoCorasick;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AhoCorasickTest {

  /** Seeded random texts over a small alphabet, so that patterns overlap and nest often. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void findsExactlyWhatANaiveSearchFinds(long seed) {
    Random random = new Random(seed);
    List<byte[]> patterns = new ArrayList<>();
    for (int i = 0; i < 1 + random.nextInt(30); i++) {
      patterns.add(randomBytes(random, 1 + random.nextInt(6)));
    }
    byte[] text = randomBytes(random, 2000);
    Set<String> expected = new HashSet<>();
    for (int p = 0; p < patterns.size(); p++) {
      byte[] pat = patterns.get(p);
      for (int i = 0; i + pat.length <= text.length; i++) {
        boolean match = true;
        for (int j = 0; j < pat.length && match; j++) {
          match = text[i + j] == pat[j];
        }
        if (match) {
          expected.add(p + "@" + (i + pat.length));
        }
      }
    }
    AhoCorasick ac = AhoCorasick.compile(patterns, false);
    Set<String> actual = new HashSet<>();
    // In two chunks, carrying the state across, as a stream is read.
    int state = ac.scan(text, 0, 777, ac.start(), 0, (p, end) -> actual.add(p + "@" + end));
    ac.scan(text, 777, text.length, state, 777, (p, end) -> actual.add(p + "@" + end));
    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"consumer_secret", "CONSUMER_SECRET", "Consumer_Secret"})
  void foldingMatchesEitherCaseOfLetters(String text) {
    AhoCorasick ac = AhoCorasick.compile(List.of("consumer_secret".getBytes()), true);
    List<Long> ends = new ArrayList<>();
    byte[] bytes = ("x " + text + " y").getBytes();
    ac.scan(bytes, 0, bytes.length, ac.start(), 0, (p, end) -> ends.add(end));
    assertThat(ends).containsExactly(17L);
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) ("abc\n".charAt(random.nextInt(4)));
    }
    return b;
  }
}
