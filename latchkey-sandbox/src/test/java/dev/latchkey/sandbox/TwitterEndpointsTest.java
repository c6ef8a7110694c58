package dev.latchkey.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Happy paths and shapes of the Twitter endpoints, and the callback variants of the flow. */
class TwitterEndpointsTest {
  static Sandbox sandbox;
  static SandboxKeys keys;
  static URI base;
  static SandboxUser owner;
  static SandboxUser second;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.builder().seed(3).build());
    keys = sandbox.keys(SandboxPlatform.TWITTER);
    base = sandbox.twitterBase();
    owner = sandbox.users(SandboxPlatform.TWITTER).get(0);
    second = sandbox.users(SandboxPlatform.TWITTER).get(1);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static JsonNode ok(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static URI api(String path) {
    return URI.create(base + path);
  }

  @Test
  void seededDataIsDeterministicPerSeed() {
    try (Sandbox again = Sandbox.start(SandboxOptions.builder().seed(3).build());
        Sandbox other = Sandbox.start(SandboxOptions.builder().seed(4).build())) {
      assertThat(again.keys()).isEqualTo(sandbox.keys());
      assertThat(again.users(SandboxPlatform.TWITTER))
          .isEqualTo(sandbox.users(SandboxPlatform.TWITTER));
      assertThat(other.keys(SandboxPlatform.TWITTER)).isNotEqualTo(keys);
    }
    assertThat(sandbox.users(SandboxPlatform.TWITTER)).hasSizeGreaterThanOrEqualTo(3);
    assertThat(keys.accessToken()).startsWith(owner.id() + "-");
    assertThat(keys.consumerKey()).hasSize(25);
    assertThat(keys.consumerSecret()).hasSize(50);
  }

  @Test
  void verifyCredentialsHasTheV11UserShape() {
    JsonNode me = ok(SignedCall.get(api("/1.1/account/verify_credentials.json")).keys(keys).send());
    assertThat(me.get("id").asLong()).isEqualTo(owner.id());
    assertThat(me.get("id_str").asText()).isEqualTo(Long.toString(owner.id()));
    assertThat(me.get("screen_name").asText()).isEqualTo(owner.screenName());
    assertThat(me.get("created_at").asText())
        .matches("[A-Z][a-z]{2} [A-Z][a-z]{2} \\d{2} \\d{2}:\\d{2}:\\d{2} \\+0000 \\d{4}");
    assertThat(me.has("status")).isTrue();
    assertThat(me.get("statuses_count").asInt()).isPositive();
    JsonNode skip =
        ok(
            SignedCall.get(api("/1.1/account/verify_credentials.json"))
                .keys(keys)
                .query("skip_status", "true")
                .query("include_email", "true")
                .send());
    assertThat(skip.has("status")).isFalse();
    assertThat(skip.get("email").asText()).endsWith("@sandbox.invalid");
  }

  @Test
  void usersShowFindsByScreenNameAndId() {
    JsonNode byName =
        ok(
            SignedCall.get(api("/1.1/users/show.json"))
                .keys(keys)
                .query("screen_name", second.screenName())
                .send());
    assertThat(byName.get("id").asLong()).isEqualTo(second.id());
    JsonNode byId =
        ok(
            SignedCall.get(api("/1.1/users/show.json"))
                .keys(keys)
                .query("user_id", Long.toString(second.id()))
                .send());
    assertThat(byId.get("screen_name").asText()).isEqualTo(second.screenName());
  }

  @Test
  void usersShowOfUnknownUserIs404Code50() {
    HttpResponse<String> r =
        SignedCall.get(api("/1.1/users/show.json"))
            .keys(keys)
            .query("screen_name", "nobody_here")
            .send();
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("\"code\":50");
    HttpResponse<String> none = SignedCall.get(api("/1.1/users/show.json")).keys(keys).send();
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(none.body()).contains("\"code\":38");
  }

  @Test
  void userTimelinePagesWithCountMaxIdAndSinceId() {
    JsonNode first =
        ok(
            SignedCall.get(api("/1.1/statuses/user_timeline.json"))
                .keys(keys)
                .query("screen_name", second.screenName())
                .query("count", "5")
                .send());
    assertThat(first).hasSize(5);
    long newest = first.get(0).get("id").asLong();
    long oldest = first.get(4).get("id").asLong();
    assertThat(newest).isGreaterThan(oldest);
    assertThat(first.get(0).get("user").get("screen_name").asText()).isEqualTo(second.screenName());

    JsonNode next =
        ok(
            SignedCall.get(api("/1.1/statuses/user_timeline.json"))
                .keys(keys)
                .query("user_id", Long.toString(second.id()))
                .query("count", "5")
                .query("max_id", Long.toString(oldest - 1))
                .query("trim_user", "true")
                .send());
    assertThat(next.get(0).get("id").asLong()).isLessThan(oldest);
    assertThat(next.get(0).get("user").has("screen_name")).isFalse();

    JsonNode inclusive =
        ok(
            SignedCall.get(api("/1.1/statuses/user_timeline.json"))
                .keys(keys)
                .query("user_id", Long.toString(second.id()))
                .query("max_id", Long.toString(oldest))
                .query("count", "1")
                .send());
    assertThat(inclusive.get(0).get("id").asLong()).isEqualTo(oldest);

    JsonNode since =
        ok(
            SignedCall.get(api("/1.1/statuses/user_timeline.json"))
                .keys(keys)
                .query("user_id", Long.toString(second.id()))
                .query("since_id", Long.toString(oldest))
                .send());
    assertThat(since).hasSize(4);
  }

  @Test
  void userTimelineCountIsCappedAt200AndDefaultsToTheCaller() {
    JsonNode page =
        ok(
            SignedCall.get(api("/1.1/statuses/user_timeline.json"))
                .keys(keys)
                .query("count", "500")
                .send());
    assertThat(page).hasSize(200);
    assertThat(page.get(0).get("user").get("id").asLong()).isEqualTo(owner.id());
    JsonNode extended =
        ok(
            SignedCall.get(api("/1.1/statuses/user_timeline.json"))
                .keys(keys)
                .query("count", "1")
                .query("tweet_mode", "extended")
                .send());
    assertThat(extended.get(0).has("full_text")).isTrue();
    assertThat(extended.get(0).has("display_text_range")).isTrue();
  }

  @Test
  void statusesUpdatePostsToTheTopOfTheTimeline() {
    SandboxKeys app =
        sandbox.registerApp(SandboxPlatform.TWITTER, "Poster", "read-write", List.of());
    JsonNode tweet =
        ok(
            SignedCall.post(api("/1.1/statuses/update.json"))
                .keys(app)
                .form("status", "Hello Ladies + Gentlemen, a signed OAuth request!")
                .query("include_entities", "true")
                .send());
    assertThat(tweet.get("text").asText())
        .isEqualTo("Hello Ladies + Gentlemen, a signed OAuth request!");
    JsonNode top =
        ok(
            SignedCall.get(api("/1.1/statuses/user_timeline.json"))
                .keys(app)
                .query("count", "1")
                .send());
    assertThat(top.get(0).get("id").asLong()).isEqualTo(tweet.get("id").asLong());
    HttpResponse<String> empty = SignedCall.post(api("/1.1/statuses/update.json")).keys(app).send();
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("\"code\":170");
  }

  @Test
  void v2UsersMeHasTheV2Shape() {
    HttpResponse<String> r = SignedCall.get(api("/2/users/me")).keys(keys).send();
    JsonNode body = ok(r);
    assertThat(body.toString())
        .isEqualTo(
            "{\"data\":{\"id\":\""
                + owner.id()
                + "\",\"name\":\""
                + owner.name()
                + "\",\"username\":\""
                + owner.screenName()
                + "\"}}");
    assertThat(r.headers().firstValue("x-rate-limit-limit")).hasValue("75");
    JsonNode fields =
        ok(
            SignedCall.get(api("/2/users/me"))
                .keys(keys)
                .query("user.fields", "created_at,public_metrics")
                .send());
    assertThat(fields.get("data").get("public_metrics").get("followers_count").isInt()).isTrue();
    assertThat(fields.get("data").get("created_at").asText()).endsWith(".000Z");
  }

  @Test
  void rateLimitRemainingCountsDownPerAppAndUser() {
    SandboxKeys app = sandbox.registerApp(SandboxPlatform.TWITTER, "Counter", "read", List.of());
    HttpResponse<String> a =
        SignedCall.get(api("/1.1/users/show.json"))
            .keys(app)
            .query("user_id", Long.toString(owner.id()))
            .send();
    HttpResponse<String> b =
        SignedCall.get(api("/1.1/users/show.json"))
            .keys(app)
            .query("user_id", Long.toString(owner.id()))
            .send();
    assertThat(a.headers().firstValue("x-rate-limit-remaining")).hasValue("899");
    assertThat(b.headers().firstValue("x-rate-limit-remaining")).hasValue("898");
    long reset = Long.parseLong(b.headers().firstValue("x-rate-limit-reset").orElseThrow());
    assertThat(reset).isGreaterThan(System.currentTimeMillis() / 1000);
    assertThat(b.headers().firstValue("x-access-level")).hasValue("read");
  }

  @Test
  void requestTokenWithoutCallbackIsRejectedWith400Code215() {
    HttpResponse<String> r =
        SignedCall.post(api("/oauth/request_token"))
            .consumer(keys.consumerKey(), keys.consumerSecret())
            .send();
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"code\":215");
  }

  @Test
  void requestTokenWithUnapprovedCallbackIsRejectedWith403Code415() {
    HttpResponse<String> r =
        SignedCall.post(api("/oauth/request_token"))
            .consumer(keys.consumerKey(), keys.consumerSecret())
            .oauth("oauth_callback", "https://evil.example/cb")
            .send();
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("\"code\":415");
  }

  @Test
  void registeredCallbackGetsARedirectWithTokenAndVerifier() {
    SandboxKeys app =
        sandbox.registerApp(
            SandboxPlatform.TWITTER, "Web", "read-write", List.of("https://app.example/cb"));
    Map<String, String> temp =
        Browser.form(
            SignedCall.post(api("/oauth/request_token"))
                .consumer(app.consumerKey(), app.consumerSecret())
                .oauth("oauth_callback", "https://app.example/cb?state=1")
                .send()
                .body());
    HttpResponse<String> redirect =
        Browser.submit(
            URI.create(base + "/oauth/authenticate"),
            temp.get("oauth_token"),
            second.screenName(),
            true);
    assertThat(redirect.statusCode()).isEqualTo(302);
    String location = redirect.headers().firstValue("Location").orElseThrow();
    assertThat(location)
        .startsWith(
            "https://app.example/cb?state=1&oauth_token="
                + temp.get("oauth_token")
                + "&oauth_verifier=");
    String verifier = location.substring(location.indexOf("oauth_verifier=") + 15);
    Map<String, String> token =
        Browser.form(
            ok2(
                SignedCall.post(api("/oauth/access_token"))
                    .consumer(app.consumerKey(), app.consumerSecret())
                    .token(temp.get("oauth_token"), temp.get("oauth_token_secret"))
                    .oauthInForm("oauth_verifier", verifier)));
    assertThat(token).containsEntry("user_id", Long.toString(second.id()));
  }

  @Test
  void denyingRedirectsWithDeniedAndKillsTheToken() {
    Map<String, String> temp =
        Browser.form(
            SignedCall.post(api("/oauth/request_token"))
                .consumer(keys.consumerKey(), keys.consumerSecret())
                .oauth("oauth_callback", "http://127.0.0.1:9/callback")
                .send()
                .body());
    URI authorize = Browser.authorizeUrl(base, temp.get("oauth_token"));
    HttpResponse<String> r =
        Browser.submit(authorize, temp.get("oauth_token"), owner.screenName(), false);
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location"))
        .hasValue("http://127.0.0.1:9/callback?denied=" + temp.get("oauth_token"));
    assertThat(Browser.open(authorize).statusCode()).isEqualTo(400);
  }

  @Test
  void wrongVerifierIsRejectedWith401Code32AndUsesUpTheRequestToken() {
    Map<String, String> temp =
        Browser.form(
            SignedCall.post(api("/oauth/request_token"))
                .consumer(keys.consumerKey(), keys.consumerSecret())
                .oauth("oauth_callback", "oob")
                .send()
                .body());
    URI authorize = Browser.authorizeUrl(base, temp.get("oauth_token"));
    String pin =
        Browser.pin(Browser.submit(authorize, temp.get("oauth_token"), owner.screenName(), true));
    String wrong = pin.equals("0000000") ? "1111111" : "0000000";
    HttpResponse<String> bad =
        SignedCall.post(api("/oauth/access_token"))
            .consumer(keys.consumerKey(), keys.consumerSecret())
            .token(temp.get("oauth_token"), temp.get("oauth_token_secret"))
            .oauth("oauth_verifier", wrong)
            .send();
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(bad.body()).contains("\"code\":32");
    HttpResponse<String> again =
        SignedCall.post(api("/oauth/access_token"))
            .consumer(keys.consumerKey(), keys.consumerSecret())
            .token(temp.get("oauth_token"), temp.get("oauth_token_secret"))
            .oauth("oauth_verifier", pin)
            .send();
    assertThat(again.statusCode()).isEqualTo(401);
  }

  @Test
  void readAccessTypeGivesAReadOnlyToken() {
    Map<String, String> temp =
        Browser.form(
            SignedCall.post(api("/oauth/request_token"))
                .consumer(keys.consumerKey(), keys.consumerSecret())
                .oauth("oauth_callback", "oob")
                .query("x_auth_access_type", "read")
                .send()
                .body());
    URI authorize = Browser.authorizeUrl(base, temp.get("oauth_token"));
    assertThat(Browser.open(authorize).body()).contains("read your posts and profile<");
    String pin =
        Browser.pin(Browser.submit(authorize, temp.get("oauth_token"), owner.screenName(), true));
    Map<String, String> token =
        Browser.form(
            ok2(
                SignedCall.post(api("/oauth/access_token"))
                    .consumer(keys.consumerKey(), keys.consumerSecret())
                    .token(temp.get("oauth_token"), temp.get("oauth_token_secret"))
                    .oauth("oauth_verifier", pin)));
    HttpResponse<String> me =
        SignedCall.get(api("/1.1/account/verify_credentials.json"))
            .consumer(keys.consumerKey(), keys.consumerSecret())
            .token(token.get("oauth_token"), token.get("oauth_token_secret"))
            .send();
    assertThat(me.headers().firstValue("x-access-level")).hasValue("read");
  }

  @Test
  void authorizePageEscapesTheAppName() {
    SandboxKeys app =
        sandbox.registerApp(
            SandboxPlatform.TWITTER, "<script>alert(1)</script>", "read", List.of());
    Map<String, String> temp =
        Browser.form(
            SignedCall.post(api("/oauth/request_token"))
                .consumer(app.consumerKey(), app.consumerSecret())
                .oauth("oauth_callback", "oob")
                .send()
                .body());
    HttpResponse<String> page = Browser.open(Browser.authorizeUrl(base, temp.get("oauth_token")));
    assertThat(page.body())
        .doesNotContain("<script>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
  }

  @Test
  void crossOriginConsentPostIsRefused() {
    Map<String, String> temp =
        Browser.form(
            SignedCall.post(api("/oauth/request_token"))
                .consumer(keys.consumerKey(), keys.consumerSecret())
                .oauth("oauth_callback", "oob")
                .send()
                .body());
    HttpResponse<String> r =
        SignedCall.send(
            java.net.http.HttpRequest.newBuilder(URI.create(base + "/oauth/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "oauth_token="
                            + temp.get("oauth_token")
                            + "&user_id="
                            + owner.id()
                            + "&allow=1"))
                .build());
    assertThat(r.statusCode()).isEqualTo(403);
  }

  private static String ok2(SignedCall call) {
    HttpResponse<String> r = call.send();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  @Test
  void v2UsersByUsernameFindsAUserAndReportsAMissingOneWith200Errors() {
    JsonNode found =
        ok(SignedCall.get(api("/2/users/by/username/" + second.screenName())).keys(keys).send());
    assertThat(found.get("data").get("id").asText()).isEqualTo(Long.toString(second.id()));
    JsonNode missing =
        ok(SignedCall.get(api("/2/users/by/username/nobody_here")).keys(keys).send());
    assertThat(missing.has("data")).isFalse();
    assertThat(missing.get("errors").get(0).get("title").asText()).isEqualTo("Not Found Error");
    HttpResponse<String> invalid =
        SignedCall.get(api("/2/users/by/username/not-valid-name")).keys(keys).send();
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("/2/problems/invalid-request");
  }

  @Test
  void v2UserTweetsPagesWithNextTokenWithoutGapsOrRepeats() {
    URI tweets = api("/2/users/" + second.id() + "/tweets");
    JsonNode first =
        ok(
            SignedCall.get(tweets)
                .keys(keys)
                .query("max_results", "5")
                .query("tweet.fields", "created_at,author_id,created_at")
                .send());
    assertThat(first.get("data")).hasSize(5);
    assertThat(first.get("data").get(0).get("edit_history_tweet_ids").get(0).asText())
        .isEqualTo(first.get("data").get(0).get("id").asText());
    assertThat(first.get("data").get(0).get("author_id").asText())
        .isEqualTo(Long.toString(second.id()));
    JsonNode meta = first.get("meta");
    assertThat(meta.get("result_count").asInt()).isEqualTo(5);
    JsonNode next =
        ok(
            SignedCall.get(tweets)
                .keys(keys)
                .query("max_results", "5")
                .query("pagination_token", meta.get("next_token").asText())
                .send());
    JsonNode v1 =
        ok(
            SignedCall.get(api("/1.1/statuses/user_timeline.json"))
                .keys(keys)
                .query("user_id", Long.toString(second.id()))
                .query("count", "10")
                .send());
    assertThat(next.get("data").get(0).get("id").asText())
        .isEqualTo(v1.get(5).get("id_str").asText());
    assertThat(next.get("data").get(4).get("id").asText())
        .isEqualTo(v1.get(9).get("id_str").asText());
  }

  @Test
  void v2UserTweetsRejectsMaxResultsOutsideFiveToHundred() {
    HttpResponse<String> r =
        SignedCall.get(api("/2/users/" + second.id() + "/tweets"))
            .keys(keys)
            .query("max_results", "0")
            .send();
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains("{\"parameters\":{\"max_results\":[\"0\"]}")
        .contains("is not between 5 and 100");
  }
}
