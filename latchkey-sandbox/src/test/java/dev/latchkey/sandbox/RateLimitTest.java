package dev.latchkey.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rate limits as X and Tumblr enforce them, with a short window: 429 with the platform's body, the
 * headers exact, and a fresh window at the very second {@code x-rate-limit-reset} names.
 */
class RateLimitTest {
  final MutableClock clock = new MutableClock(Instant.parse("2030-01-15T10:00:00.250Z"));
  Sandbox sandbox;

  @AfterEach
  void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  void start(SandboxOptions.Builder options) {
    sandbox = Sandbox.start(options.clock(clock).build());
  }

  URI x(String pathAndQuery) {
    return URI.create(sandbox.twitterBase() + pathAndQuery);
  }

  static long reset(HttpResponse<String> r) {
    return Long.parseLong(r.headers().firstValue("x-rate-limit-reset").orElseThrow());
  }

  static String remaining(HttpResponse<String> r) {
    return r.headers().firstValue("x-rate-limit-remaining").orElseThrow();
  }

  @Test
  void v11Answers429Code88AndServesAgainAtTheResetSecond() {
    start(
        SandboxOptions.builder()
            .rateWindow(Duration.ofSeconds(10))
            .rateLimit("/1.1/statuses/user_timeline.json", 2));
    String bearer = Api.bearer(sandbox, SandboxPlatform.TWITTER);
    URI timeline = x("/1.1/statuses/user_timeline.json?screen_name=ada_sandbox&count=1");
    HttpResponse<String> first = Api.get(timeline, bearer);
    assertThat(first.headers().firstValue("x-rate-limit-limit")).hasValue("2");
    assertThat(remaining(first)).isEqualTo("1");
    long reset = reset(first);
    assertThat(reset).isEqualTo(clock.instant().getEpochSecond() + 10);
    assertThat(remaining(Api.get(timeline, bearer))).isEqualTo("0");
    HttpResponse<String> refused = Api.get(timeline, bearer);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.body())
        .isEqualTo("{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}");
    assertThat(remaining(refused)).isEqualTo("0");
    assertThat(reset(refused)).isEqualTo(reset);

