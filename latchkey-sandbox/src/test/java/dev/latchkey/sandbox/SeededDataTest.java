package dev.latchkey.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The seeded data: the same seed gives the same ids and content whatever the clock says, the
 * original users and keys of every seed stay, the named users play their parts, and memory does not
 * grow with the number of users.
 */
class SeededDataTest {
  static final DateTimeFormatter CREATED_AT =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT);

  record Page(List<String> ids, List<String> texts, List<Instant> times) {}

  static Page timeline(Sandbox s, String screenName) {
    String bearer = Api.bearer(s, SandboxPlatform.TWITTER);
    JsonNode page =
        Api.ok(
            Api.get(
                URI.create(
                    s.twitterBase()
                        + "/1.1/statuses/user_timeline.json?count=50&tweet_mode=extended&screen_name="
                        + screenName),
                bearer));
    Page p = new Page(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (JsonNode t : page) {
      p.ids().add(t.get("id_str").asText());
      p.texts().add(t.get("full_text").asText());
      p.times().add(Instant.from(CREATED_AT.parse(t.get("created_at").asText())));
    }
    return p;
  }

  @Test
  void theSameSeedGivesTheSameIdsAndContentWhileTimesFollowTheClock() {
    Instant t1 = Instant.parse("2031-05-01T08:00:00Z");
    Instant t2 = t1.plus(Duration.ofDays(40));
    try (Sandbox a =
            Sandbox.start(SandboxOptions.builder().seed(21).clock(new MutableClock(t1)).build());
        Sandbox b =
            Sandbox.start(SandboxOptions.builder().seed(21).clock(new MutableClock(t2)).build());
        Sandbox c =
            Sandbox.start(SandboxOptions.builder().seed(22).clock(new MutableClock(t1)).build())) {
      Page pa = timeline(a, "brook_sandbox");
      Page pb = timeline(b, "brook_sandbox");
      assertThat(pa.ids()).hasSize(50).isEqualTo(pb.ids());
      assertThat(pa.texts()).isEqualTo(pb.texts());
      for (int i = 0; i < pa.times().size(); i++) {
        assertThat(Duration.between(pa.times().get(i), pb.times().get(i)))
            .isEqualTo(Duration.ofDays(40));
      }
      assertThat(pa.times().get(0)).isBefore(t1).isAfter(t1.minus(Duration.ofHours(3)));
      assertThat(timeline(c, "brook_sandbox").ids()).doesNotContainAnyElementsOf(pa.ids());
      assertThat(a.keys()).isEqualTo(b.keys()).isNotEqualTo(c.keys());
    }
  }

  @Test
  void theOriginalUsersAndKeysOfSeedZeroAreKept() {
    try (Sandbox s = Sandbox.start(SandboxOptions.defaults())) {
      SandboxKeys x = s.keys(SandboxPlatform.TWITTER);
      assertThat(x.consumerKey()).startsWith("1cji");
      assertThat(x.consumerSecret()).startsWith("jV9I");
      assertThat(x.accessToken()).startsWith("1600");
      assertThat(x.accessTokenSecret()).startsWith("dK90");
      SandboxKeys t = s.keys(SandboxPlatform.TUMBLR);
      assertThat(t.consumerKey()).startsWith("zSs7");
      assertThat(t.consumerSecret()).startsWith("BjwN");
      assertThat(t.accessToken()).startsWith("92z1");
      assertThat(t.accessTokenSecret()).startsWith("ORpr");
      assertThat(s.oauth2Client(SandboxPlatform.TWITTER).clientId())
          .isEqualTo("dWZ6Qnp0SEpHNjE2dTU4TEJmN1Q6MTpjaQ");
      assertThat(s.users(SandboxPlatform.TWITTER).stream().map(SandboxUser::screenName).limit(4))
          .containsExactly("ada_sandbox", "brook_sandbox", "cyd_sandbox", "dana_sandbox");
      assertThat(s.users(SandboxPlatform.TWITTER).get(1).id()).isEqualTo(1192436116L);
    }
  }

  @Test
  void theNamedUsersPlayTheirPartsWithNamesThePlatformsAllow() {
    try (Sandbox s = Sandbox.start(SandboxOptions.defaults())) {
      List<String> x =
          s.users(SandboxPlatform.TWITTER).stream().map(SandboxUser::screenName).toList();
      assertThat(x)
          .contains("popular_sandbox", "capped_sandbox", "private_sandbox", "banned_sandbox");
      x.forEach(n -> assertThat(n).matches("[A-Za-z0-9_]{1,15}"));
      List<String> tumblr =
          s.users(SandboxPlatform.TUMBLR).stream().map(SandboxUser::screenName).toList();
      assertThat(tumblr).contains("popular-sandbox", "prolific-sandbox");
      tumblr.forEach(n -> assertThat(n).matches("[a-z0-9-]{1,32}"));
      String index = Api.get(URI.create(s.baseUri() + "/sandbox/")).body();
      assertThat(index)
          .contains("200000 users")
          .contains("account with 100,000 followers")
          .contains("timeline past the 3,200 cap")
          .contains("protected account")
          .contains("suspended account")
          .contains("owner of the pre-registered app");
    }
  }

  @Test
  void generatedUsersResolveByIdAndScreenNameAcrossTheWholeRange() {
    try (Sandbox s = Sandbox.start(SandboxOptions.builder().users(2_000_000).build())) {
      String bearer = Api.bearer(s, SandboxPlatform.TWITTER);
      JsonNode followers =
          Api.ok(
              Api.get(
                  URI.create(
                      s.twitterBase()
                          + "/1.1/followers/list.json?screen_name=ada_sandbox&count=20"),
                  bearer));
      assertThat(followers.get("users")).isNotEmpty();
      for (JsonNode u : followers.get("users")) {
        String name = u.get("screen_name").asText();
        assertThat(name).matches("[A-Za-z0-9_]{1,15}");
        JsonNode byName =
            Api.ok(Api.get(URI.create(s.twitterBase() + "/2/users/by/username/" + name), bearer));
        assertThat(byName.at("/data/id").asText()).isEqualTo(u.get("id_str").asText());
        JsonNode byId =
            Api.ok(
                Api.get(
                    URI.create(s.twitterBase() + "/2/users/" + u.get("id_str").asText()), bearer));
        assertThat(byId.at("/data/username").asText()).isEqualTo(name);
      }
    }
  }

  @Test
  void memoryDoesNotGrowWithTheNumberOfUsers() throws Exception {
    long small = retainedBy(1_000);
    long large = retainedBy(2_000_000);
    assertThat(Math.abs(large - small)).isLessThan(16L * 1024 * 1024);
  }

  /** Heap in use while a sandbox of {@code users} runs, after it served a page of followers. */
  static long retainedBy(int users) throws Exception {
    try (Sandbox s = Sandbox.start(SandboxOptions.builder().users(users).build())) {
      String bearer = Api.bearer(s, SandboxPlatform.TWITTER);
      Api.ok(
          Api.get(
              URI.create(s.twitterBase() + "/1.1/followers/ids.json?screen_name=popular_sandbox"),
              bearer));
      return usedHeap();
    }
  }

  static long usedHeap() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
