package dev.latchkey.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.keychain.Secret;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequiredScopesTest {
  static final AccountId ALICE = AccountId.parse("twitter/alice");

  static OAuth2Token withScopes(String... scopes) {
    return new OAuth2Token(Secret.of("access-token"), null, null, Set.of(scopes), "cid");
  }

  @Test
  void usersMeNeedsTweetReadAndUsersRead() {
    assertThat(RequiredScopes.of("twitter", "get", "/2/users/me"))
        .hasValue(Set.of("tweet.read", "users.read"));
    assertThat(RequiredScopes.of("twitter", "GET", "/1.1/account/verify_credentials.json"))
        .isEmpty();
  }

  @Test
  void aMissingScopeIsNamedWithTheCommandThatAddsIt() {
    OAuth2Exception e =
        catchThrowableOfType(
            () ->
                RequiredScopes.check(
                    ALICE, withScopes("tweet.read", "offline.access"), "GET", "/2/users/me"),
            OAuth2Exception.class);

    assertThat(e.error()).hasValue(OAuth2Exception.INSUFFICIENT_SCOPE);
    assertThat(e.getMessage())
        .contains("lacks scope users.read", "GET /2/users/me")
        .contains(
            "latchkey auth twitter --oauth2 --scopes \"offline.access tweet.read users.read\"");
  }

  @Test
  void enoughScopesOrAnUnknownEndpointPass() {
    assertThatCode(
            () ->
                RequiredScopes.check(
                    ALICE, withScopes("tweet.read", "users.read"), "GET", "/2/users/me"))
        .doesNotThrowAnyException();
    assertThatCode(() -> RequiredScopes.check(ALICE, withScopes("x"), "GET", "/2/spaces"))
        .doesNotThrowAnyException();
  }
}
