package dev.latchkey.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.platform.Hosts;
import dev.latchkey.platform.Platforms;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * Whatever a server or a person sends, the flows answer with a value or an {@link OAuth2Exception},
 * never another exception, and never quote the secret they sent.
 */
class OAuth2FuzzTest {
  private static final URI ENDPOINT = URI.create("https://api.example/2/oauth2/token");
  private static final String SECRET = "s3cr3t-client-secret-value";
  private static final AuthorizationRequest REQUEST =
      new AuthorizationCodeGrant(
              java.net.http.HttpClient.newBuilder().build(),
              Platforms.twitter().withHosts(Hosts.all(ENDPOINT)),
              OAuth2Client.publicClient("cid"),
              Clock.systemUTC(),
              new SecureRandom(new byte[] {1}))
          .request(URI.create("http://127.0.0.1:1/cb"), List.of("tweet.read"));

  @FuzzTest(maxDuration = "60s")
  void errorAnswersAlwaysBecomeOAuth2Exceptions(FuzzedDataProvider data) {
    int status = data.consumeInt(100, 599);
    String body = data.consumeRemainingAsString();
    JsonNode json = TokenEndpoint.parse(body.replace("SECRET", SECRET));
    OAuth2Exception e = TokenEndpoint.error(ENDPOINT, "testing", status, json, List.of(SECRET));
    assertThat(e.getMessage()).doesNotContain(SECRET);
    assertThat(e.getMessage()).doesNotContain("\n");
    assertThat(e.httpStatus()).isEqualTo(status);
  }

  @FuzzTest(maxDuration = "60s")
  void tokenAnswersAreReadOrRefused(FuzzedDataProvider data) {
    JsonNode json = TokenEndpoint.parse(data.consumeRemainingAsString());
    if (json == null || !json.isObject()) {
      return;
    }
    try {
      TokenResponse r = TokenEndpoint.tokenFrom(ENDPOINT, json, "testing");
      assertThat(r.accessToken().reveal()).isNotBlank();
      assertThat(r.tokenType()).isEqualTo("bearer");
      r.toOAuth2Token(Clock.systemUTC(), java.util.Set.of(), OAuth2Client.publicClient("cid"));
    } catch (OAuth2Exception expected) {
      assertThat(expected.error()).hasValue(OAuth2Exception.INVALID_RESPONSE);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void pastedRedirectsGiveACodeOrAnOAuth2Exception(FuzzedDataProvider data) {
    AuthorizationRequest req = REQUEST;
    String pasted = data.consumeRemainingAsString().replace("STATE", req.state());
    try {
      String code = AuthorizationCodeGrant.codeFromRedirect(req, pasted);
      assertThat(code).isNotBlank();
    } catch (OAuth2Exception expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
