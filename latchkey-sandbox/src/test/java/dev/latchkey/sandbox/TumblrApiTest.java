package dev.latchkey.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tumblr API v2 as tumblr.js and pytumblr use it: posts in every type and form, pages, likes. */
class TumblrApiTest {
  static Sandbox sandbox;
  static SandboxKeys keys;
  static String key;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.builder().seed(13).build());
    keys = sandbox.keys(SandboxPlatform.TUMBLR);
    key = keys.consumerKey();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static URI api(String pathAndQuery) {
    return URI.create(sandbox.tumblrBase() + pathAndQuery);
  }

  static JsonNode response(HttpResponse<String> r) {
    JsonNode body = Api.ok(r);
    assertThat(body.at("/meta/status").asInt()).isEqualTo(200);
    assertThat(body.at("/meta/msg").asText()).isEqualTo("OK");
    return body.get("response");
  }

  @Test
  void postsOfEveryTypeInLegacyAndNpfForm() {
    Set<String> types = new HashSet<>();
    JsonNode first = null;
    for (int offset = 0; offset < 200 && types.size() < 8; offset += 20) {
      JsonNode page =
          response(
              Api.get(api("/v2/blog/prolific-sandbox/posts?api_key=" + key + "&offset=" + offset)));
      for (JsonNode p : page.get("posts")) {
        String type = p.get("type").asText();
        types.add(type);
        assertThat(p.get("is_blocks_post_format").asBoolean()).isFalse();
        switch (type) {
          case "text" -> assertThat(p.get("body").asText()).startsWith("<p>");
          case "photo" -> assertThat(p.at("/photos/0/alt_sizes")).isNotEmpty();
          case "quote" -> assertThat(p.has("source")).isTrue();
          case "link" -> assertThat(p.get("url").asText()).startsWith("https://");
          case "chat" -> assertThat(p.get("dialogue")).isNotEmpty();
          case "audio" -> assertThat(p.has("player")).isTrue();
          case "video" -> assertThat(p.get("player")).hasSize(3);
          case "answer" -> assertThat(p.has("question")).isTrue();
          default -> throw new AssertionError("unknown type " + type);
        }
        if (first == null) {
          first = p;
        }
      }
    }
    assertThat(types)
        .containsExactlyInAnyOrder(
            "text", "photo", "quote", "link", "chat", "audio", "video", "answer");
    JsonNode npf =
        response(
            Api.get(api("/v2/blog/prolific-sandbox/posts?api_key=" + key + "&npf=true&limit=20")));
    for (JsonNode p : npf.get("posts")) {
      assertThat(p.get("is_blocks_post_format").asBoolean()).isTrue();
      assertThat(p.get("type").asText()).isEqualTo("blocks");
      assertThat(p.get("content")).isNotEmpty();
      assertThat(p.has("layout")).isTrue();
      assertThat(p.has("trail")).isTrue();
      assertThat(p.has("body")).isFalse();
    }
    assertThat(npf.at("/posts/0/id").asLong()).isEqualTo(first.get("id").asLong());
  }

  @Test
  void postsByIdTypeAndTag() {
    JsonNode page =
        response(Api.get(api("/v2/blog/brook-sandbox/posts?api_key=" + key + "&limit=5")));
    String id = page.at("/posts/3/id_string").asText();
    JsonNode one =
        response(Api.get(api("/v2/blog/brook-sandbox/posts?api_key=" + key + "&id=" + id)));
    assertThat(one.get("posts")).hasSize(1);
    assertThat(one.at("/posts/0/id_string").asText()).isEqualTo(id);
    HttpResponse<String> missing =
        Api.get(api("/v2/blog/brook-sandbox/posts?api_key=" + key + "&id=1"));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(Api.json(missing).at("/meta/status").asInt()).isEqualTo(404);
    JsonNode photos =
        response(Api.get(api("/v2/blog/prolific-sandbox/posts/photo?api_key=" + key)));
    photos.get("posts").forEach(p -> assertThat(p.get("type").asText()).isEqualTo("photo"));
    assertThat(photos.get("posts")).isNotEmpty();
    JsonNode tagged =
        response(Api.get(api("/v2/blog/prolific-sandbox/posts?api_key=" + key + "&tag=coffee")));
    assertThat(tagged.get("posts")).isNotEmpty();
    tagged.get("posts").forEach(p -> assertThat(p.get("tags").toString()).contains("\"coffee\""));
  }

  @Test
  void offsetPagesToTheEndAndBeforeCannotJoinOffset() {
    Set<Long> ids = new HashSet<>();
    int offset = 0;
    JsonNode page;
    do {
      page =
          response(Api.get(api("/v2/blog/ada-sandbox/posts?api_key=" + key + "&offset=" + offset)));
      page.get("posts").forEach(p -> ids.add(p.get("id").asLong()));
      offset += 20;
    } while (page.has("_links"));
    int total = page.get("total_posts").asInt();
    assertThat(ids).hasSize(total);
    HttpResponse<String> both =
        Api.get(api("/v2/blog/ada-sandbox/posts?api_key=" + key + "&offset=20&before=1700000000"));
    assertThat(both.statusCode()).isEqualTo(400);
    JsonNode newest =
        response(Api.get(api("/v2/blog/ada-sandbox/posts?api_key=" + key + "&limit=2")));
    long secondTime = newest.at("/posts/1/timestamp").asLong();
    JsonNode before =
        response(
            Api.get(
                api(
                    "/v2/blog/ada-sandbox/posts?api_key="
                        + key
                        + "&limit=1&before="
                        + (newest.at("/posts/0/timestamp").asLong()))));
    assertThat(before.at("/posts/0/timestamp").asLong()).isEqualTo(secondTime);
  }

  @Test
  void keyOnlyCallsWorkAsPytumblrMakesThem() {
    HttpResponse<String> r =
        SignedCall.get(api("/v2/blog/brook-sandbox/info"))
            .consumer(keys.consumerKey(), "")
            .query("api_key", keys.consumerKey())
            .send();
    assertThat(response(r).at("/blog/name").asText()).isEqualTo("brook-sandbox");
    assertThat(r.headers().firstValue("X-Ratelimit-Perhour-Limit")).hasValue("1000");
    HttpResponse<String> userOnly =
        SignedCall.get(api("/v2/user/info"))
            .consumer(keys.consumerKey(), keys.consumerSecret())
            .query("api_key", keys.consumerKey())
            .send();
    assertThat(userOnly.statusCode()).isEqualTo(401);
  }

  @Test
  void likesFollowingAndFollowers() {
    JsonNode likes = response(Api.get(api("/v2/blog/brook-sandbox/likes?api_key=" + key)));
    assertThat(likes.get("liked_posts")).isNotEmpty();
    assertThat(likes.at("/liked_posts/0/liked_timestamp").asLong()).isPositive();
    assertThat(likes.get("liked_count").asInt()).isPositive();
    HttpResponse<String> tooDeep =
        Api.get(api("/v2/blog/brook-sandbox/likes?api_key=" + key + "&offset=1001"));
    assertThat(tooDeep.statusCode()).isEqualTo(400);
    JsonNode mine = response(SignedCall.get(api("/v2/user/likes")).keys(keys).send());
    assertThat(mine.has("liked_posts")).isTrue();
    JsonNode following = response(SignedCall.get(api("/v2/user/following")).keys(keys).send());
    assertThat(following.get("blogs")).hasSizeLessThanOrEqualTo(20);
    assertThat(following.get("total_blogs").asInt()).isPositive();
    JsonNode followers =
        response(SignedCall.get(api("/v2/blog/ada-sandbox/followers")).keys(keys).send());
    assertThat(followers.get("total_users").asInt()).isPositive();
    assertThat(followers.at("/users/0/name").asText()).isNotEmpty();
    HttpResponse<String> others =
        SignedCall.get(api("/v2/blog/brook-sandbox/followers")).keys(keys).send();
    assertThat(others.statusCode()).isEqualTo(403);
    JsonNode popular = response(Api.get(api("/v2/blog/popular-sandbox/info?api_key=" + key)));
    assertThat(popular.at("/blog/name").asText()).isEqualTo("popular-sandbox");
  }

  @Test
  void dashboardAndTaggedServePostsOfManyBlogs() {
    JsonNode dash = response(SignedCall.get(api("/v2/user/dashboard")).keys(keys).send());
    Set<String> blogs = new HashSet<>();
    dash.get("posts").forEach(p -> blogs.add(p.get("blog_name").asText()));
    assertThat(blogs.size()).isGreaterThan(1);
    JsonNode tagged = response(Api.get(api("/v2/tagged?tag=coffee&api_key=" + key)));
    assertThat(tagged.isArray()).isTrue();
    assertThat(tagged).isNotEmpty();
    List<Long> times = new ArrayList<>();
    tagged.forEach(p -> times.add(p.get("timestamp").asLong()));
    assertThat(times).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    JsonNode older =
        response(
            Api.get(
                api(
                    "/v2/tagged?tag=coffee&api_key="
                        + key
                        + "&before="
                        + times.get(times.size() - 1))));
    assertThat(older.get(0).get("timestamp").asLong()).isLessThan(times.get(times.size() - 1));
    assertThat(Api.get(api("/v2/tagged?api_key=" + key)).statusCode()).isEqualTo(400);
  }

  @Test
  void avatarRedirectsWithoutOAuthAndAnswersJsonWithIt() {
    HttpResponse<String> plain = Api.get(api("/v2/blog/ada-sandbox/avatar/128"));
    assertThat(plain.statusCode()).isEqualTo(302);
    assertThat(plain.headers().firstValue("Location").orElseThrow()).endsWith("_128.pnj");
    JsonNode signed =
        response(SignedCall.get(api("/v2/blog/ada-sandbox/avatar")).keys(keys).send());
    assertThat(signed.get("avatar_url").asText()).endsWith("_64.pnj");
    assertThat(Api.get(api("/v2/blog/ada-sandbox/avatar/100")).statusCode()).isEqualTo(400);
  }

  @Test
  void creatingPostsInNpfAndLegacyForm() {
    String owner = sandbox.users(SandboxPlatform.TUMBLR).get(0).screenName();
    String json =
        "{\"content\":[{\"type\":\"text\",\"text\":\"Hello NPF\"}],\"tags\":\"sandbox,npf\"}";
    HttpResponse<String> created =
        SignedCall.send(
            HttpRequest.newBuilder(api("/v2/blog/" + owner + "/posts"))
                .header("Content-Type", "application/json")
                .header(
                    "Authorization",
                    SignedCall.post(api("/v2/blog/" + owner + "/posts"))
                        .keys(keys)
                        .authorizationHeader())
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode body = Api.json(created);
    assertThat(body.at("/meta/msg").asText()).isEqualTo("Created");
    String id = body.at("/response/id").asText();
    JsonNode fetched =
        response(
            Api.get(
                api("/v2/blog/" + owner + "/posts?api_key=" + key + "&id=" + id + "&npf=true")));
    assertThat(fetched.at("/posts/0/content/0/text").asText()).isEqualTo("Hello NPF");
    assertThat(fetched.at("/posts/0/tags").toString()).isEqualTo("[\"sandbox\",\"npf\"]");
    HttpResponse<String> legacy =
        SignedCall.post(api("/v2/blog/" + owner + "/post"))
            .keys(keys)
            .form("type", "quote")
            .form("quote", "Offline is a feature.")
            .send();
    assertThat(legacy.statusCode()).as(legacy.body()).isEqualTo(201);
    JsonNode newest =
        response(Api.get(api("/v2/blog/" + owner + "/posts?api_key=" + key + "&limit=1")));
    assertThat(newest.at("/posts/0/type").asText()).isEqualTo("quote");
    assertThat(newest.at("/posts/0/text").asText()).isEqualTo("Offline is a feature.");
    HttpResponse<String> bad =
        SignedCall.send(
            HttpRequest.newBuilder(api("/v2/blog/" + owner + "/posts"))
                .header("Content-Type", "application/json")
                .header(
                    "Authorization",
                    SignedCall.post(api("/v2/blog/" + owner + "/posts"))
                        .keys(keys)
                        .authorizationHeader())
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"nope\"}"))
                .build());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(Api.json(bad).at("/errors/0/code").asInt()).isEqualTo(8001);
    HttpResponse<String> foreign =
        SignedCall.post(api("/v2/blog/brook-sandbox/post"))
            .keys(keys)
            .form("type", "text")
            .form("body", "not my blog")
            .send();
    assertThat(foreign.statusCode()).isEqualTo(403);
  }
}
