package dev.latchkey.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * As lenient as the platforms where real clients rely on it, and no more: tweepy's long PKCE
 * verifier; regenerated app keys that leave the old ones failing as X's do.
 */
class LenientClientsTest {
  static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.builder().seed(15).build());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static String s256(String verifier) throws Exception {
    byte[] d =
        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
  }

  /** Runs the code grant with {@code verifier} and answers the token endpoint's response. */
  static HttpResponse<String> pkce(String verifier) throws Exception {
    SandboxOAuth2Client client =
        sandbox.registerOAuth2Client(SandboxPlatform.TWITTER, false, java.util.List.of());
    URI authorize =
        URI.create(
            sandbox.twitterBase()
                + "/i/oauth2/authorize?response_type=code&client_id="
                + client.clientId()
                + "&redirect_uri=http://127.0.0.1:9/cb&scope=tweet.read%20users.read&state=s"
                + "&code_challenge="
                + s256(verifier)
                + "&code_challenge_method=S256");
    URI back = OAuth2Browser.approve(authorize, null, true);
    String code = back.getQuery().replaceAll(".*code=([^&]+).*", "$1");
    String form =
        "grant_type=authorization_code&code="
            + URLEncoder.encode(code, StandardCharsets.UTF_8)
            + "&redirect_uri=http://127.0.0.1:9/cb&client_id="
            + client.clientId()
            + "&code_verifier="
            + verifier;
    return SignedCall.send(
        HttpRequest.newBuilder(URI.create(sandbox.twitterBase() + "/2/oauth2/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  @Test
  void aPkceVerifierOf171CharactersAsDebiansOauthlibMakesIsAccepted() throws Exception {
    String verifier = "aB3-._~".repeat(25).substring(0, 171);
    HttpResponse<String> r = pkce(verifier);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(Api.json(r).get("access_token").asText()).isNotEmpty();
  }

  @Test
  void verifiersShorterThanRfc7636AllowsOrWithOtherCharactersAreRefused() throws Exception {
    HttpResponse<String> tooShort = pkce("a".repeat(42));
    assertThat(tooShort.statusCode()).isEqualTo(400);
    assertThat(tooShort.body()).contains("Value passed for the code verifier was invalid.");
    assertThat(pkce("a".repeat(43)).statusCode()).isEqualTo(200);
    assertThat(pkce("a".repeat(60) + "!").statusCode()).isEqualTo(400);
  }

  @Test
  void regeneratedKeysLeaveTheOldKeysFailingWith32AndTheirTokensWith89() {
    SandboxKeys before =
        sandbox.registerApp(SandboxPlatform.TWITTER, "Leaky", "read-write", java.util.List.of());
    HttpResponse<String> regenerated =
        SignedCall.send(
            HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/sandbox/apps/regenerate"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"platform\":\"twitter\",\"consumer_key\":\""
                            + before.consumerKey()
                            + "\"}"))
                .build());
    JsonNode keys = Api.ok(regenerated);
    assertThat(keys.get("name").asText()).isEqualTo("Leaky");
    assertThat(keys.get("access").asText()).isEqualTo("read-write");
    SandboxKeys after =
        new SandboxKeys(
            keys.get("consumer_key").asText(),
            keys.get("consumer_secret").asText(),
            keys.get("access_token").asText(),
            keys.get("access_token_secret").asText());
    assertThat(after.consumerKey()).isNotEqualTo(before.consumerKey()).hasSize(25);
    URI me = URI.create(sandbox.twitterBase() + "/1.1/account/verify_credentials.json");
    HttpResponse<String> oldKeys = SignedCall.get(me).keys(before).send();
    assertThat(oldKeys.statusCode()).isEqualTo(401);
    assertThat(oldKeys.body()).contains("\"code\":32");
    HttpResponse<String> oldToken =
        SignedCall.get(me)
            .consumer(after.consumerKey(), after.consumerSecret())
            .token(before.accessToken(), before.accessTokenSecret())
            .send();
    assertThat(oldToken.statusCode()).isEqualTo(401);
    assertThat(oldToken.body()).contains("\"code\":89");
    assertThat(SignedCall.get(me).keys(after).send().statusCode()).isEqualTo(200);
  }

  @Test
  void regeneratingTheDefaultAppMovesTheSandboxKeysAndTheTumblrClient() {
    try (Sandbox s = Sandbox.start(SandboxOptions.builder().seed(16).build())) {
      SandboxKeys before = s.keys(SandboxPlatform.TUMBLR);
      SandboxKeys after = s.regenerateApp(SandboxPlatform.TUMBLR, before.consumerKey());
      assertThat(s.keys(SandboxPlatform.TUMBLR)).isEqualTo(after);
      assertThat(s.oauth2Client(SandboxPlatform.TUMBLR).clientId()).isEqualTo(after.consumerKey());
      URI info = URI.create(s.tumblrBase() + "/v2/blog/ada-sandbox/info?api_key=");
      assertThat(Api.get(URI.create(info + before.consumerKey())).statusCode()).isEqualTo(401);
      assertThat(Api.get(URI.create(info + after.consumerKey())).statusCode()).isEqualTo(200);
    }
  }
}
