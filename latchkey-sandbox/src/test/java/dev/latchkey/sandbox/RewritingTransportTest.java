package dev.latchkey.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client that signs for the real host and whose transport then rewrites the URL to the sandbox
 * (protocol-facts H.1 b): the sandbox must accept the signature made for the real host.
 */
class RewritingTransportTest {
  static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  /** Maps {@code https://api.x.com/...} to {@code <sandbox>/twitter/...}, as a transport would. */
  static URI rewrite(URI real) {
    return URI.create(sandbox.twitterBase() + real.getRawPath());
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://api.x.com", "https://api.twitter.com"})
  void signatureForTheRealHostIsAcceptedAfterRewriting(String origin) {
    URI real = URI.create(origin + "/1.1/account/verify_credentials.json");
    HttpResponse<String> r =
        SignedCall.get(rewrite(real))
            .signFor(real)
            .keys(sandbox.keys(SandboxPlatform.TWITTER))
            .send();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://api.x.com", "https://api.twitter.com"})
  void signedPostWithFormBodyForTheRealHostIsAccepted(String origin) {
    URI real = URI.create(origin + "/1.1/statuses/update.json");
    HttpResponse<String> r =
        SignedCall.post(rewrite(real))
            .signFor(real)
            .keys(sandbox.keys(SandboxPlatform.TWITTER))
            .query("include_entities", "true")
            .form("status", "Hello Ladies + Gentlemen, a signed OAuth request via " + origin)
            .send();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://api.x.com", "https://upload.x.com", "https://api.tumblr.com"})
  void signatureForAnyOtherOriginIsRejected(String origin) {
    URI real = URI.create(origin + "/1.1/account/verify_credentials.json");
    HttpResponse<String> r =
        SignedCall.get(rewrite(real))
            .signFor(real)
            .keys(sandbox.keys(SandboxPlatform.TWITTER))
            .send();
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("\"code\":32");
  }
}
