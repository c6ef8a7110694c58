package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Whatever is typed as ACCOUNT, parsing either succeeds or gives a one-line usage error. */
class AccountRefFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void parsedAccountsRoundTripAndErrorsStayOnOneLine(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    AccountRef ref;
    try {
      ref = AccountRef.parse(text);
    } catch (TypeConversionException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContainPattern("\\p{Cntrl}");
      return;
    }
    assertThat(AccountRef.parse(ref.toString())).isEqualTo(ref);
    assertThat(ref.platform()).isEqualTo(ref.orDefaultName().platform());
  }

  @Test
  void platformAloneHasNoAccountAndIsLowerCased() {
    assertThat(AccountRef.parse("Twitter")).isEqualTo(new AccountRef("twitter", null));
  }

  @Test
  void controlCharactersInABadAccountAreNotEchoed() {
    assertThatThrownBy(() -> AccountRef.parse("twitter/a\nb"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("'a\\u000Ab'"); // escaped by the core's SafeText, not echoed
  }
}
