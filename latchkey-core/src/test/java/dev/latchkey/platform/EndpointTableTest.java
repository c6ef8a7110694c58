package dev.latchkey.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The endpoint table against {@code endpoints.tsv}: every endpoint the README, the demo and the
 * collection issues name, with the credentials it takes, its scopes, how its pages turn (with the
 * smallest and largest page) and its rate-limit family. One dynamic test per row.
 */
class EndpointTableTest {
  private static final Platforms PLATFORMS = Platforms.builtIn();

  @TestFactory
  Stream<DynamicTest> everyNamedEndpointIsDescribed() throws IOException {
    return rows("endpoints.tsv")
        .map(
            r ->
                dynamicTest(
                    r[0] + " " + r[1] + " " + r[2],
                    () -> {
                      Endpoint e = PLATFORMS.get(r[0]).endpoint(r[1], r[2]).orElseThrow();
                      assertThat(e.acceptedInOrder().stream().map(CredentialKind::shortName))
                          .containsExactly(r[3].split(" "));
                      assertThat(e.scopes())
                          .containsExactlyInAnyOrder(
                              r[4].equals("-") ? new String[0] : r[4].split(" "));
                      Pagination p = e.pagination();
                      assertThat(p.style()).isEqualTo(Pagination.Style.valueOf(r[5]));
                      assertThat(p.parameter()).isEqualTo(r[6].equals("-") ? null : r[6]);
                      assertThat(p.itemsPointer()).isEqualTo(r[7]);
                      assertThat(p.pageSizeParameter()).isEqualTo(r[8].equals("-") ? null : r[8]);
                      String[] sizes = r[9].split("\\.\\.");
                      assertThat(p.minPageSize())
                          .isEqualTo(sizes.length == 2 ? Integer.parseInt(sizes[0]) : 0);
                      assertThat(p.maxPageSize())
                          .isEqualTo(Integer.parseInt(sizes[sizes.length - 1]));
                      assertThat(e.rateLimit().name()).isEqualTo(r[10]);
                      String[] limits = r[11].split("/");
                      assertThat(e.rateLimit().userLimit()).isEqualTo(Integer.parseInt(limits[0]));
                      assertThat(e.rateLimit().appLimit()).isEqualTo(Integer.parseInt(limits[1]));
                    }));
  }

  @Test
  void theMostLiteralTemplateWinsWhenSeveralMatch() {
    Platform x = PLATFORMS.get("twitter");
    assertThat(x.endpoint("GET", "/2/users/me").orElseThrow().path()).isEqualTo("/2/users/me");
    assertThat(x.endpoint("GET", "/2/users/by").orElseThrow().path()).isEqualTo("/2/users/by");
    assertThat(x.endpoint("GET", "/2/users/12").orElseThrow().path()).isEqualTo("/2/users/{id}");
    assertThat(x.endpoint("GET", "/2/tweets/search/recent?query=a").orElseThrow().path())
        .isEqualTo("/2/tweets/search/recent");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "/2/users/{id}/tweets, /2/users/12/tweets, true",
    "/2/users/{id}/tweets, /2/users//tweets, false",
    "/2/users/{id}/tweets, /2/users/12/tweets/, false",
    "/2/users/{id}/tweets, /2/users/12, false",
    "/2/users/{id}/tweets, /2/users/12/tweetz, false",
    "/2/users/{id}/tweets, /2/users/12/tweet, false",
    "/2/users/me, /2/users/me, true",
    "/2/users/me, /2/users/m, false",
    "/2/users/me, /2/users/mee, false",
    "/{a}/{b}, /x/y, true",
    "/{a}/{b}, /x, false",
    "/{a}, /, false",
    "/, /, true",
    "/a/, /a/, true",
    "/a/, /a, false",
    "/a/{}/c, /a/b/c, true",
    "/a/{/c, /a/b/c, false",
    "/a/{/c, /a/{/c, true",
  })
  void aTemplateMatchesPathsSegmentBySegment(String template, String path, boolean matches) {
    Endpoint e =
        new Endpoint(
            "GET",
            template,
            java.util.Set.of(CredentialKind.NONE),
            java.util.Set.of(),
            PLATFORMS.get("twitter").endpoints().get(0).pagination(),
            null);
    assertThat(e.matches("get", path)).isEqualTo(matches);
    assertThat(e.matches("POST", path)).isFalse();
  }

  @Test
  void aCallNoTableKnowsHasNoEntry() {
    assertThat(PLATFORMS.get("twitter").endpoint("GET", "/2/spaces")).isEmpty();
    assertThat(PLATFORMS.get("twitter").endpoint("DELETE", "/2/users/me")).isEmpty();
    assertThat(PLATFORMS.get("twitter").endpoint("GET", "/2/users/")).isEmpty();
  }

  @Test
  void aPathOnlyOnePlatformServesNamesThatPlatform() {
    assertThat(PLATFORMS.serving("GET", "/1.1/account/verify_credentials.json"))
        .extracting(Platform::name)
        .containsExactly("twitter");
    assertThat(PLATFORMS.serving("GET", "/v2/user/info"))
        .extracting(Platform::name)
        .containsExactly("tumblr");
    assertThat(PLATFORMS.serving("GET", "/3/unknown")).isEmpty();
  }

  @Test
  void identityCallsAreInTheTable() {
    for (Platform p : PLATFORMS.all()) {
      for (IdentityEndpoint id : p.identity()) {
        assertThat(p.endpoint("GET", id.endpointPath())).as(id.path()).isPresent();
      }
    }
  }

  @Test
  void longerCapsAreDescribedBesideTheMainWindow() {
    assertThat(PLATFORMS.get("twitter").rateLimitWindows())
        .extracting(w -> w.name() + " " + w.headers().reset())
        .containsExactly(
            "rate limit x-rate-limit-reset",
            "24-hour app cap x-app-limit-24hour-reset",
            "24-hour user cap x-user-limit-24hour-reset");
    assertThat(PLATFORMS.get("tumblr").rateLimitWindows())
        .extracting(w -> w.name() + " " + w.headers().reset())
        .containsExactly(
            "hourly limit x-ratelimit-perhour-reset", "daily limit x-ratelimit-perday-reset");
  }

  @Test
  void v2TweetEndpointsAskForEveryFieldAndTheReferencedTweets() {
    Endpoint timeline = PLATFORMS.get("twitter").endpoint("GET", "/2/users/1/tweets").orElseThrow();
    assertThat(timeline.fields().keySet())
        .containsExactly(
            "tweet.fields", "user.fields", "expansions", "media.fields", "place.fields");
    assertThat(timeline.fields().get("expansions").split(","))
        .contains("referenced_tweets.id", "referenced_tweets.id.author_id", "author_id");
    assertThat(PLATFORMS.get("twitter").endpoint("GET", "/2/users").orElseThrow().fields())
        .containsOnlyKeys("user.fields");
    assertThat(PLATFORMS.get("tumblr").endpoint("GET", "/v2/tagged").orElseThrow().fields())
        .isEmpty();
  }

  static Stream<String[]> rows(String resource) throws IOException {
    try (InputStream in = EndpointTableTest.class.getResourceAsStream(resource)) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      return lines.stream()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(l -> l.split("\t", -1))
          .map(a -> Arrays.copyOf(a, a.length))
          .toList()
          .stream();
    }
  }
}
