package dev.latchkey.oauth1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.keychain.Secret;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OAuth1SignerTest {
  private static final OAuth1Credentials APP =
      new OAuth1Credentials(Secret.of("consumer-key"), Secret.of("consumer-secret"), null, null);

  @Test
  void secureRandomNoncesAreLongAlphanumericAndDistinct() {
    NonceSource nonces = NonceSource.secureRandom();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String n = nonces.next();
      assertThat(n).matches("[A-Za-z0-9]{32,43}");
      assertThat(seen.add(n)).isTrue();
    }
  }

  @Test
  void timestampComesFromTheInjectedClock() {
    OAuth1Signer signer =
        new OAuth1Signer(
            SignatureMethod.HMAC_SHA1,
            Clock.fixed(Instant.ofEpochSecond(1318622958), ZoneOffset.UTC),
            NonceSource.fixed("n1"));
    SignedRequest s =
        signer.sign(
            OAuth1Request.builder("get", URI.create("https://api.x.com/2/users/me")).build(), APP);
    assertThat(s.authorizationHeader())
        .contains("oauth_timestamp=\"1318622958\"")
        .contains("oauth_nonce=\"n1\"");
    assertThat(s.authorizationHeader()).doesNotContain("oauth_token=");
    assertThat(s.baseString()).startsWith("GET&https%3A%2F%2Fapi.x.com%2F2%2Fusers%2Fme&");
  }

  @Test
  void queryParametersAreSignedButNotSentInTheHeader() {
    OAuth1Signer signer =
        new OAuth1Signer(SignatureMethod.HMAC_SHA1, Clock.systemUTC(), NonceSource.fixed("n"));
    SignedRequest s =
        signer.sign(
            OAuth1Request.builder("GET", URI.create("https://api.x.com/1.1/x.json?q=a+b&q=c%21"))
                .build(),
            APP);
    assertThat(s.baseString()).contains("q%3Da%2520b%26q%3Dc%2521");
    assertThat(s.authorizationHeader()).doesNotContain("q=");
  }

  @Test
  void toStringShowsNoCredential() {
    OAuth1Credentials user =
        APP.withToken(Secret.of("the-access-token"), Secret.of("the-token-secret"));
    SignedRequest s =
        OAuth1Signer.create()
            .sign(OAuth1Request.builder("GET", URI.create("https://h/")).build(), user);
    assertThat(s.toString()).doesNotContain("consumer-key").doesNotContain("the-access-token");
    assertThat(user.toString())
        .doesNotContain("consumer-key")
        .doesNotContain("consumer-secret")
        .doesNotContain("the-access-token")
        .doesNotContain("the-token-secret");
  }

  @Test
  void tokenWithoutSecretIsRefused() {
    assertThatThrownBy(
            () -> new OAuth1Credentials(Secret.of("a"), Secret.of("b"), Secret.of("c"), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void relativeUriIsRefused() {
    assertThatThrownBy(() -> OAuth1Request.builder("GET", URI.create("/1.1/x.json")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
