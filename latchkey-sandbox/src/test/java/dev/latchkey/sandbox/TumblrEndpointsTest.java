package dev.latchkey.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TumblrEndpointsTest {
  static Sandbox sandbox;
  static SandboxKeys keys;
  static URI base;
  static SandboxUser owner;
  static SandboxUser third;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults());
    keys = sandbox.keys(SandboxPlatform.TUMBLR);
    base = sandbox.tumblrBase();
    owner = sandbox.users(SandboxPlatform.TUMBLR).get(0);
    third = sandbox.users(SandboxPlatform.TUMBLR).get(2);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError(r.body(), e);
    }
  }

  static HttpResponse<String> plainGet(String pathAndQuery) {
    return SignedCall.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().build());
  }

  @Test
  void threeLeggedFlowWithAccessTokenByGetGivesAWorkingToken() {
    HttpResponse<String> rt =
        SignedCall.post(URI.create(base + "/oauth/request_token"))
            .consumer(keys.consumerKey(), keys.consumerSecret())
            .oauth("oauth_callback", "http://localhost:8080/tumblr")
            .style(SignedCall.Style.SIGNATURE_LAST)
            .send();
    assertThat(rt.statusCode()).as(rt.body()).isEqualTo(200);
    Map<String, String> temp = Browser.form(rt.body());
    HttpResponse<String> redirect =
        Browser.submit(
            URI.create(base + "/oauth/authorize"),
            temp.get("oauth_token"),
            third.screenName(),
            true);
    assertThat(redirect.statusCode()).isEqualTo(302);
    String location = redirect.headers().firstValue("Location").orElseThrow();
    String verifier = location.substring(location.indexOf("oauth_verifier=") + 15);
    HttpResponse<String> at =
        SignedCall.get(URI.create(base + "/oauth/access_token"))
            .consumer(keys.consumerKey(), keys.consumerSecret())
            .token(temp.get("oauth_token"), temp.get("oauth_token_secret"))
            .oauth("oauth_verifier", verifier)
            .style(SignedCall.Style.SIGNATURE_LAST)
            .send();
    assertThat(at.statusCode()).as(at.body()).isEqualTo(200);
    Map<String, String> token = Browser.form(at.body());
    assertThat(token).containsOnlyKeys("oauth_token", "oauth_token_secret");
    HttpResponse<String> info =
        SignedCall.get(URI.create(base + "/v2/user/info"))
            .consumer(keys.consumerKey(), keys.consumerSecret())
            .token(token.get("oauth_token"), token.get("oauth_token_secret"))
            .send();
    assertThat(json(info).get("response").get("user").get("name").asText())
        .isEqualTo(third.screenName());
  }

  @Test
  void userInfoIsWrappedInTheEnvelope() {
    HttpResponse<String> r = SignedCall.get(URI.create(base + "/v2/user/info")).keys(keys).send();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("meta").toString()).isEqualTo("{\"status\":200,\"msg\":\"OK\"}");
    JsonNode user = body.get("response").get("user");
    assertThat(user.get("name").asText()).isEqualTo(owner.screenName());
    assertThat(user.get("blogs").get(0).get("primary").asBoolean()).isTrue();
    assertThat(r.headers().firstValue("X-Ratelimit-Perhour-Limit")).hasValue("1000");
    assertThat(r.headers().firstValue("X-Ratelimit-Perday-Limit")).hasValue("5000");
  }

  @Test
  void blogInfoWorksWithApiKeyForEveryIdentifierForm() {
    for (String id : new String[] {owner.screenName(), owner.screenName() + ".tumblr.com"}) {
      HttpResponse<String> r = plainGet("/v2/blog/" + id + "/info?api_key=" + keys.consumerKey());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode blog = json(r).get("response").get("blog");
      assertThat(blog.get("name").asText()).isEqualTo(owner.screenName());
      String uuid = blog.get("uuid").asText();
      assertThat(uuid).startsWith("t:");
      HttpResponse<String> byUuid =
          plainGet("/v2/blog/" + uuid + "/info?api_key=" + keys.consumerKey());
      assertThat(json(byUuid).get("response").get("blog").get("name").asText())
          .isEqualTo(owner.screenName());
    }
  }

  @Test
  void blogInfoWorksWithOAuth() {
    HttpResponse<String> r =
        SignedCall.get(URI.create(base + "/v2/blog/" + third.screenName() + "/info"))
            .keys(keys)
            .send();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void badApiKeyIsA401EnvelopeWithErrorsAndEmptyResponse() {
    HttpResponse<String> r = plainGet("/v2/blog/" + owner.screenName() + "/info?api_key=nope");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body())
        .isEqualTo(
            "{\"meta\":{\"status\":401,\"msg\":\"Unauthorized\"},\"response\":[],"
                + "\"errors\":[{\"title\":\"Unauthorized\",\"code\":0,\"detail\":\"Got an error. Try again.\"}]}");
  }

  @Test
  void badSignatureOnTumblrIs401Envelope() {
    HttpResponse<String> r =
        SignedCall.get(URI.create(base + "/v2/user/info"))
            .keys(keys)
            .rewriteSignature(s -> "AAAA" + s.substring(4))
            .send();
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(json(r).get("meta").get("status").asInt()).isEqualTo(401);
    assertThat(json(r).get("response").isArray()).isTrue();
  }

  @Test
  void unknownBlogIs404Envelope() {
    HttpResponse<String> r = plainGet("/v2/blog/nobody-here/info?api_key=" + keys.consumerKey());
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("meta").get("msg").asText()).isEqualTo("Not Found");
  }

  @Test
  void postsLimitIsCappedAt20AndPagesWithOffset() {
    JsonNode page =
        json(plainGet(
                "/v2/blog/" + owner.screenName() + "/posts?limit=50&api_key=" + keys.consumerKey()))
            .get("response");
    assertThat(page.get("posts")).hasSize(20);
    assertThat(page.get("total_posts").asInt()).isGreaterThan(20);
    assertThat(page.get("_links").get("next").get("query_params").get("offset").asText())
        .isEqualTo("20");
    JsonNode next =
        json(plainGet(
                "/v2/blog/"
                    + owner.screenName()
                    + "/posts?limit=20&offset=20&api_key="
                    + keys.consumerKey()))
            .get("response");
    assertThat(next.get("posts").get(0).get("id").asLong())
        .isLessThan(page.get("posts").get(19).get("id").asLong());
  }

  @Test
  void signatureMadeForTheRealApiHostIsAccepted() {
    HttpResponse<String> r =
        SignedCall.get(URI.create(base + "/v2/user/info"))
            .keys(keys)
            .signFor(URI.create("https://api.tumblr.com/v2/user/info"))
            .send();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void oauthEndpointErrorsArePlainText() {
    HttpResponse<String> r =
        SignedCall.post(URI.create(base + "/oauth/request_token"))
            .consumer("nope", "nope")
            .oauth("oauth_callback", "oob")
            .send();
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
  }
}
