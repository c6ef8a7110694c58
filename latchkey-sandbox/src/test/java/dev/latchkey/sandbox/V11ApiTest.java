package dev.latchkey.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** X API v1.1 as a collector uses it, over real HTTP: reads, auth rules, pagination, errors. */
class V11ApiTest {
  static final DateTimeFormatter CREATED_AT =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT);

  static Sandbox sandbox;
  static SandboxKeys keys;
  static String bearer;

  @BeforeAll
  static void start() {
    SandboxOptions.Builder options = SandboxOptions.builder().seed(11);
    for (String path :
        List.of(
            "/1.1/followers/ids.json",
            "/1.1/followers/list.json",
            "/1.1/friends/ids.json",
            "/1.1/friends/list.json")) {
      options.rateLimit(path, 1000);
    }
    sandbox = Sandbox.start(options.build());
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

  static SignedCall signed(String path) {
    return SignedCall.get(api(path)).keys(keys);
  }

  static SandboxUser named(String screenName) {
    return sandbox.users(SandboxPlatform.TWITTER).stream()
        .filter(u -> u.screenName().equals(screenName))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void appOnlyBearerReadsAUserTimelineAsTheSeedLessonDoes() {
    HttpResponse<String> r =
        Api.get(api("/1.1/statuses/user_timeline.json?screen_name=brook_sandbox&count=3"), bearer);
    JsonNode tweets = Api.ok(r);
    assertThat(tweets).hasSize(3);
    assertThat(tweets.get(0).at("/user/screen_name").asText()).isEqualTo("brook_sandbox");
    assertThat(r.headers().firstValue("x-rate-limit-limit")).hasValue("1500");
    assertThat(r.headers().firstValue("x-access-level")).hasValue("read-write");
    assertThat(r.headers().firstValue("x-app-rate-limit-limit")).hasValue("100000");
    JsonNode user = Api.ok(Api.get(api("/1.1/users/show.json?screen_name=cyd_sandbox"), bearer));
    assertThat(user.get("screen_name").asText()).isEqualTo("cyd_sandbox");
  }

  @Test
  void appOnlyIsRefusedWhereAUserIsNeededWithCode220() {
    for (String path :
        List.of(
            "/1.1/account/verify_credentials.json",
            "/1.1/statuses/home_timeline.json",
            "/1.1/statuses/mentions_timeline.json")) {
      HttpResponse<String> r = Api.get(api(path), bearer);
      assertThat(r.statusCode()).as(path).isEqualTo(403);
      assertThat(r.body())
          .isEqualTo(
              "{\"errors\":[{\"code\":220,\"message\":\"Your credentials do not allow access to"
                  + " this resource\"}]}");
    }
  }

  @Test
  void newestTweetsAreMinutesToHoursOldAndTimesFollowTheClock() {
    JsonNode page =
        Api.ok(
            signed("/1.1/statuses/user_timeline.json")
                .query("screen_name", "brook_sandbox")
                .send());
    Instant newest = Instant.from(CREATED_AT.parse(page.get(0).get("created_at").asText()));
    assertThat(Duration.between(newest, Instant.now()))
        .isPositive()
        .isLessThan(Duration.ofHours(12));
  }

  @Test
  void userTimelineServesExactlyThe3200NewestTweetsThroughMaxIdPages() {
    List<Long> ids = new ArrayList<>();
    long maxId = -1;
    while (true) {
      SignedCall call =
          signed("/1.1/statuses/user_timeline.json")
              .query("screen_name", "capped_sandbox")
              .query("count", "200")
              .query("trim_user", "true");
      if (maxId > 0) {
        call.query("max_id", Long.toString(maxId));
      }
      JsonNode page = Api.ok(call.send());
      if (page.isEmpty()) {
        break;
      }
      for (JsonNode t : page) {
        long id = t.get("id").asLong();
        if (!ids.isEmpty()) {
          assertThat(id).isLessThan(ids.get(ids.size() - 1));
        }
        ids.add(id);
      }
      maxId = ids.get(ids.size() - 1) - 1;
    }
    assertThat(ids).hasSize(3200).doesNotHaveDuplicates();
    JsonNode user =
        Api.ok(signed("/1.1/users/show.json").query("screen_name", "capped_sandbox").send());
    assertThat(user.get("statuses_count").asInt()).isGreaterThan(3200);
  }

  @Test
  void usersLookupDropsUnknownAndSuspendedUsersAndIs404WhenNoneMatch() {
    JsonNode found =
        Api.ok(
            Api.get(
                api(
                    "/1.1/users/lookup.json?screen_name=ada_sandbox,nobody_here,banned_sandbox"
                        + "&user_id="
                        + named("brook_sandbox").id()),
                bearer));
    Set<String> names = new HashSet<>();
    found.forEach(u -> names.add(u.get("screen_name").asText()));
    assertThat(names).containsExactlyInAnyOrder("ada_sandbox", "brook_sandbox");
    assertThat(found.get(0).has("profile_location")).isTrue();
    HttpResponse<String> none =
        Api.get(api("/1.1/users/lookup.json?screen_name=nobody_here"), bearer);
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.body()).contains("\"code\":17");
    HttpResponse<String> suspended =
        Api.get(api("/1.1/users/show.json?screen_name=banned_sandbox"), bearer);
    assertThat(suspended.statusCode()).isEqualTo(403);
    assertThat(suspended.body()).contains("\"code\":63");
  }

  @Test
  void statusesShowAnswers144ForDeleted179ForProtectedAnd63ForSuspended() {
    String deleted = deletedTweetId();
    HttpResponse<String> gone = Api.get(api("/1.1/statuses/show.json?id=" + deleted), bearer);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.body()).contains("\"code\":144").contains("No status found with that ID.");
    long protectedTweet = newestTweetOf("private_sandbox");
    HttpResponse<String> hidden =
        Api.get(api("/1.1/statuses/show/" + protectedTweet + ".json"), bearer);
    assertThat(hidden.statusCode()).isEqualTo(403);
    assertThat(hidden.body()).contains("\"code\":179");
    long suspendedTweet = newestTweetOf("banned_sandbox");
    HttpResponse<String> banned =
        Api.get(api("/1.1/statuses/show.json?id=" + suspendedTweet), bearer);
    assertThat(banned.statusCode()).isEqualTo(403);
    assertThat(banned.body()).contains("\"code\":63");
    long visible = newestTweetOf("brook_sandbox");
    JsonNode shown = Api.ok(Api.get(api("/1.1/statuses/show.json?id=" + visible), bearer));
    assertThat(shown.get("id_str").asText()).isEqualTo(Long.toString(visible));
  }

  /** The id of a seeded tweet the sandbox says was deleted, from its index page. */
  static String deletedTweetId() {
    String page = Api.get(URI.create(sandbox.baseUri() + "/sandbox/")).body();
    int at = page.indexOf("id=\"twitter-deleted\">") + "id=\"twitter-deleted\">".length();
    return page.substring(at, page.indexOf('<', at));
  }

  /** The newest tweet id of a user, from the v2 timeline of the user id (owner's token). */
  static long newestTweetOf(String screenName) {
    SandboxUser u = named(screenName);
    // The owner's token cannot read protected timelines; the search index can tell the id of a
    // seeded tweet only when it is visible, so ask the sandbox's own data through the API of a
    // follower-free path: the users/show status is hidden too. Use the id the sandbox would give.
    return SandboxIds.newestTweet(sandbox, u);
  }

  @Test
  void statusesLookupMapsMissingIdsToNullWithMapTrue() {
    long visible = newestTweetOf("brook_sandbox");
    String deleted = deletedTweetId();
    JsonNode list =
        Api.ok(Api.get(api("/1.1/statuses/lookup.json?id=" + visible + "," + deleted), bearer));
    assertThat(list).hasSize(1);
    JsonNode map =
        Api.ok(
            Api.get(
                api("/1.1/statuses/lookup.json?map=true&id=" + visible + "," + deleted), bearer));
    assertThat(map.at("/id/" + visible + "/id_str").asText()).isEqualTo(Long.toString(visible));
    assertThat(map.at("/id/" + deleted).isNull()).isTrue();
  }

  @Test
  void searchPagesWithNextResultsToTheEndWithinSevenDays() {
    List<Long> ids = new ArrayList<>();
    String next = "?q=from%3Abrook_sandbox&count=15";
    Instant weekAgo = Instant.now().minus(Duration.ofDays(7)).minusSeconds(60);
    int pages = 0;
    while (next != null) {
      JsonNode body = Api.ok(Api.get(api("/1.1/search/tweets.json" + next), bearer));
      for (JsonNode t : body.get("statuses")) {
        assertThat(t.at("/user/screen_name").asText()).isEqualTo("brook_sandbox");
        assertThat(t.at("/metadata/result_type").asText()).isEqualTo("recent");
        assertThat(Instant.from(CREATED_AT.parse(t.get("created_at").asText()))).isAfter(weekAgo);
        ids.add(t.get("id").asLong());
      }
      JsonNode meta = body.get("search_metadata");
      assertThat(meta.get("query").asText()).isEqualTo("from%3Abrook_sandbox");
      next = meta.has("next_results") ? meta.get("next_results").asText() : null;
      pages++;
    }
    assertThat(pages).isGreaterThan(1);
    assertThat(ids).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
    int timeline =
        Api.ok(
                signed("/1.1/statuses/user_timeline.json")
                    .query("screen_name", "brook_sandbox")
                    .query("count", "200")
                    .send())
            .size();
    assertThat(ids.size()).isGreaterThan(10).isLessThan(timeline);
  }

  @Test
  void searchMatchesKeywordsHashtagsAndOperators() {
    JsonNode tagged = Api.ok(Api.get(api("/1.1/search/tweets.json?q=%23coffee&count=20"), bearer));
    assertThat(tagged.get("statuses")).isNotEmpty();
    for (JsonNode t : tagged.get("statuses")) {
      List<String> tags = new ArrayList<>();
      t.at("/entities/hashtags").forEach(h -> tags.add(h.get("text").asText()));
      if (t.has("retweeted_status")) {
        continue;
      }
      assertThat(tags).contains("coffee");
    }
    JsonNode noRetweets =
        Api.ok(Api.get(api("/1.1/search/tweets.json?q=garden%20-is%3Aretweet&count=30"), bearer));
    for (JsonNode t : noRetweets.get("statuses")) {
      assertThat(t.has("retweeted_status")).isFalse();
      assertThat(t.get("text").asText().toLowerCase(Locale.ROOT)).contains("garden");
    }
    HttpResponse<String> missing = Api.get(api("/1.1/search/tweets.json"), bearer);
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("\"code\":25");
  }

  @Test
  void followersIdsOfThePopularAccountPageToExactly100000() {
    Set<Long> ids = new HashSet<>();
    String cursor = "-1";
    int pages = 0;
    while (!cursor.equals("0")) {
      JsonNode page =
          Api.ok(
              Api.get(
                  api(
                      "/1.1/followers/ids.json?screen_name=popular_sandbox&count=5000&cursor="
                          + cursor),
                  bearer));
      page.get("ids").forEach(id -> ids.add(id.asLong()));
      cursor = page.get("next_cursor_str").asText();
      pages++;
    }
    assertThat(pages).isEqualTo(20);
    assertThat(ids).hasSize(100_000);
    JsonNode user =
        Api.ok(Api.get(api("/1.1/users/show.json?screen_name=popular_sandbox"), bearer));
    assertThat(user.get("followers_count").asInt()).isEqualTo(100_000);
  }

  @Test
  void friendsAndFollowersAgreeBothWays() {
    SandboxUser brook = named("brook_sandbox");
    JsonNode friends =
        Api.ok(Api.get(api("/1.1/friends/ids.json?screen_name=brook_sandbox"), bearer));
    assertThat(friends.get("ids")).isNotEmpty();
    assertThat(friends.get("next_cursor").asLong()).isZero();
    int checked = 0;
    for (JsonNode friend : friends.get("ids")) {
      if (checked++ == 3) {
        break;
      }
      Set<Long> followers = new HashSet<>();
      String cursor = "-1";
      while (!cursor.equals("0")) {
        JsonNode page =
            Api.ok(
                Api.get(
                    api("/1.1/followers/ids.json?user_id=" + friend.asLong() + "&cursor=" + cursor),
                    bearer));
        page.get("ids").forEach(id -> followers.add(id.asLong()));
        cursor = page.get("next_cursor_str").asText();
      }
      assertThat(followers).contains(brook.id());
    }
    JsonNode list =
        Api.ok(Api.get(api("/1.1/friends/list.json?screen_name=brook_sandbox&count=5"), bearer));
    assertThat(list.get("users").size()).isLessThanOrEqualTo(5);
    assertThat(list.get("users").get(0).has("screen_name")).isTrue();
    assertThat(list.has("next_cursor_str")).isTrue();
  }

  @Test
  void followersListPagesWithCursorsBackAndForth() {
    JsonNode first =
        Api.ok(
            Api.get(api("/1.1/followers/list.json?screen_name=popular_sandbox&count=3"), bearer));
    assertThat(first.get("users")).hasSize(3);
    assertThat(first.get("previous_cursor").asLong()).isZero();
    JsonNode second =
        Api.ok(
            Api.get(
                api(
                    "/1.1/followers/list.json?screen_name=popular_sandbox&count=3&cursor="
                        + first.get("next_cursor_str").asText()),
                bearer));
    assertThat(second.get("users").get(0).get("id").asLong())
        .isNotEqualTo(first.get("users").get(0).get("id").asLong());
    JsonNode back =
        Api.ok(
            Api.get(
                api(
                    "/1.1/followers/list.json?screen_name=popular_sandbox&count=3&cursor="
                        + second.get("previous_cursor_str").asText()),
                bearer));
    assertThat(back.get("users").get(0).get("id").asLong())
        .isEqualTo(first.get("users").get(0).get("id").asLong());
  }

  @Test
  void tweetsCarryEntitiesMediaRetweetsQuotesAndReplies() {
    JsonNode page =
        Api.ok(
            signed("/1.1/statuses/user_timeline.json")
                .query("screen_name", "brook_sandbox")
                .query("count", "200")
                .query("tweet_mode", "extended")
                .send());
    Map<String, Integer> seen = new java.util.HashMap<>();
    for (JsonNode t : page) {
      String text = t.get("full_text").asText();
      if (t.has("retweeted_status")) {
        seen.merge("retweet", 1, Integer::sum);
        assertThat(text).startsWith("RT @");
      }
      if (t.get("is_quote_status").asBoolean()) {
        seen.merge("quote", 1, Integer::sum);
        assertThat(t.get("quoted_status_id_str").asText()).isNotEmpty();
      }
      if (!t.get("in_reply_to_status_id").isNull()) {
        seen.merge("reply", 1, Integer::sum);
        assertThat(text).startsWith("@" + t.get("in_reply_to_screen_name").asText());
      }
      if (t.at("/entities/media").isArray()) {
        seen.merge("media", 1, Integer::sum);
        assertThat(t.at("/extended_entities/media/0/type").asText()).isEqualTo("photo");
      }
      for (String kind : List.of("hashtags", "user_mentions", "urls")) {
        for (JsonNode e : t.at("/entities/" + kind)) {
          seen.merge(kind, 1, Integer::sum);
          int start = e.at("/indices/0").asInt();
          int end = e.at("/indices/1").asInt();
          String span =
              text.substring(text.offsetByCodePoints(0, start), text.offsetByCodePoints(0, end));
          String expected =
              switch (kind) {
                case "hashtags" -> "#" + e.get("text").asText();
                case "user_mentions" -> "@" + e.get("screen_name").asText();
                default -> e.get("url").asText();
              };
          assertThat(span).isEqualTo(expected);
        }
      }
    }
    assertThat(seen)
        .containsKeys("retweet", "quote", "reply", "media", "hashtags", "user_mentions", "urls");
  }

  @Test
  void usersHaveAUrlABannerAndAProfileLocation() {
    JsonNode user =
        Api.ok(Api.get(api("/1.1/users/show.json?screen_name=popular_sandbox"), bearer));
    assertThat(user.get("url").asText()).startsWith("https://t.co/");
    assertThat(user.at("/entities/url/urls/0/expanded_url").asText()).startsWith("https://");
    assertThat(user.get("profile_banner_url").asText())
        .startsWith("https://pbs.twimg.com/profile_banners/" + user.get("id_str").asText());
    assertThat(user.get("profile_location").isObject() || user.get("profile_location").isNull())
        .isTrue();
    JsonNode ada = Api.ok(Api.get(api("/1.1/users/show.json?screen_name=ada_sandbox"), bearer));
    assertThat(ada.at("/profile_location/name").asText()).isEqualTo("Lisbon");
  }

  @Test
  void homeAndMentionTimelinesServeTheUser() {
    JsonNode home = Api.ok(signed("/1.1/statuses/home_timeline.json").query("count", "50").send());
    assertThat(home).isNotEmpty();
    Set<String> authors = new HashSet<>();
    home.forEach(t -> authors.add(t.at("/user/screen_name").asText()));
    assertThat(authors.size()).isGreaterThan(1);
    JsonNode mentions =
        Api.ok(signed("/1.1/statuses/mentions_timeline.json").query("count", "20").send());
    for (JsonNode t : mentions) {
      List<String> mentioned = new ArrayList<>();
      t.at("/entities/user_mentions").forEach(m -> mentioned.add(m.get("screen_name").asText()));
      assertThat(mentioned).contains("ada_sandbox");
    }
  }

  @Test
  void protectedTimelineIsNotAuthorizedUnlessTheCallerIsTheUserOrFollows() {
    HttpResponse<String> refused =
        Api.get(api("/1.1/statuses/user_timeline.json?screen_name=private_sandbox"), bearer);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body())
        .isEqualTo(
            "{\"request\":\"/1.1/statuses/user_timeline.json\",\"error\":\"Not authorized.\"}");
    SandboxKeys own = SandboxIds.tokenFor(sandbox, "private_sandbox");
    JsonNode mine =
        Api.ok(
            SignedCall.get(api("/1.1/statuses/user_timeline.json"))
                .keys(own)
                .query("screen_name", "private_sandbox")
                .send());
    assertThat(mine).isNotEmpty();
  }

  @Test
  void favoritesTrendsAndRateLimitStatus() {
    JsonNode likes =
        Api.ok(Api.get(api("/1.1/favorites/list.json?screen_name=brook_sandbox&count=5"), bearer));
    assertThat(likes.size()).isBetween(1, 5);
    JsonNode trends = Api.ok(Api.get(api("/1.1/trends/place.json?id=1"), bearer));
    assertThat(trends.at("/0/trends")).hasSize(10);
    assertThat(trends.at("/0/locations/0/name").asText()).isEqualTo("Worldwide");
    assertThat(Api.get(api("/1.1/trends/place.json?id=999"), bearer).statusCode()).isEqualTo(404);
    JsonNode places = Api.ok(Api.get(api("/1.1/trends/available.json"), bearer));
    assertThat(places.get(0).get("woeid").asLong()).isEqualTo(1);
    JsonNode app =
        Api.ok(
            Api.get(
                api("/1.1/application/rate_limit_status.json?resources=statuses,search"), bearer));
    assertThat(app.at("/rate_limit_context/application").asText()).isEqualTo(keys.consumerKey());
    assertThat(app.at("/resources/statuses/~1statuses~1user_timeline/limit").asInt())
        .isEqualTo(1500);
    assertThat(app.at("/resources/search/~1search~1tweets/limit").asInt()).isEqualTo(450);
    assertThat(app.at("/resources/users").isMissingNode()).isTrue();
    JsonNode user = Api.ok(signed("/1.1/application/rate_limit_status.json").send());
    assertThat(user.at("/rate_limit_context/access_token").asText()).isEqualTo(keys.accessToken());
    assertThat(user.at("/resources/statuses/~1statuses~1user_timeline/limit").asInt())
        .isEqualTo(900);
  }

  @Test
  void aDuplicateStatusIsRefusedWith403Code187() {
    SandboxKeys app =
        sandbox.registerApp(SandboxPlatform.TWITTER, "Duplicates", "read-write", List.of());
    String text = "Posting the same thing twice " + System.nanoTime();
    HttpResponse<String> first =
        SignedCall.post(api("/1.1/statuses/update.json")).keys(app).form("status", text).send();
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    HttpResponse<String> again =
        SignedCall.post(api("/1.1/statuses/update.json")).keys(app).form("status", text).send();
    assertThat(again.statusCode()).isEqualTo(403);
    assertThat(again.body())
        .isEqualTo("{\"errors\":[{\"code\":187,\"message\":\"Status is a duplicate.\"}]}");
  }

  @Test
  void invalidateTokenRevokesTheOAuth1TokenAsXDocuments() {
    SandboxKeys app =
        sandbox.registerApp(SandboxPlatform.TWITTER, "Short-lived", "read", List.of());
    JsonNode answer = Api.ok(SignedCall.post(api("/1.1/oauth/invalidate_token")).keys(app).send());
    assertThat(answer.toString()).isEqualTo("{\"access_token\":\"" + app.accessToken() + "\"}");
    HttpResponse<String> after =
        SignedCall.get(api("/1.1/account/verify_credentials.json")).keys(app).send();
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(after.body()).contains("\"code\":89");
  }

  @Test
  void createdAtIsInXsV11Format() {
    String created =
        Api.ok(Api.get(api("/1.1/users/show.json?screen_name=ada_sandbox"), bearer))
            .get("created_at")
            .asText();
    assertThat(Instant.from(CREATED_AT.parse(created)).atOffset(ZoneOffset.UTC).getYear())
        .isBetween(2012, 2015);
  }
}
