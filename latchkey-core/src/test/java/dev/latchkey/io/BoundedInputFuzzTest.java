package dev.latchkey.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latchkey.io.InputException.Kind;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

class BoundedInputFuzzTest {
  /** Ours accepts exactly what the JDK's strict decoder accepts, and names a real offset. */
  @FuzzTest(maxDuration = "60s")
  void decodingAgreesWithTheJdksStrictDecoder(byte[] data) {
    String expected;
    try {
      expected =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(data))
              .toString();
    } catch (CharacterCodingException e) {
      expected = null;
    }
    try {
      String got = BoundedInput.decodeUtf8(data, "input");
      assertThat(got).isEqualTo(expected);
    } catch (InputException e) {
      assertThat(expected).as("refused what the JDK accepts").isNull();
      assertThat(e.kind()).isEqualTo(Kind.NOT_UTF8);
      int offset = Integer.parseInt(e.getMessage().replaceAll(".*at offset ([0-9]+)\\).*", "$1"));
      assertThat(offset).isBetween(0, data.length - 1);
      assertThat(e.getMessage()).doesNotContain("\n");
    }
  }

  /** Whatever the chunks a stream delivers, the result is the whole input or a TOO_LARGE. */
  @FuzzTest(maxDuration = "60s")
  void aStreamIsReadWholeOrRefusedPastTheBound(FuzzedDataProvider data) {
    int bound = data.consumeInt(0, 20_000);
    int chunk = data.consumeInt(1, 5_000);
    byte[] content = data.consumeRemainingAsBytes();
    InputStream in =
        new ByteArrayInputStream(content) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk)); // short reads, like a pipe
          }
        };
    try {
      byte[] read = BoundedInput.readStream(in, bound, "standard input");
      assertThat(content.length).isLessThanOrEqualTo(bound);
      assertThat(read).isEqualTo(content);
    } catch (InputException e) {
      assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
      assertThat(content.length).isGreaterThan(bound);
    }
  }
}
