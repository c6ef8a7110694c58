package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latchkey.account.AccountReference;
import dev.latchkey.cli.session.AccountOption;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Whatever is typed as ACCOUNT, parsing either succeeds or gives a one-line usage error. */
class AccountOptionFuzzTest {
  private final AccountOption.Converter converter = new AccountOption.Converter();

  @FuzzTest(maxDuration = "60s")
  void parsedAccountsRoundTripAndErrorsStayOnOneLine(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    AccountReference ref;
    try {
      ref = converter.convert(text);
    } catch (TypeConversionException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContainPattern("\\p{Cntrl}");
      return;
    }
    assertThat(converter.convert(ref.toString())).isEqualTo(ref);
    assertThat(ref.platform() != null || ref.name() != null).isTrue();
  }

  @Test
  void platformAloneMeansItsDefaultAccountAndIsLowerCased() {
    AccountReference ref = converter.convert("Twitter");
    assertThat(ref.platform()).isEqualTo("twitter");
    assertThat(ref.isPlatformOnly()).isTrue();
  }

  @Test
  void aNameAloneIsKeptForTheKeychainToResolve() {
    AccountReference ref = converter.convert("brook_sandbox");
    assertThat(ref.platform()).isNull();
    assertThat(ref.name()).isEqualTo("brook_sandbox");
  }

  @Test
  void controlCharactersInABadAccountAreNotEchoed() {
    assertThatThrownBy(() -> converter.convert("twitter/a\nb"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("'a\\u000Ab'") // escaped by the core's SafeText, not echoed
        .hasMessageNotContaining("\n");
  }
}