    clock.advance(Duration.between(clock.instant(), Instant.ofEpochSecond(reset)).minusMillis(1));
    assertThat(Api.get(timeline, bearer).statusCode()).isEqualTo(429);
    clock.advance(Duration.ofMillis(1));
    HttpResponse<String> again = Api.get(timeline, bearer);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(remaining(again)).isEqualTo("1");
    assertThat(reset(again)).isEqualTo(reset + 10);
  }

  @Test
  void v2AnswersTheTooManyRequestsProblem() {
    start(SandboxOptions.builder().rateLimit("/2/users/:id/tweets", 1));
    String bearer = Api.bearer(sandbox, SandboxPlatform.TWITTER);
    long ada = sandbox.users(SandboxPlatform.TWITTER).get(0).id();
    URI tweets = x("/2/users/" + ada + "/tweets");
    assertThat(Api.get(tweets, bearer).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = Api.get(tweets, bearer);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(refused.body())
        .isEqualTo(
            "{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\","
                + "\"type\":\"about:blank\",\"status\":429}");
    assertThat(reset(refused)).isEqualTo(clock.instant().getEpochSecond() + 900);
  }

  @Test
  void appOnlyAndUserContextCountSeparately() {
    start(SandboxOptions.builder().rateLimit("/1.1/users/show.json", 1));
    String bearer = Api.bearer(sandbox, SandboxPlatform.TWITTER);
    URI show = x("/1.1/users/show.json?screen_name=brook_sandbox");
    assertThat(Api.get(show, bearer).statusCode()).isEqualTo(200);
    assertThat(Api.get(show, bearer).statusCode()).isEqualTo(429);
    HttpResponse<String> user =
        SignedCall.get(x("/1.1/users/show.json"))
            .keys(sandbox.keys(SandboxPlatform.TWITTER))
            .timestamp(clock.instant().getEpochSecond())
            .query("screen_name", "brook_sandbox")
            .send();
    assertThat(user.statusCode()).as(user.body()).isEqualTo(200);
    assertThat(remaining(user)).isEqualTo("0");
  }

  @Test
  void theDocumentedLimitsApplyByDefault() {
    start(SandboxOptions.builder());
    String bearer = Api.bearer(sandbox, SandboxPlatform.TWITTER);
    HttpResponse<String> search = Api.get(x("/1.1/search/tweets.json?q=coffee"), bearer);
    assertThat(search.headers().firstValue("x-rate-limit-limit")).hasValue("450");
    HttpResponse<String> user =
        SignedCall.get(x("/1.1/search/tweets.json"))
            .keys(sandbox.keys(SandboxPlatform.TWITTER))
            .timestamp(clock.instant().getEpochSecond())
            .query("q", "coffee")
            .send();
    assertThat(user.headers().firstValue("x-rate-limit-limit")).hasValue("180");
    assertThat(user.headers().firstValue("x-rate-limit-remaining")).hasValue("179");
  }

  @Test
  void theDailyAppCapRefusesAcrossContexts() {
    start(SandboxOptions.builder().rateLimit("/1.1/statuses/user_timeline.json#24h", 2));
    String bearer = Api.bearer(sandbox, SandboxPlatform.TWITTER);
    URI timeline = x("/1.1/statuses/user_timeline.json?screen_name=ada_sandbox&count=1");
    HttpResponse<String> app = Api.get(timeline, bearer);
    assertThat(app.headers().firstValue("x-app-rate-limit-limit")).hasValue("2");
    assertThat(app.headers().firstValue("x-app-rate-limit-remaining")).hasValue("1");
    HttpResponse<String> user =
        SignedCall.get(x("/1.1/statuses/user_timeline.json"))
            .keys(sandbox.keys(SandboxPlatform.TWITTER))
            .timestamp(clock.instant().getEpochSecond())
            .query("count", "1")
            .send();
    assertThat(user.statusCode()).as(user.body()).isEqualTo(200);
    assertThat(user.headers().firstValue("x-app-rate-limit-remaining")).hasValue("0");
    HttpResponse<String> refused = Api.get(timeline, bearer);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.body()).contains("\"code\":88");
    assertThat(refused.headers().firstValue("x-rate-limit-remaining"))
        .isNotEqualTo(Optional.of("0"));
  }

  @Test
  void tumblrPerHourLimitAnswersLimitExceededUntilTheReset() {
    start(SandboxOptions.builder().rateWindow(Duration.ofSeconds(3)).rateLimit("tumblr/hour", 2));
    String key = sandbox.keys(SandboxPlatform.TUMBLR).consumerKey();
    URI info = URI.create(sandbox.tumblrBase() + "/v2/blog/ada-sandbox/info?api_key=" + key);
    HttpResponse<String> first = Api.get(info);
    assertThat(first.headers().firstValue("X-Ratelimit-Perhour-Limit")).hasValue("2");
    assertThat(first.headers().firstValue("X-Ratelimit-Perhour-Remaining")).hasValue("1");
    assertThat(first.headers().firstValue("X-Ratelimit-Perhour-Reset")).hasValue("12");
    assertThat(first.headers().firstValue("X-Ratelimit-Perday-Limit")).hasValue("5000");
    Api.get(info);
    HttpResponse<String> refused = Api.get(info);
    assertThat(refused.statusCode()).isEqualTo(429);
    JsonNode body = Api.json(refused);
    assertThat(body.at("/meta/status").asInt()).isEqualTo(429);
    assertThat(body.at("/meta/msg").asText()).isEqualTo("Limit Exceeded");
    assertThat(body.get("response").isArray()).isTrue();
    clock.advance(Duration.ofSeconds(12));
    assertThat(Api.get(info).statusCode()).isEqualTo(200);
  }

  @Test
  void theDateHeaderComesFromTheSandboxClock() {
    start(SandboxOptions.builder());
    HttpResponse<String> r = Api.get(URI.create(sandbox.baseUri() + "/sandbox/"));
    ZonedDateTime date =
        ZonedDateTime.parse(
            r.headers().firstValue("Date").orElseThrow(), DateTimeFormatter.RFC_1123_DATE_TIME);
    assertThat(date.toInstant()).isEqualTo(Instant.parse("2030-01-15T10:00:00Z"));
  }

  @Test
  void anUnknownRateLimitPathIsRefusedAtStartNamingTheForm() {
    assertThatThrownBy(
            () -> start(SandboxOptions.builder().rateLimit("/1.1/statuses/user_timeline", 5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'/1.1/statuses/user_timeline'")
        .hasMessageContaining("/2/users/:id/tweets");
  }
}
