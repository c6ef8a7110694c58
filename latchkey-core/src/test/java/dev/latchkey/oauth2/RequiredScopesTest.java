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

  @Test
  void theShortfallIsTheMissingScopesAndAllANewAuthorizationShouldAskFor() {
    RequiredScopes.Shortfall lacking =
        RequiredScopes.shortfall(
                withScopes("offline.access", "tweet.read"), Set.of("users.read", "tweet.read"))
            .orElseThrow();
    assertThat(lacking.missing()).containsExactly("users.read");
    assertThat(lacking.wanted()).containsExactly("offline.access", "tweet.read", "users.read");
    assertThat(RequiredScopes.shortfall(withScopes("tweet.read"), Set.of("tweet.read"))).isEmpty();
    assertThat(RequiredScopes.shortfall(withScopes(), Set.of("tweet.read")))
        .as("a token whose scopes were never reported: the platform decides")
        .isEmpty();
  }
}
