package dev.latchkey.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.sandbox.SignedCall.Style;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way an OAuth 1.0a request can be wrong, with X's exact status and code. */
class TwitterOAuth1RejectionTest {
  static final long NOW = Instant.now().getEpochSecond();
  static final int WINDOW = 300;
  static Sandbox sandbox;
  static SandboxKeys keys;
  static URI verify;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    sandbox =
        Sandbox.start(
            SandboxOptions.builder()
                .clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC))
                .timestampWindow(Duration.ofSeconds(WINDOW))
                .build());
    keys = sandbox.keys(SandboxPlatform.TWITTER);
    verify = URI.create(sandbox.twitterBase() + "/1.1/account/verify_credentials.json");
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static SignedCall call() {
    return SignedCall.get(verify).keys(keys).timestamp(NOW);
  }

  static void assertError(HttpResponse<String> r, int status, int code) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    try {
      JsonNode error = JSON.readTree(r.body()).get("errors").get(0);
      assertThat(error.get("code").asInt()).as(r.body()).isEqualTo(code);
    } catch (java.io.IOException e) {
      throw new AssertionError(r.body(), e);
    }
    assertThat(r.headers().firstValue("x-rate-limit-limit")).isPresent();
  }

  @ParameterizedTest
  @EnumSource(Style.class)
  void everyHeaderStyleRealClientsSendIsAccepted(Style style) {
    HttpResponse<String> r = call().style(style).send();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void headerWithoutVersionIsAccepted() {
    assertThat(call().oauth("oauth_version", null).send().statusCode()).isEqualTo(200);
  }

  @Test
  void protocolParametersInTheQueryAreAccepted() {
    HttpResponse<String> r =
        SignedCall.get(verify)
            .keys(keys)
            .timestamp(NOW)
            .oauthInQuery("oauth_callback", "oob")
            .send();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void missingAuthorizationIsRejectedWith400Code215() {
    HttpResponse<String> r =
        SignedCall.send(java.net.http.HttpRequest.newBuilder(verify).GET().build());
    assertError(r, 400, 215);
  }

  @Test
  void unknownBearerOnAnApiEndpointIsRejectedWith401Code89() {
    HttpResponse<String> r =
        SignedCall.send(
            java.net.http.HttpRequest.newBuilder(verify)
                .header("Authorization", "Bearer AAAA")
                .GET()
                .build());
    assertError(r, 401, 89); // protocol-facts C: a bad or revoked bearer is 401/89
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "oauth_consumer_key",
        "oauth_signature_method",
        "oauth_timestamp",
        "oauth_nonce",
        "oauth_token"
      })
  void missingRequiredParameterIsRejectedWith400Code215(String name) {
    assertError(call().oauth(name, null).send(), 400, 215);
  }

  @Test
  void missingSignatureIsRejectedWith400Code215() {
    assertError(
        call().rewriteHeader(h -> h.replaceAll(",? ?oauth_signature=\"[^\"]*\"", "")).send(),
        400,
        215);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PLAINTEXT", "HMAC-SHA256", "RSA-SHA1", "hmac-sha1"})
  void unsupportedSignatureMethodIsRejectedWith400Code215(String method) {
    assertError(call().oauth("oauth_signature_method", method).send(), 400, 215);
  }

  @Test
  void versionOtherThan10IsRejectedWith400Code215() {
    assertError(call().oauth("oauth_version", "2.0").send(), 400, 215);
  }

  @Test
  void parameterRepeatedInsideTheHeaderIsRejectedWith400Code215() {
    assertError(call().rewriteHeader(h -> h + ", oauth_nonce=\"again\"").send(), 400, 215);
  }

  @Test
  void sameProtocolParameterInHeaderAndQueryWithSameValueIsDroppedAndAccepted() {
    // twitter-api-v2 sends oauth_token in the header and the body but signs it once.
    HttpResponse<String> r =
        SignedCall.post(URI.create(sandbox.twitterBase() + "/1.1/statuses/update.json"))
            .keys(keys)
            .timestamp(NOW)
            .form("status", "hello")
            .oauthInForm("oauth_token", keys.accessToken())
            .send();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void sameProtocolParameterWithDifferentValuesIsRejectedWith400Code215() {
    HttpResponse<String> r =
        SignedCall.get(verify).keys(keys).timestamp(NOW).rewriteHeader(h -> h).send();
    assertThat(r.statusCode()).isEqualTo(200);
    HttpResponse<String> conflicting =
        SignedCall.get(URI.create(verify + "?oauth_nonce=other")).keys(keys).timestamp(NOW).send();
    assertError(conflicting, 400, 215);
  }

  @Test
  void malformedHeaderIsRejectedWith400Code215() {
    assertError(call().rewriteHeader(h -> h.replace("=\"", "=")).send(), 400, 215);
  }

  @ParameterizedTest
  @ValueSource(longs = {WINDOW + 1, -(WINDOW + 1), 100_000})
  void timestampOutsideTheWindowIsRejectedWith401Code135(long offset) {
    HttpResponse<String> r = call().timestamp(NOW + offset).send();
    assertError(r, 401, 135);
    assertThat(r.body()).contains("Timestamp out of bounds");
  }

  @ParameterizedTest
  @ValueSource(longs = {WINDOW - 1, -(WINDOW - 1), WINDOW, -WINDOW})
  void timestampInsideTheWindowIsAccepted(long offset) {
    assertThat(call().timestamp(NOW + offset).send().statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "-5", "12345678901", "1.5", " 1"})
  void malformedTimestampIsRejectedWith401Code135(String ts) {
    HttpResponse<String> r = call().oauth("oauth_timestamp", ts).send();
    assertError(r, 401, 135);
    assertThat(r.body()).doesNotContain("Exception");
  }

  @Test
  void nonceLongerThan64IsRejectedWith400Code215() {
    assertError(call().nonce("n".repeat(65)).send(), 400, 215);
    assertError(call().nonce("n".repeat(10_000)).send(), 400, 215);
  }

  @Test
  void nonceOf64IsAccepted() {
    assertThat(call().nonce("a" + System.nanoTime() + "z".repeat(40)).send().statusCode())
        .isEqualTo(200);
  }

  @Test
  void nonAsciiNonceIsRejectedWith400Code215() {
    assertError(call().nonce("nonce-☃-" + System.nanoTime()).send(), 400, 215);
  }

  @Test
  void unknownConsumerIsRejectedExactlyLikeABadSignatureWith401Code32() {
    HttpResponse<String> unknown =
        call().consumer("unknownconsumerkey000000", keys.consumerSecret()).send();
    HttpResponse<String> badSignature =
        call().rewriteSignature(s -> "AAAA" + s.substring(4)).send();
    assertError(unknown, 401, 32);
    assertError(badSignature, 401, 32);
    assertThat(unknown.body()).isEqualTo(badSignature.body());
  }

  @Test
  void unknownTokenIsRejectedWith401Code32() {
    assertError(call().token("123-unknown", keys.accessTokenSecret()).send(), 401, 32);
  }

  @Test
  void wrongTokenSecretIsRejectedWith401Code32() {
    assertError(call().token(keys.accessToken(), "wrong").send(), 401, 32);
  }

  @Test
  void tokenOfAnotherAppIsRejectedWith401Code32() {
    SandboxKeys other =
        sandbox.registerApp(SandboxPlatform.TWITTER, "Other", "read-write", java.util.List.of());
    assertError(call().token(other.accessToken(), other.accessTokenSecret()).send(), 401, 32);
  }

  @Test
  void replayedNonceIsRejectedWith401Code32() {
    SignedCall once = call().nonce("replay-" + System.nanoTime());
    String header = once.authorizationHeader();
    assertThat(once.rewriteHeader(h -> header).send().statusCode()).isEqualTo(200);
    assertError(call().rewriteHeader(h -> header).send(), 401, 32);
  }

  @Test
  void requestSignedForAnotherPathIsRejectedWith401Code32() {
    assertError(
        call().signFor(URI.create(sandbox.twitterBase() + "/1.1/users/show.json")).send(), 401, 32);
  }

  @Test
  void requestSignedForAnotherHostIsRejectedWith401Code32() {
    assertError(
        call()
            .signFor(URI.create("https://api.example.com/1.1/account/verify_credentials.json"))
            .send(),
        401,
        32);
  }

  @Test
  void requestSignedForAnotherMethodIsRejectedWith401Code32() {
    SignedCall post = SignedCall.post(verify).keys(keys).timestamp(NOW);
    String header = post.authorizationHeader();
    assertError(call().rewriteHeader(h -> header).send(), 401, 32);
  }

  @Test
  void tamperedQueryParameterIsRejectedWith401Code32() {
    SignedCall signed = call().query("include_entities", "true");
    String header = signed.authorizationHeader();
    HttpResponse<String> r =
        SignedCall.get(verify)
            .keys(keys)
            .timestamp(NOW)
            .query("include_entities", "false")
            .rewriteHeader(h -> header)
            .send();
    assertError(r, 401, 32);
  }

  @Test
  void reservedCharacterEncodedDifferentlyIsRejectedWith401Code32() {
    // Signed "a b", sent as "a+b" in the query decodes the same; "a%2Bb" does not.
    SignedCall signed = call().query("q", "a b");
    String header = signed.authorizationHeader();
    HttpResponse<String> r =
        SignedCall.send(
            java.net.http.HttpRequest.newBuilder(URI.create(verify + "?q=a%2Bb"))
                .header("Authorization", header)
                .GET()
                .build());
    assertError(r, 401, 32);
  }

  @Test
  void revokedTokenIsRejectedWith401Code89() {
    SandboxKeys app =
        sandbox.registerApp(SandboxPlatform.TWITTER, "Revoked", "read-write", java.util.List.of());
    SandboxUser owner = sandbox.users(SandboxPlatform.TWITTER).get(0);
    assertThat(SignedCall.get(verify).keys(app).timestamp(NOW).send().statusCode()).isEqualTo(200);
    Sandbox other = sandbox;
    assertThat(other.revokeUserTokens(SandboxPlatform.TWITTER, owner.screenName())).isPositive();
    assertError(SignedCall.get(verify).keys(app).timestamp(NOW).send(), 401, 89);
    keys = sandbox.registerApp(SandboxPlatform.TWITTER, "Fresh", "read-write", java.util.List.of());
  }

  @Test
  void invalidatedTokenIsRejectedWith401Code89() {
    SandboxKeys app =
        sandbox.registerApp(
            SandboxPlatform.TWITTER, "Invalidate", "read-write", java.util.List.of());
    HttpResponse<String> r =
        SignedCall.post(URI.create(sandbox.twitterBase() + "/1.1/oauth/invalidate_token"))
            .keys(app)
            .timestamp(NOW)
            .send();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"access_token\":\"" + app.accessToken() + "\"}");
    assertError(SignedCall.get(verify).keys(app).timestamp(NOW).send(), 401, 89);
  }

  @Test
  void writeWithReadOnlyTokenIsRejectedWith403Code261() {
    SandboxKeys readOnly =
        sandbox.registerApp(SandboxPlatform.TWITTER, "Reader", "read", java.util.List.of());
    HttpResponse<String> r =
        SignedCall.post(URI.create(sandbox.twitterBase() + "/1.1/statuses/update.json"))
            .keys(readOnly)
            .timestamp(NOW)
            .form("status", "should not post")
            .send();
    assertError(r, 403, 261);
    assertThat(r.headers().firstValue("x-access-level")).hasValue("read");
  }

  @Test
  void unknownPathIsRejectedWith404Code34() {
    HttpResponse<String> r =
        SignedCall.get(URI.create(sandbox.twitterBase() + "/1.1/no/such.json")).keys(keys).send();
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body())
        .isEqualTo("{\"errors\":[{\"code\":34,\"message\":\"Sorry, that page does not exist.\"}]}");
  }

  @Test
  void v2RejectionIsAProblemDocument() {
    HttpResponse<String> r =
        SignedCall.get(URI.create(sandbox.twitterBase() + "/2/users/me"))
            .keys(keys)
            .timestamp(NOW)
            .rewriteSignature(s -> "AAAA" + s.substring(4))
            .send();
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(r.body())
        .isEqualTo(
            "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}");
  }

  @Test
  void v2WithoutAuthorizationIsA401ProblemNotA400() {
    HttpResponse<String> r =
        SignedCall.send(
            java.net.http.HttpRequest.newBuilder(URI.create(sandbox.twitterBase() + "/2/users/me"))
                .GET()
                .build());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("\"title\":\"Unauthorized\"");
  }

  @Test
  void errorBodiesNeverContainSecrets() {
    HttpResponse<String> r = call().rewriteSignature(s -> "AAAA" + s.substring(4)).send();
    assertThat(r.body())
        .doesNotContain(keys.consumerSecret())
        .doesNotContain(keys.accessTokenSecret())
        .doesNotContain(keys.consumerKey());
  }
}
