package dev.latchkey.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latchkey.keychain.Secret;
import dev.latchkey.oauth1.AuthorizationHeaderParser;
import dev.latchkey.oauth1.OAuth1Credentials;
import dev.latchkey.oauth1.OAuth1Signer;
import dev.latchkey.oauth1.Parameter;
import dev.latchkey.platform.Hosts;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import dev.latchkey.platform.RateLimitWindow;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiClientTest {
  private static final String TOKEN = "4242-userAccessToken0001";
  private static final String TOKEN_SECRET = "userAccessTokenSecret-0001-qwerty";

  private FakePlatformServer server;
  private ApiClient client;
  private OAuth1Credentials credentials;
  private RequestAuthorization user;

  @BeforeEach
  void start() throws IOException {
    server = FakePlatformServer.start("/twitter");
    server.issue(TOKEN, TOKEN_SECRET);
    client = client(Platforms.twitter().withHosts(Hosts.all(server.base())), Clock.systemUTC());
    credentials =
        new OAuth1Credentials(
            Secret.of(FakePlatformServer.CONSUMER_KEY),
            Secret.of(FakePlatformServer.CONSUMER_SECRET),
            Secret.of(TOKEN),
            Secret.of(TOKEN_SECRET));
    user = OAuth1Signer.create().authorization(credentials);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static ApiClient client(Platform platform, Clock clock) {
    return new ApiClient(HttpClient.newHttpClient(), platform, clock, Duration.ofSeconds(10));
  }

  @Test
  void signedGetWithAwkwardQueryIsAcceptedAndHeaderIsInXsDocumentedForm() throws Exception {
    ApiResponse r =
        client.send(
            ApiRequest.get("/1.1/statuses/user_timeline.json")
                .query("screen_name", "a b+c☃!*'()")
                .query("count", "5")
                .build(),
            user);
    assertThat(r.status()).isEqualTo(200);
    FakePlatformServer.Received got = server.received().get(0);
    assertThat(got.rawPath()).isEqualTo("/twitter/1.1/statuses/user_timeline.json");
    assertThat(got.rawQuery()).isEqualTo("screen_name=a%20b%2Bc%E2%98%83%21%2A%27%28%29&count=5");
    String header = got.header("Authorization");
    assertThat(header)
        .startsWith(
            "OAuth oauth_consumer_key=\"" + FakePlatformServer.CONSUMER_KEY + "\", oauth_nonce=\"");
    List<String> names =
        AuthorizationHeaderParser.parse(header).stream().map(Parameter::name).toList();
    assertThat(names)
        .containsExactly(
            "oauth_consumer_key",
            "oauth_nonce",
            "oauth_signature",
            "oauth_signature_method",
            "oauth_timestamp",
            "oauth_token",
            "oauth_version");
    assertThat(got.header("User-Agent")).isEqualTo(ApiClient.USER_AGENT);
  }

  @Test
  void formBodyIsSentFormEncodedAndSigned() throws Exception {
    client.send(
        ApiRequest.post("/1.1/statuses/update.json")
            .form("status", "Hello Ladies + Gentlemen, a signed OAuth request!")
            .form("empty", "")
            .build(),
        user);
    FakePlatformServer.Received got = server.received().get(0);
    assertThat(got.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(got.body())
        .isEqualTo(
            "status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21&empty=");
  }

  @Test
  void jsonBodyIsSentButNotSigned() throws Exception {
    ApiResponse r =
        client.send(ApiRequest.post("/2/tweets").json("{\"text\":\"hi\"}").build(), user);
    assertThat(r.status()).isEqualTo(200);
    assertThat(server.received().get(0).header("Content-Type")).isEqualTo("application/json");
    assertThat(server.received().get(0).body()).isEqualTo("{\"text\":\"hi\"}");
  }

  @Test
  void rateLimitAndJsonAreReadFromTheAnswer() throws Exception {
    ApiResponse r = client.send(ApiRequest.get("/2/users/me").build(), user);
    assertThat(r.rateLimit()).isPresent();
    assertThat(r.rateLimit().get().limit()).isEqualTo(75);
    assertThat(r.rateLimit().get().remaining()).isEqualTo(74);
    assertThat(r.json().orElseThrow().at("/data/username").asText())
        .isEqualTo(FakePlatformServer.SCREEN_NAME);
  }

  @Test
  void wrongTokenSecretIsRejectedWithCode32() {
    RequestAuthorization wrong =
        OAuth1Signer.create()
            .authorization(
                credentials.withToken(Secret.of(TOKEN), Secret.of("not-the-secret-at-all")));
    ApiException e =
        catchThrowableOfType(
            ApiException.class, () -> client.send(ApiRequest.get("/2/users/me").build(), wrong));
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.code()).contains(32);
    assertThat(e.getMessage())
        .isEqualTo(
            "twitter GET /twitter/2/users/me failed: HTTP 401, code 32: Could not authenticate you.");
  }

  @Test
  void revokedTokenGivesCode89() {
    server.revoke(TOKEN);
    ApiException e = catchThrowableOfType(ApiException.class, () -> client.verify(user));
    assertThat(e.hasCode(89)).isTrue();
    assertThat(e.errors()).containsExactly(new PlatformError(89, "Invalid or expired token."));
  }

  @Test
  void problemDetailsAreKept() {
    server.cann(
        "/2/tweets/search/recent",
        429,
        Map.of("Content-Type", "application/problem+json"),
        "{\"title\":\"UsageCapExceeded\",\"detail\":\"Usage cap exceeded: Monthly product cap\","
            + "\"type\":\"https://api.twitter.com/2/problems/usage-capped\",\"period\":\"Monthly\"}");
    ApiException e =
        catchThrowableOfType(
            ApiException.class,
            () ->
                client.send(
                    ApiRequest.get("/2/tweets/search/recent").query("query", "x").build(), user));
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.problem())
        .contains(
            new Problem(
                "https://api.twitter.com/2/problems/usage-capped",
                "UsageCapExceeded",
                "Usage cap exceeded: Monthly product cap"));
    assertThat(e.getMessage())
        .contains("UsageCapExceeded: Usage cap exceeded: Monthly product cap")
        .contains("(see https://api.twitter.com/2/problems/usage-capped)");
  }

  @Test
  void tumblrMetaAndErrorsAreKept() throws IOException {
    try (FakePlatformServer tumblr = FakePlatformServer.start("/tumblr")) {
      tumblr.cann(
          "/v2/user/info",
          401,
          Map.of(),
          "{\"meta\":{\"status\":401,\"msg\":\"Unauthorized\"},\"response\":[],"
              + "\"errors\":[{\"title\":\"Unauthorized\",\"code\":0,\"detail\":\"Got an error. Try again.\"}]}");
      ApiClient c =
          client(Platforms.tumblr().withHosts(Hosts.all(tumblr.base())), Clock.systemUTC());
      ApiException e = catchThrowableOfType(ApiException.class, () -> c.verify(user));
      assertThat(e.platform()).isEqualTo("tumblr");
      assertThat(e.metaStatus()).contains(401);
      assertThat(e.metaMessage()).contains("Unauthorized");
      assertThat(e.errors())
          .containsExactly(new PlatformError(0, "Unauthorized: Got an error. Try again."));
    }
  }

  @Test
  void unreadableBodyStillGivesOneLineApiException() {
    server.cann(
        "/1.1/help/configuration.json",
        503,
        Map.of("Content-Type", "text/html"),
        "<html>\n<body>Over capacity</body>\r\n</html>");
    ApiException e =
        catchThrowableOfType(
            ApiException.class,
            () -> client.send(ApiRequest.get("/1.1/help/configuration.json").build(), user));
    assertThat(e.status()).isEqualTo(503);
    assertThat(e.errors()).isEmpty();
    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r").contains("Over capacity");
  }

  @Test
  void oddlyShapedErrorJsonNeverThrowsAnythingElse() {
    for (String body :
        List.of(
            "{\"errors\":\"nope\"}",
            "{\"errors\":[1,null,{\"code\":\"x\"},{\"code\":1e99}]}",
            "[]",
            "null",
            "{\"meta\":[],\"title\":{}}",
            "{\"errors\":[{\"code\":\"88\",\"message\":\"Rate limit exceeded\"}]}")) {
      server.cann("/1.1/odd.json", 400, Map.of(), body);
      assertThatThrownBy(() -> client.send(ApiRequest.get("/1.1/odd.json").build(), user))
          .as(body)
          .isInstanceOf(ApiException.class);
    }
  }

  @Test
  void retryAfterComesFromTheHeaderOrTheRateLimitReset() {
    Instant now = Instant.parse("2026-11-22T12:00:00Z");
    ApiClient fixed = client(client.platform(), Clock.fixed(now, ZoneOffset.UTC));
    server.cann(
        "/1.1/a.json",
        429,
        Map.of("Retry-After", "17"),
        "{\"errors\":[{\"message\":\"Rate limit exceeded\",\"code\":88}]}");
    ApiException a =
        catchThrowableOfType(
            ApiException.class, () -> fixed.send(ApiRequest.get("/1.1/a.json").build(), user));
    assertThat(a.retryAfter()).contains(Duration.ofSeconds(17));

    server.cann(
        "/1.1/b.json",
        429,
        Map.of(
            "x-rate-limit-limit", "900",
            "x-rate-limit-remaining", "0",
            "x-rate-limit-reset", Long.toString(now.getEpochSecond() + 600)),
        "{\"errors\":[{\"message\":\"Rate limit exceeded\",\"code\":88}]}");
    ApiException b =
        catchThrowableOfType(
            ApiException.class, () -> fixed.send(ApiRequest.get("/1.1/b.json").build(), user));
    assertThat(b.retryAfter()).contains(Duration.ofSeconds(600));
    assertThat(b.rateLimit().orElseThrow().remaining()).isZero();
  }

  @Test
  void a429sTwentyFourHourCapIsReadableFromTheExceptionsHeaders() {
    Instant now = Instant.parse("2026-11-22T12:00:00Z");
    long dailyReset = now.getEpochSecond() + 6 * 3600;
    server.cann(
        "/2/capped",
        429,
        Map.of(
            "x-rate-limit-limit", "900",
            "x-rate-limit-remaining", "850",
            "x-rate-limit-reset", Long.toString(now.getEpochSecond() + 600),
            "x-app-limit-24hour-limit", "10000",
            "x-app-limit-24hour-remaining", "0",
            "x-app-limit-24hour-reset", Long.toString(dailyReset)),
        "{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":"
            + "\"about:blank\",\"status\":429}");
    ApiException e =
        catchThrowableOfType(
            ApiException.class, () -> client.send(ApiRequest.get("/2/capped").build(), user));
    RateLimitWindow daily =
        client.platform().rateLimitWindows().stream()
            .filter(w -> w.name().equals("24-hour app cap"))
            .findFirst()
            .orElseThrow();
    RateLimit cap = RateLimit.from(e.headers(), daily.headers(), now).orElseThrow();
    assertThat(cap.remaining()).isZero();
    assertThat(cap.reset()).isEqualTo(Instant.ofEpochSecond(dailyReset));
    assertThat(e.rateLimit().orElseThrow().remaining()).isEqualTo(850);
  }

  @Test
  void credentialsEchoedByTheServerAreRedactedFromTheMessage() {
    server.cann(
        "/1.1/echo.json",
        400,
        Map.of("Content-Type", "text/plain"),
        "bad request from "
            + FakePlatformServer.CONSUMER_KEY
            + " with "
            + FakePlatformServer.CONSUMER_SECRET
            + "&"
            + TOKEN_SECRET
            + " token "
            + TOKEN);
    ApiException e =
        catchThrowableOfType(
            ApiException.class, () -> client.send(ApiRequest.get("/1.1/echo.json").build(), user));
    assertThat(e.getMessage())
        .doesNotContain(FakePlatformServer.CONSUMER_KEY)
        .doesNotContain(FakePlatformServer.CONSUMER_SECRET)
        .doesNotContain(TOKEN)
        .doesNotContain(TOKEN_SECRET)
        .contains("[redacted]");
  }

  @Test
  void verifyNamesTheUserAndReadsTheAccessLevel() throws Exception {
    server.accessLevel("read-write-directmessages");
    Identity id = client.verify(user);
    assertThat(id)
        .isEqualTo(
            new Identity(
                FakePlatformServer.USER_ID,
                FakePlatformServer.SCREEN_NAME,
                "read-write-directmessages"));
    assertThat(server.received().get(0).rawPath())
        .isEqualTo("/twitter/1.1/account/verify_credentials.json");
  }

  @Test
  void verifyFallsBackToV2WhenTheAppCannotUseV11() throws Exception {
    server.cann(
        "/1.1/account/verify_credentials.json",
        403,
        Map.of(),
        "{\"errors\":[{\"message\":\"You currently have access to a subset of X API v2 endpoints\",\"code\":453}]}");
    Identity id = client.verify(user);
    assertThat(id.screenName()).isEqualTo(FakePlatformServer.SCREEN_NAME);
    assertThat(server.received()).hasSize(2);
    assertThat(server.received().get(1).rawPath()).isEqualTo("/twitter/2/users/me");
  }

  @Test
  void tumblrIdentityIsThePrimaryBlogName() throws Exception {
    try (FakePlatformServer tumblr = FakePlatformServer.start("/tumblr")) {
      tumblr.issue(TOKEN, TOKEN_SECRET);
      ApiClient c =
          client(Platforms.tumblr().withHosts(Hosts.all(tumblr.base())), Clock.systemUTC());
      assertThat(c.verify(user))
          .isEqualTo(new Identity(null, FakePlatformServer.SCREEN_NAME, null));
    }
  }

  @Test
  void unreachableHostIsNamedWithoutCredentials() {
    ApiClient dead =
        client(
            Platforms.twitter().withHosts(Hosts.all(URI.create("http://127.0.0.1:1/twitter"))),
            Clock.systemUTC());
    assertThatThrownBy(() -> dead.send(ApiRequest.get("/2/users/me").build(), user))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "cannot reach twitter at http://127.0.0.1:1 (ConnectException); check the network or the base URL");
  }

  @Test
  void requestCannotSetItsOwnAuthorizationHeader() {
    assertThatThrownBy(() -> ApiRequest.get("/x").header("Authorization", "OAuth x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
