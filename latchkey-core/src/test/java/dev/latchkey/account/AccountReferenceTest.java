package dev.latchkey.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountReferenceTest {
  static final List<String> PLATFORMS = List.of("twitter", "tumblr");

  @TempDir Path home;
  Keychain keychain;

  @BeforeEach
  void open() throws Exception {
    keychain =
        Keychain.open(
            KeychainOptions.builder(home.resolve("keychain.json"), c -> new char[0])
                .insecurePlaintext(true)
                .createIfMissing(true)
                .build());
    for (String id : List.of("twitter/alice", "twitter/brook", "tumblr/brook", "tumblr/blog")) {
      keychain.add(Account.empty(AccountId.parse(id)));
    }
  }

  @AfterEach
  void close() {
    keychain.close();
  }

  AccountId resolve(String text, String hint) throws AccountException {
    return AccountReference.parse(text, PLATFORMS).resolve(keychain, hint);
  }

  @Test
  void aNameAloneIsTheOneAccountHoldingIt() throws Exception {
    assertThat(resolve("alice", null)).isEqualTo(AccountId.parse("twitter/alice"));
    assertThat(resolve("blog", null)).isEqualTo(AccountId.parse("tumblr/blog"));
  }

  @Test
  void aNameTwoPlatformsHoldNeedsItsPlatformAndSaysSo() {
    AccountException e = catchThrowableOfType(() -> resolve("brook", null), AccountException.class);
    assertThat(e.getMessage())
        .isEqualTo("brook names accounts on tumblr and twitter; say which, like tumblr/brook");
  }

  @Test
  void theCommandsPlatformDecidesForANameAlone() throws Exception {
    assertThat(resolve("brook", "twitter")).isEqualTo(AccountId.parse("twitter/brook"));
    assertThat(resolve("twitter/brook", "twitter")).isEqualTo(AccountId.parse("twitter/brook"));
    AccountException e =
        catchThrowableOfType(() -> resolve("tumblr/brook", "twitter"), AccountException.class);
    assertThat(e.getMessage())
        .isEqualTo("tumblr/brook is not a twitter account; name one like twitter/NAME");
  }

  @Test
  void aPlatformAloneIsItsDefaultAccount() throws Exception {
    assertThat(resolve("twitter", null)).isEqualTo(AccountId.parse("twitter/alice"));
    assertThat(resolve("TUMBLR", null)).isEqualTo(AccountId.parse("tumblr/brook"));
  }

  @Test
  void aMissingAccountIsNamedWithWhereToLook() {
    AccountException e =
        catchThrowableOfType(() -> resolve("twitter/zed", null), AccountException.class);
    assertThat(e.getMessage())
        .isEqualTo("there is no account twitter/zed; see: latchkey keys list");
    assertThat(catchThrowableOfType(() -> resolve("zed", null), AccountException.class))
        .hasMessage("there is no account named zed; see: latchkey keys list");
  }

  @Test
  void aTargetTakesItsPlatformFromTheCommandAndRefusesAnother() {
    assertThat(AccountReference.parse("brook", PLATFORMS).target("twitter", "default"))
        .isEqualTo(AccountId.parse("twitter/brook"));
    assertThat(AccountReference.parse("twitter", PLATFORMS).target(null, "default"))
        .isEqualTo(AccountId.parse("twitter/default"));
    assertThatThrownBy(() -> AccountReference.parse("tumblr/x", PLATFORMS).target("twitter", "d"))
        .hasMessage("tumblr/x is not a twitter account; name one like twitter/NAME");
    assertThatThrownBy(() -> AccountReference.parse("brook", PLATFORMS).target(null, "d"))
        .hasMessage("say which platform brook is on, like twitter/brook");
  }

  @Test
  void badTextIsRefusedOnOneLine() {
    assertThatThrownBy(() -> AccountReference.parse("twitter/a b\nc", PLATFORMS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("\n")
        .hasMessageContaining("PLATFORM/NAME");
  }
}
