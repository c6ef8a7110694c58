package dev.latchkey.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latchkey.platform.ErrorStyle;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Any error answer, however odd, becomes an {@link ApiException} with a one-line message. */
class ErrorParserFuzzTest {
  private static final String SECRET = "s3cretConsumerValue";
  private static final Platform ALL_STYLES =
      Platforms.twitter().toBuilder().errorStyle(ErrorStyle.TUMBLR_META).build();

  @FuzzTest(maxDuration = "60s")
  void anyErrorBodyBecomesAOneLineApiException(FuzzedDataProvider data) {
    int status = data.consumeInt(100, 599);
    String retryAfter = data.consumeBoolean() ? data.consumeString(40) : null;
    String body = data.consumeRemainingAsString();
    ApiException e =
        ErrorParser.parse(
            ALL_STYLES,
            "GET",
            URI.create("https://api.x.com/x"),
            status,
            body,
            retryAfter,
            null,
            Instant.EPOCH,
            List.of(SECRET));
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r").doesNotContain(SECRET);
    e.retryAfter().ifPresent(d -> assertThat(d.isNegative()).isFalse());
  }
}
