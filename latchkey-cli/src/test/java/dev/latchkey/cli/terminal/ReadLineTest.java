package dev.latchkey.cli.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * One line of typed input, from standard input or the terminal alike: strict UTF-8, bounded, and
 * refused with a message that names where it came from.
 */
class ReadLineTest {
  private static ByteArrayInputStream bytes(byte[] b) {
    return new ByteArrayInputStream(b);
  }

  @Test
  void aLineEndsAtItsNewlineWithoutACarriageReturn() {
    byte[] typed = "pässword\r\nnext\n".getBytes(StandardCharsets.UTF_8);
    assertThat(Terminal.readLine(bytes(typed), "the terminal"))
        .containsExactly("pässword".toCharArray());
  }

  @Test
  void theEndOfInputIsNull() {
    assertThat(Terminal.readLine(bytes(new byte[0]), "the terminal")).isNull();
  }

  @Test
  void aLineOver64KibIsRefusedNamingTheTerminal() {
    byte[] typed = new byte[(64 << 10) + 1];
    java.util.Arrays.fill(typed, (byte) 'a');
    assertThatThrownBy(() -> Terminal.readLine(bytes(typed), "the terminal"))
        .isInstanceOf(InputRefused.class)
        .hasMessageStartingWith("the terminal has a line longer than 64 KiB");
  }

  @Test
  void bytesThatAreNotUtf8AreRefusedNamingTheTerminal() {
    byte[] latin1 = "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> Terminal.readLine(bytes(latin1), "the terminal"))
        .isInstanceOf(InputRefused.class)
        .hasMessageContaining("the terminal");
  }
}
