package dev.latchkey.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.oauth1.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OAuthHeaderTest {
  @Test
  void xDocsStyleIsParsedAndDecoded() throws Exception {
    List<Parameter> p =
        OAuthHeader.parse(
            "OAuth oauth_consumer_key=\"xvz1\", oauth_signature=\"tnnArxj06cWHq44gCs1OSKk%2FjLY%3D\","
                + " oauth_version=\"1.0\"");
    assertThat(p)
        .containsExactly(
            new Parameter("oauth_consumer_key", "xvz1"),
            new Parameter("oauth_signature", "tnnArxj06cWHq44gCs1OSKk/jLY="),
            new Parameter("oauth_version", "1.0"));
  }

  @Test
  void compactStyleWithoutSpacesIsParsed() throws Exception {
    assertThat(OAuthHeader.parse("OAuth a=\"1\",b=\"2\",oauth_signature=\"x\"")).hasSize(3);
  }

  @Test
  void schemeIsCaseInsensitiveAndTabsAreWhitespace() throws Exception {
    assertThat(OAuthHeader.parse("oauth\ta=\"1\",\tb=\"2\"")).hasSize(2);
  }

  @Test
  void realmIsDroppedAndPlusStaysAPlus() throws Exception {
    assertThat(OAuthHeader.parse("OAuth realm=\"Photos Inc\", oauth_signature=\"a+b\""))
        .containsExactly(new Parameter("oauth_signature", "a+b"));
  }

  @Test
  void emptyHeaderAfterTheSchemeHasNoParameters() throws Exception {
    assertThat(OAuthHeader.parse("OAuth")).isEmpty();
    assertThat(OAuthHeader.parse("OAuth   ")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer abc",
        "OAuthx a=\"1\"",
        "OAuth a=1",
        "OAuth a=\"1\" b=\"2\"",
        "OAuth a=\"1\",",
        "OAuth a=\"1\",,b=\"2\"",
        "OAuth a=\"1\", a=\"1\"",
        "OAuth a=\"1\", A=\"2\"",
        "OAuth a=\"%zz\"",
        "OAuth a=\"%4\"",
        "OAuth a=\"unterminated",
        "OAuth =\"1\"",
        "OAuth a = \"1\"",
        "OAuth a=\"ü\"",
        "OAuth a=\"x\\\"\""
      })
  void malformedHeadersAreRejected(String header) {
    assertThatThrownBy(() -> OAuthHeader.parse(header)).isInstanceOf(OAuthHeaderException.class);
  }

  @Test
  void rejectionMessagesNeverQuoteValues() {
    assertThatThrownBy(() -> OAuthHeader.parse("OAuth oauth_token=\"SECRETVALUE%zz\""))
        .isInstanceOf(OAuthHeaderException.class)
        .message()
        .doesNotContain("SECRETVALUE");
  }

  @Test
  void overlongHeaderIsRejected() {
    assertThatThrownBy(() -> OAuthHeader.parse("OAuth a=\"" + "x".repeat(9000) + "\""))
        .isInstanceOf(OAuthHeaderException.class);
  }
}
