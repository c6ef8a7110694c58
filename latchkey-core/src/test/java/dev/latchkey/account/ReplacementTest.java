package dev.latchkey.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.BearerToken;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.keychain.Secret;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplacementTest {
  private static final AccountId ALICE = AccountId.parse("twitter/alice");
  private static final AppCredentials APP = AppCredentials.of("key-one", "secret-one");
  private static final AppCredentials OTHER_APP = AppCredentials.of("key-two", "secret-two");

  private static Account stored() {
    return Account.empty(ALICE)
        .withLabel("lab")
        .withApp(APP)
        .withOAuth1(OAuth1Token.of("token", "token-secret"))
        .withBearer(BearerToken.of("AAAA-bearer"))
        .withOAuth2(
            new OAuth2Token(
                Secret.of("access"),
                Secret.of("refresh"),
                Instant.parse("2030-01-01T00:00:00Z"),
                Set.of("tweet.read"),
                "client"));
  }

  @Test
  void aNewAccountIsAddedWithEverythingGiven() {
    Account incoming = Account.empty(ALICE).withApp(APP).withOAuth1(OAuth1Token.of("t", "s"));
    Replacement r = Replacement.of(null, incoming);
    assertThat(r.verb(false)).isEqualTo("added");
    assertThat(r.added()).containsExactly("app keys", "OAuth 1.0a user token");
    assertThat(r.summary()).isEmpty();
    assertThat(r.result()).isEqualTo(incoming);
  }

  @Test
  void theSameCredentialsAgainAreKeptAndTheAccountIsUnchanged() {
    Account incoming =
        Account.empty(ALICE).withApp(APP).withOAuth1(OAuth1Token.of("token", "token-secret"));
    Replacement r = Replacement.of(stored(), incoming);
    assertThat(r.verb(true)).isEqualTo("unchanged");
    assertThat(r.replacedSomething()).isFalse();
    assertThat(r.summary())
        .isEqualTo(
            "kept: app keys, OAuth 1.0a user token, app-only bearer token, OAuth 2 user token");
    assertThat(r.result().label()).isEqualTo("lab");
  }

  @Test
  void aNewUserTokenReplacesTheOldAndKeepsTheAppOnlyToken() {
    Account incoming = Account.empty(ALICE).withOAuth1(OAuth1Token.of("new", "new-secret"));
    Replacement r = Replacement.of(stored(), incoming);
    assertThat(r.verb(true)).isEqualTo("replaced");
    assertThat(r.replaced()).containsExactly("OAuth 1.0a user token");
    assertThat(r.kept()).contains("app keys", "app-only bearer token", "OAuth 2 user token");
    assertThat(r.result().oauth1().token().reveal()).isEqualTo("new");
  }

  @Test
  void otherAppKeysDropTheTokensIssuedToTheOldOnesButNotTheOAuth2Token() {
    Replacement r = Replacement.of(stored(), Account.empty(ALICE).withApp(OTHER_APP));
    assertThat(r.verb(true)).isEqualTo("replaced");
    assertThat(r.replaced()).containsExactly("app keys");
    assertThat(r.dropped())
        .containsExactly(
            "OAuth 1.0a user token (issued to the old app keys)",
            "app-only bearer token (of the old app keys)");
    assertThat(r.kept()).containsExactly("OAuth 2 user token");
    assertThat(r.result().oauth1()).isNull();
    assertThat(r.result().bearer()).isNull();
    assertThat(r.result().oauth2()).isNotNull();
  }

  @Test
  void onlyAddingToAnAccountIsAnUpdate() {
    Account before = Account.empty(ALICE).withApp(APP);
    Replacement r =
        Replacement.of(before, Account.empty(ALICE).withBearer(BearerToken.of("AAAA-new")));
    assertThat(r.verb(true)).isEqualTo("updated");
    assertThat(r.summary()).isEqualTo("added: app-only bearer token; kept: app keys");
  }
}
