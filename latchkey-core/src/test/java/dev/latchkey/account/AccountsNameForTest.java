package dev.latchkey.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.keychain.AccountId;
import org.junit.jupiter.api.Test;

class AccountsNameForTest {
  @Test
  void newCredentialsAreNamedAfterTheScreenNameThePlatformReported() {
    assertThat(Accounts.nameFor("twitter", "ada_sandbox"))
        .isEqualTo(AccountId.parse("twitter/ada_sandbox"));
    assertThat(Accounts.nameFor("tumblr", "ada-sandbox"))
        .isEqualTo(AccountId.parse("tumblr/ada-sandbox"));
  }

  @Test
  void withoutAUsableScreenNameTheyAreNamedDefault() {
    assertThat(Accounts.nameFor("twitter", null)).isEqualTo(AccountId.parse("twitter/default"));
    assertThat(Accounts.nameFor("twitter", "no/slashes here"))
        .isEqualTo(AccountId.parse("twitter/default"));
  }
}
