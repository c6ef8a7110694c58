package dev.latchkey.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.keychain.AccountId;
import org.junit.jupiter.api.Test;

class SafeTextTest {
  @Test
  void ordinaryTextIsShownAsIs() {
    assertThat(SafeText.forMessage("alice café 🔑")).isEqualTo("alice café 🔑");
    assertThat(SafeText.hasControlCharacters("alice café 🔑")).isFalse();
  }

  @Test
  void controlAndFormattingCharactersAreEscapedSoTheyCannotActOnTheTerminal() {
    String hostile = "a\nb\u001b[2Jc\u202eevil\u0000";
    assertThat(SafeText.forMessage(hostile))
        .isEqualTo("a\\u000Ab\\u001B[2Jc\\u202Eevil\\u0000")
        .doesNotContain("\n")
        .doesNotContain("\u001b");
    assertThat(SafeText.hasControlCharacters(hostile)).isTrue();
  }

  @Test
  void aLongValueIsCutSayingHowLongItWas() {
    String shown = SafeText.forMessage("x".repeat(100_000));
    assertThat(shown).isEqualTo("x".repeat(SafeText.SHOWN) + "…(100000 characters)");
  }

  @Test
  void anInvalidAccountNameIsEchoedShortAndHarmless() {
    assertThatThrownBy(() -> new AccountId("twitter", "n".repeat(100_000)))
        .hasMessageContaining("(100000 characters)")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(200));
    assertThatThrownBy(() -> AccountId.parse("twitter/\u001b]0;pwned\u0007"))
        .hasMessageContaining("\\u001B]0;pwned\\u0007")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b"));
    assertThatThrownBy(() -> AccountId.parse("no-slash-" + "y".repeat(5_000)))
        .hasMessageContaining("(5009 characters)");
  }
}
