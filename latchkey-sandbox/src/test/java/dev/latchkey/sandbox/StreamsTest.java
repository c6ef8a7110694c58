package dev.latchkey.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** X's v2 streams: rules, newline-delimited tweets, keep-alives, one connection per app. */
class StreamsTest {
  Sandbox sandbox;
  Stream open;

  @AfterEach
  void stop() throws Exception {
    if (open != null) {
      open.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  URI x(String path) {
    return URI.create(sandbox.twitterBase() + path);
  }

  /** A stream being read line by line on its own thread. */
  static final class Stream implements AutoCloseable {
    final HttpResponse<InputStream> response;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    Stream(HttpResponse<InputStream> response) {
      this.response = response;
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                  for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                  }
                } catch (Exception e) {
                  // closed
                }
              });
      reader.setDaemon(true);
      reader.start();
    }

    /** The next line that is not a keep-alive, within the timeout. */
    JsonNode nextTweet(Duration timeout) throws InterruptedException {
      long end = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < end) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line != null && !line.isBlank()) {
          return Api.JSON.valueToTree(parse(line));
        }
      }
      throw new AssertionError("no tweet on the stream within " + timeout);
    }

    private static Object parse(String line) {
      try {
        return Api.JSON.readTree(line);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + line);
      }
    }

    @Override
    public void close() throws Exception {
      response.body().close();
    }
  }

  Stream connect(String path, String bearer) throws Exception {
    HttpResponse<InputStream> r =
        SignedCall.HTTP.send(
            HttpRequest.newBuilder(x(path)).header("Authorization", "Bearer " + bearer).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    return new Stream(r);
  }

  HttpResponse<String> postRules(String bearer, String json, String query) {
    return SignedCall.send(
        HttpRequest.newBuilder(x("/2/tweets/search/stream/rules" + query))
            .header("Authorization", "Bearer " + bearer)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  @Test
  void rulesAreAddedListedValidatedAndDeleted() {
    sandbox = Sandbox.start(SandboxOptions.defaults());
    String bearer = Api.bearer(sandbox, SandboxPlatform.TWITTER);
    JsonNode added =
        Api.ok(
            postRules(
                bearer,
                "{\"add\":[{\"value\":\"coffee has:media\",\"tag\":\"photos\"},"
                    + "{\"value\":\"nosuch:operator\"}]}",
                ""));
    assertThat(added.at("/meta/summary/created").asInt()).isEqualTo(1);
    assertThat(added.at("/meta/summary/invalid").asInt()).isEqualTo(1);
    assertThat(added.at("/errors/0/title").asText()).isEqualTo("UnprocessableEntity");
    String id = added.at("/data/0/id").asText();
    JsonNode dry = Api.ok(postRules(bearer, "{\"add\":[{\"value\":\"tea\"}]}", "?dry_run=true"));
    assertThat(dry.at("/meta/summary/created").asInt()).isEqualTo(1);
    JsonNode listed = Api.ok(Api.get(x("/2/tweets/search/stream/rules"), bearer));
    assertThat(listed.at("/meta/result_count").asInt()).isEqualTo(1);
    assertThat(listed.at("/data/0/value").asText()).isEqualTo("coffee has:media");
    assertThat(listed.at("/data/0/tag").asText()).isEqualTo("photos");
    JsonNode duplicate =
        Api.ok(postRules(bearer, "{\"add\":[{\"value\":\"coffee has:media\"}]}", ""));
    assertThat(duplicate.at("/errors/0/title").asText()).isEqualTo("DuplicateRule");
    assertThat(duplicate.at("/errors/0/id").asText()).isEqualTo(id);
    JsonNode deleted = Api.ok(postRules(bearer, "{\"delete\":{\"ids\":[\"" + id + "\"]}}", ""));
    assertThat(deleted.at("/meta/summary/deleted").asInt()).isEqualTo(1);
    assertThat(Api.ok(Api.get(x("/2/tweets/search/stream/rules"), bearer)).has("data")).isFalse();
  }

  @Test
  void theFilteredStreamDeliversAMatchingTweetWithItsRule() throws Exception {
    sandbox = Sandbox.start(SandboxOptions.defaults());
    String bearer = Api.bearer(sandbox, SandboxPlatform.TWITTER);
    String word = "zq" + Long.toString(System.nanoTime(), 36);
    JsonNode rule =
        Api.ok(postRules(bearer, "{\"add\":[{\"value\":\"" + word + "\",\"tag\":\"mine\"}]}", ""));
    String ruleId = rule.at("/data/0/id").asText();
    open = connect("/2/tweets/search/stream?expansions=author_id", bearer);
    HttpResponse<String> posted =
        SignedCall.post(x("/1.1/statuses/update.json"))
            .keys(sandbox.keys(SandboxPlatform.TWITTER))
            .form("status", "Testing the filtered stream with " + word)
            .send();
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    JsonNode line = open.nextTweet(Duration.ofSeconds(15));
    assertThat(line.at("/data/text").asText()).contains(word);
    assertThat(line.at("/matching_rules/0/id").asText()).isEqualTo(ruleId);
    assertThat(line.at("/matching_rules/0/tag").asText()).isEqualTo("mine");
    assertThat(line.at("/includes/users/0/username").asText()).isEqualTo("ada_sandbox");

    HttpResponse<String> second =
        SignedCall.send(
            HttpRequest.newBuilder(x("/2/tweets/search/stream"))
                .header("Authorization", "Bearer " + bearer)
                .build());
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(Api.json(second).get("connection_issue").asText()).isEqualTo("TooManyConnections");
  }

  @Test
  void anIdleStreamSendsKeepAliveNewlines() throws Exception {
    MutableClock stopped = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    sandbox =
        Sandbox.start(
            SandboxOptions.builder()
                .clock(stopped)
                .streamKeepAlive(Duration.ofMillis(300))
                .build());
    String bearer = Api.bearer(sandbox, SandboxPlatform.TWITTER);
    open = connect("/2/tweets/sample/stream", bearer);
    String line = open.lines.poll(5, TimeUnit.SECONDS);
    assertThat(line).isEmpty();
    String again = open.lines.poll(5, TimeUnit.SECONDS);
    assertThat(again).isEmpty();
  }

  @Test
  void theSampleStreamDeliversTweetsAsTheClockReachesThem() throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    sandbox = Sandbox.start(SandboxOptions.builder().clock(clock).build());
    String bearer = Api.bearer(sandbox, SandboxPlatform.TWITTER);
    open = connect("/2/tweets/sample/stream?tweet.fields=created_at", bearer);
    clock.advance(Duration.ofMinutes(30));
    JsonNode first = open.nextTweet(Duration.ofSeconds(15));
    assertThat(first.at("/data/id").asText()).isNotEmpty();
    Instant created = Instant.parse(first.at("/data/created_at").asText());
    assertThat(created).isAfter(clock.instant().minus(Duration.ofMinutes(31)));
  }

  @Test
  void streamsServeAppOnlyTokensOnly() {
    sandbox = Sandbox.start(SandboxOptions.defaults());
    HttpResponse<String> r =
        SignedCall.get(x("/2/tweets/sample/stream"))
            .keys(sandbox.keys(SandboxPlatform.TWITTER))
            .send();
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(Api.json(r).get("detail").asText())
        .contains("OAuth 1.0a User Context is forbidden")
        .contains("[OAuth 2.0 Application-Only]");
  }
}
