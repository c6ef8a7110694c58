package dev.latchkey.oauth1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizationHeaderTest {

  @Test
  void formatSortsEncodesAndSeparatesWithCommaSpace() {
    String h =
        AuthorizationHeader.format(
            List.of(
                new Parameter("oauth_signature", "tnnArxj06cWHq44gCs1OSKk/jLY="),
                new Parameter("oauth_consumer_key", "xvz1evFS4wEEPTGEFPHBog"),
                new Parameter("oauth_callback", "http://localhost/cb?x=1")),
            null);
    assertThat(h)
        .isEqualTo(
            "OAuth oauth_callback=\"http%3A%2F%2Flocalhost%2Fcb%3Fx%3D1\", "
                + "oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\", "
                + "oauth_signature=\"tnnArxj06cWHq44gCs1OSKk%2FjLY%3D\"");
  }

  @Test
  void realmComesFirstAndIsNotEncoded() {
    assertThat(AuthorizationHeader.format(List.of(new Parameter("oauth_nonce", "n")), "Photos"))
        .isEqualTo("OAuth realm=\"Photos\", oauth_nonce=\"n\"");
    assertThatThrownBy(() -> AuthorizationHeader.format(List.of(), "a\"b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parseReadsOauthlibTwitterApiV2AndNodeOauthForms() {
    List<Parameter> expected =
        List.of(new Parameter("oauth_nonce", "abc"), new Parameter("oauth_signature", "a/b="));
    assertThat(
            AuthorizationHeaderParser.parse(
                "OAuth oauth_nonce=\"abc\", oauth_signature=\"a%2Fb%3D\""))
        .isEqualTo(expected);
    assertThat(
            AuthorizationHeaderParser.parse(
                "OAuth oauth_nonce=\"abc\",oauth_signature=\"a%2Fb%3D\""))
        .isEqualTo(expected);
    assertThat(
            AuthorizationHeaderParser.parse(
                "oauth   oauth_nonce=\"abc\" ,\toauth_signature=\"a%2Fb%3D\"  "))
        .isEqualTo(expected);
    assertThat(AuthorizationHeaderParser.parse("OAuth realm=\"Example\", oauth_nonce=\"abc\""))
        .containsExactly(new Parameter("realm", "Example"), new Parameter("oauth_nonce", "abc"));
  }

  @Test
  void formatThenParseGivesTheParametersBack() {
    List<Parameter> params =
        List.of(
            new Parameter("oauth_callback", "http://127.0.0.1:8/cb?state=a b"),
            new Parameter("oauth_nonce", "☃,\"="));
    assertThat(AuthorizationHeaderParser.parse(AuthorizationHeader.format(params, null)))
        .isEqualTo(params);
  }

  @Test
  void malformedHeadersAreRejectedWithoutQuotingThem() {
    for (String bad :
        List.of(
            "Bearer abc",
            "OAuthoauth_nonce=\"a\"",
            "OAuth oauth_nonce=abc",
            "OAuth oauth_nonce=\"abc",
            "OAuth oauth_nonce=\"a\" oauth_token=\"b\"",
            "OAuth =\"a\"",
            "OAuth oauth_nonce=\"%zz\"",
            "OAuth " + "x".repeat(9000))) {
      assertThatThrownBy(() -> AuthorizationHeaderParser.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("abc"));
    }
  }
}
