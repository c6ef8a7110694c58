package dev.latchkey.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** X API v2 as collectors use it: lookups, fields and expansions, pages, search, writes. */
class V2ApiTest {
  static Sandbox sandbox;
  static SandboxKeys keys;
  static String bearer;

  @BeforeAll
  static void start() {
    sandbox =
        Sandbox.start(
            SandboxOptions.builder()
                .seed(12)
                .rateLimit("/2/users/:id/followers", 1000)
                .rateLimit("/2/users/:id/following", 1000)
                .build());
    keys = sandbox.keys(SandboxPlatform.TWITTER);
    bearer = Api.bearer(sandbox, SandboxPlatform.TWITTER);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static URI api(String pathAndQuery) {
    return URI.create(sandbox.twitterBase() + pathAndQuery);
  }

  static long id(String screenName) {
    return sandbox.users(SandboxPlatform.TWITTER).stream()
        .filter(u -> u.screenName().equals(screenName))
        .findFirst()
        .orElseThrow()
        .id();
  }

  @Test
  void usersLookupsAnswerPartialErrorsWith200() {
    long brook = id("brook_sandbox");
    JsonNode byIds =
        Api.ok(Api.get(api("/2/users?ids=" + brook + ",1&user.fields=created_at"), bearer));
    assertThat(byIds.at("/data/0/username").asText()).isEqualTo("brook_sandbox");
    assertThat(byIds.at("/data/0/created_at").asText()).endsWith(".000Z");
    assertThat(byIds.at("/errors/0/title").asText()).isEqualTo("Not Found Error");
    assertThat(byIds.at("/errors/0/detail").asText())
        .isEqualTo("Could not find user with ids: [1].");
    assertThat(byIds.at("/errors/0/resource_type").asText()).isEqualTo("user");
    JsonNode byNames =
        Api.ok(
            Api.get(api("/2/users/by?usernames=ada_sandbox,banned_sandbox,Nobody_Here"), bearer));
    assertThat(byNames.get("data")).hasSize(1);
    assertThat(byNames.get("errors")).hasSize(2);
    assertThat(byNames.at("/errors/0/detail").asText())
        .isEqualTo("User has been suspended: [banned_sandbox].");
    JsonNode one = Api.ok(Api.get(api("/2/users/" + brook), bearer));
    assertThat(one.toString())
        .isEqualTo(
            "{\"data\":{\"id\":\""
                + brook
                + "\",\"name\":\"Brook Sandbox\",\"username\":\"brook_sandbox\"}}");
    HttpResponse<String> bad = Api.get(api("/2/users?ids=abc"), bearer);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"parameters\":{\"ids\":[\"abc\"]}");
  }

