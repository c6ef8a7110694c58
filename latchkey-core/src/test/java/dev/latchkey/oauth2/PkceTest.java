package dev.latchkey.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PkceTest {

  @Test
  void generatedVerifierIs64UnreservedCharactersAndDiffersEachTime() {
    SecureRandom random = new SecureRandom();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      Pkce p = Pkce.generate(random);
      assertThat(p.verifier()).hasSize(64).matches("[A-Za-z0-9._~-]+");
      assertThat(p.challenge()).isEqualTo(Pkce.s256(p.verifier())).hasSize(43);
      seen.add(p.verifier());
    }
    assertThat(seen).hasSize(50);
  }

  @Test
  void verifierOutsideRfc7636LengthOrAlphabetIsRejected() {
    assertThatThrownBy(() -> Pkce.fromVerifier("a".repeat(42)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("43 to 128");
    assertThatThrownBy(() -> Pkce.fromVerifier("a".repeat(129)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Pkce.fromVerifier("a".repeat(42) + "+"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("A-Z");
    assertThat(Pkce.fromVerifier("a".repeat(128)).verifier()).hasSize(128);
  }

  @Test
  void toStringShowsTheChallengeButNeverTheVerifier() {
    Pkce p = Pkce.generate(new SecureRandom());
    assertThat(p.toString()).contains(p.challenge()).doesNotContain(p.verifier());
  }

  @Test
  void basicHeaderFormEncodesIdAndSecretBeforeBase64() {
    // RFC 6749 §2.3.1: "a b" -> "a+b", "c:d" -> "c%3Ad"
    assertThat(TokenEndpoint.basicHeader("a b", "c:d"))
        .isEqualTo("Basic " + TokenEndpoint.basicCredentials("a+b", "c%3Ad"));
  }
}
