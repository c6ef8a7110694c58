package dev.latchkey.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The error tables against {@code errors.tsv}: each platform answer (status, codes, problem, OAuth
 * 2 error, endpoint) and what it means. One dynamic test per row.
 */
class ErrorTableTest {
  private static final Platforms PLATFORMS = Platforms.builtIn();

  @TestFactory
  Stream<DynamicTest> eachAnswerMeansWhatTheTableSays() throws IOException {
    return EndpointTableTest.rows("errors.tsv")
        .map(
            r ->
                dynamicTest(
                    String.join(" ", r),
                    () -> {
                      List<Integer> codes =
                          r[2].equals("-")
                              ? List.of()
                              : Arrays.stream(r[2].split(",")).map(Integer::valueOf).toList();
                      ProblemKind kind =
                          PLATFORMS
                              .get(r[0])
                              .problem(
                                  Integer.parseInt(r[1]),
                                  codes,
                                  dash(r[3]),
                                  dash(r[4]),
                                  dash(r[5]),
                                  dash(r[6]));
                      assertThat(kind).isEqualTo(ProblemKind.valueOf(r[7]));
                    }));
  }

  private static String dash(String s) {
    return s.equals("-") ? null : s;
  }
}