  @Test
  void fieldsAndExpansionsFillIncludes() {
    long brook = id("brook_sandbox");
    JsonNode page =
        Api.ok(
            Api.get(
                api(
                    "/2/users/"
                        + brook
                        + "/tweets?max_results=100&tweet.fields=created_at,author_id,entities,"
                        + "referenced_tweets,public_metrics,attachments,conversation_id"
                        + "&expansions=author_id,referenced_tweets.id,referenced_tweets.id.author_id,"
                        + "attachments.media_keys,entities.mentions.username"
                        + "&user.fields=public_metrics,url,profile_image_url,verified"
                        + "&media.fields=url,width,height"),
                bearer));
    JsonNode data = page.get("data");
    assertThat(data).isNotEmpty();
    JsonNode first = data.get(0);
    List<String> keys = new ArrayList<>();
    first.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).isSorted();
    assertThat(first.get("created_at").asText()).matches(".*T\\d\\d:\\d\\d:\\d\\d\\.000Z");
    JsonNode includes = page.get("includes");
    Set<String> userIds = new HashSet<>();
    includes.get("users").forEach(u -> userIds.add(u.get("id").asText()));
    assertThat(userIds).contains(Long.toString(brook));
    assertThat(includes.at("/users/0/public_metrics/followers_count").isInt()).isTrue();
    boolean referenced = false;
    boolean media = false;
    for (JsonNode t : data) {
      if (t.has("referenced_tweets")) {
        referenced = true;
        assertThat(t.at("/referenced_tweets/0/type").asText())
            .isIn("retweeted", "quoted", "replied_to");
      }
      if (t.has("attachments")) {
        media = true;
      }
    }
    assertThat(referenced).isTrue();
    assertThat(media).isTrue();
    assertThat(includes.get("tweets")).isNotEmpty();
    assertThat(includes.at("/media/0/type").asText()).isEqualTo("photo");
    assertThat(includes.at("/media/0/media_key").asText()).startsWith("3_");
    HttpResponse<String> unknown =
        Api.get(api("/2/users/" + brook + "/tweets?tweet.fields=bogus"), bearer);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body())
        .contains("The `tweet.fields` query parameter value [bogus] is not one of [");
    JsonNode post =
        Api.ok(Api.get(api("/2/users/" + brook + "/tweets?post.fields=created_at"), bearer));
    assertThat(post.at("/data/0/created_at").isTextual()).isTrue();
  }

  @Test
  void userTweetsPageToTheCapWithPaginationToken() {
    long prolific = id("capped_sandbox");
    List<String> ids = new ArrayList<>();
    String token = null;
    do {
      JsonNode page =
          Api.ok(
              Api.get(
                  api(
                      "/2/users/"
                          + prolific
                          + "/tweets?max_results=100"
                          + (token == null ? "" : "&pagination_token=" + token)),
                  bearer));
      page.get("data").forEach(t -> ids.add(t.get("id").asText()));
      assertThat(page.at("/meta/result_count").asInt()).isEqualTo(page.get("data").size());
      token =
          page.at("/meta/next_token").isMissingNode() ? null : page.at("/meta/next_token").asText();
    } while (token != null);
    assertThat(ids).hasSize(3200).doesNotHaveDuplicates();
    JsonNode repliesExcluded =
        Api.ok(
            Api.get(
                api("/2/users/" + prolific + "/tweets?max_results=100&exclude=replies,retweets"),
                bearer));
    assertThat(repliesExcluded.get("data")).isNotEmpty();
  }

  @Test
  void sinceIdAndUntilIdAreExclusive() {
    long brook = id("brook_sandbox");
    JsonNode page = Api.ok(Api.get(api("/2/users/" + brook + "/tweets?max_results=5"), bearer));
    String newest = page.at("/data/0/id").asText();
    String third = page.at("/data/2/id").asText();
    JsonNode since =
        Api.ok(Api.get(api("/2/users/" + brook + "/tweets?since_id=" + third), bearer));
    assertThat(since.get("data")).hasSize(2);
    JsonNode until =
        Api.ok(
            Api.get(api("/2/users/" + brook + "/tweets?max_results=5&until_id=" + newest), bearer));
    assertThat(until.at("/data/0/id").asText()).isEqualTo(page.at("/data/1/id").asText());
  }

  @Test
  void protectedAndSuspendedTimelinesAnswer200WithAnError() {
    long priv = id("private_sandbox");
    JsonNode hidden = Api.ok(Api.get(api("/2/users/" + priv + "/tweets"), bearer));
    assertThat(hidden.has("data")).isFalse();
    assertThat(hidden.at("/errors/0/title").asText()).isEqualTo("Authorization Error");
    assertThat(hidden.at("/errors/0/type").asText())
        .isEqualTo("https://api.twitter.com/2/problems/not-authorized-for-resource");
    JsonNode own =
        Api.ok(
            SignedCall.get(api("/2/users/" + priv + "/tweets"))
                .keys(SandboxIds.tokenFor(sandbox, "private_sandbox"))
                .send());
    assertThat(own.get("data")).isNotEmpty();
  }

  @Test
  void followersPageWithSixteenCharacterTokens() {
    long popular = id("popular_sandbox");
    Set<String> seen = new HashSet<>();
    String token = null;
    int pages = 0;
    do {
      JsonNode page =
          Api.ok(
              Api.get(
                  api(
                      "/2/users/"
                          + popular
                          + "/followers?max_results=1000"
                          + (token == null ? "" : "&pagination_token=" + token)),
                  bearer));
      page.get("data").forEach(u -> seen.add(u.get("id").asText()));
      token =
          page.at("/meta/next_token").isMissingNode() ? null : page.at("/meta/next_token").asText();
      if (token != null) {
        assertThat(token).hasSizeGreaterThanOrEqualTo(16).matches("[A-Z0-9]+");
      }
      pages++;
    } while (token != null && pages < 5);
    assertThat(seen).hasSize(5000);
    JsonNode following =
        Api.ok(Api.get(api("/2/users/" + id("ada_sandbox") + "/following"), bearer));
    assertThat(following.at("/meta/result_count").asInt()).isPositive();
  }

  @Test
  void likedTweetsRefuseAppOnlyAsTheOpenApiSays() {
    long brook = id("brook_sandbox");
    HttpResponse<String> refused = Api.get(api("/2/users/" + brook + "/liked_tweets"), bearer);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(Api.json(refused).get("title").asText()).isEqualTo("Unsupported Authentication");
    JsonNode liked =
        Api.ok(SignedCall.get(api("/2/users/" + brook + "/liked_tweets")).keys(keys).send());
    assertThat(liked.get("data")).isNotEmpty();
  }

  @Test
  void countsRefuseOAuth1AndCountPerHour() {
    HttpResponse<String> refused =
        SignedCall.get(api("/2/tweets/counts/recent"))
            .keys(keys)
            .query("query", "from:ada_sandbox")
            .send();
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(Api.json(refused).get("detail").asText())
        .contains("OAuth 1.0a User Context is forbidden")
        .contains("[OAuth 2.0 Application-Only, OAuth 2.0 User Context]");
    JsonNode counts =
        Api.ok(
            Api.get(
                api("/2/tweets/counts/recent?query=from%3Abrook_sandbox&granularity=day"), bearer));
    long total = counts.at("/meta/total_tweet_count").asLong();
    long sum = 0;
    for (JsonNode bucket : counts.get("data")) {
      sum += bucket.get("tweet_count").asLong();
      assertThat(bucket.get("start").asText()).endsWith(".000Z");
    }
    assertThat(sum).isEqualTo(total).isPositive();
    JsonNode search =
        Api.ok(
            Api.get(
                api("/2/tweets/search/recent?query=from%3Abrook_sandbox&max_results=100"), bearer));
    assertThat(search.at("/meta/result_count").asLong()).isEqualTo(total);
  }

  @Test
  void recentSearchPagesWithNextTokenAndRefusesOldStartTimes() {
    List<String> ids = new ArrayList<>();
    String token = null;
    do {
      JsonNode page =
          Api.ok(
              Api.get(
                  api(
                      "/2/tweets/search/recent?query=from%3Abrook_sandbox%20-is%3Aretweet"
                          + "&max_results=10"
                          + (token == null ? "" : "&next_token=" + token)),
                  bearer));
      if (page.has("data")) {
        page.get("data").forEach(t -> ids.add(t.get("id").asText()));
      }
      token =
          page.at("/meta/next_token").isMissingNode() ? null : page.at("/meta/next_token").asText();
    } while (token != null);
    assertThat(ids).isNotEmpty().doesNotHaveDuplicates();
    String eightDaysAgo =
        Instant.now().minus(8, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    HttpResponse<String> old =
        Api.get(api("/2/tweets/search/recent?query=coffee&start_time=" + eightDaysAgo), bearer);
    assertThat(old.statusCode()).isEqualTo(400);
    assertThat(old.body()).contains("start_time");
    JsonNode none =
        Api.ok(Api.get(api("/2/tweets/search/recent?query=from%3Anobody_here"), bearer));
    assertThat(none.toString()).isEqualTo("{\"meta\":{\"result_count\":0}}");
  }

  @Test
  void tweetLookupsAnswerMissingAndProtectedTweetsAsPartialErrors() {
    long brook = id("brook_sandbox");
    String visible =
        Api.ok(Api.get(api("/2/users/" + brook + "/tweets?max_results=5"), bearer))
            .at("/data/0/id")
            .asText();
    String deleted = SandboxIds.fromIndex(sandbox, "twitter-deleted");
    String hidden = SandboxIds.fromIndex(sandbox, "twitter-protected-item");
    JsonNode many =
        Api.ok(Api.get(api("/2/tweets?ids=" + visible + "," + deleted + "," + hidden), bearer));
    assertThat(many.get("data")).hasSize(1);
    assertThat(many.at("/errors/0/title").asText()).isEqualTo("Not Found Error");
    assertThat(many.at("/errors/1/title").asText()).isEqualTo("Authorization Error");
    JsonNode one = Api.ok(Api.get(api("/2/tweets/" + visible + "?expansions=author_id"), bearer));
    assertThat(one.at("/data/id").asText()).isEqualTo(visible);
    assertThat(one.at("/includes/users/0/id").asText()).isEqualTo(Long.toString(brook));
  }

  @Test
  void postingAndDeletingATweet() {
    SandboxKeys app =
        sandbox.registerApp(SandboxPlatform.TWITTER, "Writer", "read-write", List.of());
    String text = "Hello from v2 " + System.nanoTime();
    HttpResponse<String> created =
        SignedCall.send(
            HttpRequest.newBuilder(api("/2/tweets"))
                .header("Content-Type", "application/json")
                .header(
                    "Authorization",
                    SignedCall.post(api("/2/tweets")).keys(app).authorizationHeader())
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}"))
                .build());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = Api.json(created).at("/data/id").asText();
    assertThat(Api.json(created).at("/data/edit_history_tweet_ids/0").asText()).isEqualTo(id);
    JsonNode shown = Api.ok(Api.get(api("/2/tweets/" + id), bearer));
    assertThat(shown.at("/data/text").asText()).isEqualTo(text);
    HttpResponse<String> duplicate =
        SignedCall.send(
            HttpRequest.newBuilder(api("/2/tweets"))
                .header("Content-Type", "application/json")
                .header(
                    "Authorization",
                    SignedCall.post(api("/2/tweets")).keys(app).authorizationHeader())
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}"))
                .build());
    assertThat(duplicate.statusCode()).isEqualTo(403);
    assertThat(duplicate.body()).contains("duplicate content");
    HttpResponse<String> deleted =
        SignedCall.send(
            HttpRequest.newBuilder(api("/2/tweets/" + id))
                .header(
                    "Authorization",
                    SignedCall.of("DELETE", api("/2/tweets/" + id)).keys(app).authorizationHeader())
                .DELETE()
                .build());
    assertThat(Api.ok(deleted).toString()).isEqualTo("{\"data\":{\"deleted\":true}}");
    JsonNode gone = Api.ok(Api.get(api("/2/tweets/" + id), bearer));
    assertThat(gone.at("/errors/0/title").asText()).isEqualTo("Not Found Error");
  }

  @Test
  void mentionsOfAUserMentionTheUser() {
    long ada = id("ada_sandbox");
    JsonNode page =
        Api.ok(
            Api.get(
                api("/2/users/" + ada + "/mentions?max_results=20&tweet.fields=entities"), bearer));
    assertThat(page.get("data")).isNotEmpty();
    for (JsonNode t : page.get("data")) {
      List<String> names = new ArrayList<>();
      t.at("/entities/mentions").forEach(m -> names.add(m.get("username").asText()));
      assertThat(names).contains("ada_sandbox");
    }
  }
}
