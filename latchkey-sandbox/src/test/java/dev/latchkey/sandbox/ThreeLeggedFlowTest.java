package dev.latchkey.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ThreeLeggedFlowTest {
  static Sandbox sandbox;
  static SandboxKeys twitter;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults());
    twitter = sandbox.keys(SandboxPlatform.TWITTER);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void pinFlowGivesAUserTokenThatVerifiesCredentials() {
    URI base = sandbox.twitterBase();
    HttpResponse<String> rt =
        SignedCall.post(URI.create(base + "/oauth/request_token"))
            .consumer(twitter.consumerKey(), twitter.consumerSecret())
            .oauth("oauth_callback", "oob")
            .send();
    assertThat(rt.statusCode()).as(rt.body()).isEqualTo(200);
    // Jetty writes the type without the space: text/html;charset=utf-8 (clients parse both).
    assertThat(rt.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
        .isEqualTo("text/html;charset=utf-8");
    assertThat(rt.headers().firstValue("x-rate-limit-remaining")).isPresent();
    Map<String, String> temp = Browser.form(rt.body());
    assertThat(temp).containsEntry("oauth_callback_confirmed", "true");

    URI authorize = Browser.authorizeUrl(base, temp.get("oauth_token"));
    HttpResponse<String> page = Browser.open(authorize);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"oauth_form\"", "id=\"allow\"", "id=\"cancel\"");
    SandboxUser second = sandbox.users(SandboxPlatform.TWITTER).get(1);
    String pin =
        Browser.pin(
            Browser.submit(authorize, temp.get("oauth_token"), Long.toString(second.id()), true));
    assertThat(pin).matches("[0-9]{7}");

    HttpResponse<String> at =
        SignedCall.post(URI.create(base + "/oauth/access_token"))
            .consumer(twitter.consumerKey(), twitter.consumerSecret())
            .token(temp.get("oauth_token"), temp.get("oauth_token_secret"))
            .oauth("oauth_verifier", pin)
            .send();
    assertThat(at.statusCode()).as(at.body()).isEqualTo(200);
    Map<String, String> token = Browser.form(at.body());
    assertThat(token.get("oauth_token")).startsWith(second.id() + "-");
    assertThat(token).containsEntry("screen_name", second.screenName());

    HttpResponse<String> me =
        SignedCall.get(URI.create(base + "/1.1/account/verify_credentials.json"))
            .consumer(twitter.consumerKey(), twitter.consumerSecret())
            .token(token.get("oauth_token"), token.get("oauth_token_secret"))
            .send();
    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    assertThat(me.body()).contains("\"screen_name\":\"" + second.screenName() + "\"");
    assertThat(me.headers().firstValue("x-access-level")).hasValue("read-write");
    assertThat(me.headers().firstValue("x-rate-limit-limit")).hasValue("75");
  }

  @Test
  void approveHookScriptsConsentWithoutHtml() {
    URI base = sandbox.tumblrBase();
    SandboxKeys tumblr = sandbox.keys(SandboxPlatform.TUMBLR);
    Map<String, String> temp =
        Browser.form(
            SignedCall.post(URI.create(base + "/oauth/request_token"))
                .consumer(tumblr.consumerKey(), tumblr.consumerSecret())
                .oauth("oauth_callback", "oob")
                .send()
                .body());
    SandboxUser user = sandbox.users(SandboxPlatform.TUMBLR).get(1);
    String pin =
        sandbox.approve(SandboxPlatform.TUMBLR, temp.get("oauth_token"), user.screenName());
    assertThat(pin).matches("[0-9]{7}");
    assertThatThrownBy(
            () ->
                sandbox.approve(SandboxPlatform.TUMBLR, temp.get("oauth_token"), user.screenName()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already used");
    HttpResponse<String> at =
        SignedCall.post(URI.create(base + "/oauth/access_token"))
            .consumer(tumblr.consumerKey(), tumblr.consumerSecret())
            .token(temp.get("oauth_token"), temp.get("oauth_token_secret"))
            .oauth("oauth_verifier", pin)
            .send();
    assertThat(at.statusCode()).as(at.body()).isEqualTo(200);
  }

  @Test
  void signatureIsComparedInConstantTimeOverDecodedBytes() throws Exception {
    Path source = Path.of("src/main/java/dev/latchkey/sandbox/internal/OAuth1Verifier.java");
    String code = Files.readString(source);
    assertThat(code)
        .contains("MessageDigest.isEqual(expected, claimed)")
        .contains("Base64.getDecoder().decode")
        .doesNotContain("Arrays.equals")
        .doesNotContain(".equals(signature");
  }
}
