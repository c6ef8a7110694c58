package dev.latchkey.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.collect.store.OutputFormat;
import dev.latchkey.collect.store.SqliteStore;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxOptions;
import dev.latchkey.sandbox.SandboxPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every task of issue 10 end to end against the sandbox's data API. */
class TasksSandboxTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Sandbox sandbox;
  private static AccountGateway user;
  private static AccountGateway app;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    sandbox = Sandbox.start(SandboxOptions.defaults());
    user = SandboxAccount.gateway(sandbox, SandboxPlatform.TWITTER);
    app = SandboxAccount.gatewayWithBearer(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  record Result(CollectionSummary summary, List<JsonNode> records, List<JsonNode> errors) {}

  private Result collect(AccountGateway gateway, TaskKind kind, List<String> targets, JobOptions o)
      throws Exception {
    Path out = dir.resolve(kind.command() + "-" + System.nanoTime() + ".jsonl");
    CollectionSummary s;
    try (SqliteStore store = SqliteStore.open(OutputFormat.JSONL, out, System.out)) {
      s =
          Collector.builder(gateway, store)
              .streamIdleTimeout(Duration.ofSeconds(5))
              .build()
              .run(new Job(kind, targets, o));
    }
    List<JsonNode> records = new ArrayList<>();
    List<JsonNode> errors = new ArrayList<>();
    for (String line : Files.readAllLines(out)) {
      JsonNode n = JSON.readTree(line);
      (n.has("error") ? errors : records).add(n);
    }
    assertThat(s.complete()).as("summary %s", s).isTrue();
    assertThat(s.refused()).isZero();
    return new Result(s, records, errors);
  }

  private static JobOptions limit(long n) {
    return new JobOptions(Api.V2, n, null, null, false, false);
  }

  private static JobOptions v1(Long n) {
    return new JobOptions(Api.V1_1, n, null, null, false, false);
  }

  @Test
  void aTimelineStopsAtTheNewest3200AsXDoes() throws Exception {
    // prolific_sandbox, by id: its 16-character name is longer than X's usernames can be
    Result r = collect(app, TaskKind.TIMELINE, List.of("3000005156"), JobOptions.defaults());
    assertThat(r.records()).hasSize(3200);
    assertThat(r.records().stream().map(n -> n.get("id").asText()).distinct()).hasSize(3200);
  }

  @Test
  void protectedAndSuspendedTimelinesAreErrorRecordsWithXsCodes() throws Exception {
    Result v2 =
        collect(
            user,
            TaskKind.TIMELINE,
            List.of("3000006546", "3000007084", "brook_sandbox"),
            JobOptions.defaults());
    Result v11 =
        collect(
            user,
            TaskKind.TIMELINE,
            List.of("3000006546", "3000007084", "brook_sandbox"),
            v1(null));

    assertThat(v2.errors()).hasSize(2);
    assertThat(v11.errors()).hasSize(2);
    assertThat(v11.errors())
        .allMatch(e -> e.get("error").get("status").asInt() >= 400)
        .allMatch(e -> !e.get("error").get("message").asText().isEmpty());
    assertThat(v2.errors()).allMatch(e -> e.get("error").has("message"));
    assertThat(v2.records()).isNotEmpty();
    assertThat(v11.records()).hasSameSizeAs(v2.records());
  }

  @Test
  void mentionsOfAUser() throws Exception {
    Result r = collect(user, TaskKind.MENTIONS, List.of("ada_sandbox"), limit(120));
    assertThat(r.records()).isNotEmpty().hasSizeLessThanOrEqualTo(120);
    assertThat(r.records())
        .allMatch(n -> n.get("text").asText().toLowerCase().contains("@ada_sandbox"));
  }

  @Test
  void recentSearchInBothApis() throws Exception {
    Result v2 = collect(app, TaskKind.SEARCH, List.of("sandbox"), limit(250));
    Result v11 = collect(user, TaskKind.SEARCH, List.of("sandbox"), v1(250L));
    assertThat(v2.records()).hasSize(250);
    assertThat(v11.records()).hasSize(250);
    assertThat(v2.summary().pages()).isEqualTo(3);
  }

  @Test
  void userLookupsReturnProfilesAndErrorRecordsForTheMissing() throws Exception {
    List<String> users =
        List.of("ada_sandbox", "brook_sandbox", "no_such_user_9", "suspended_sandbox");
    Result v2 = collect(app, TaskKind.USERS, users, JobOptions.defaults());
    Result v11 = collect(user, TaskKind.USERS, users, v1(null));

    assertThat(v2.records())
        .extracting(n -> n.get("username").asText())
        .contains("ada_sandbox", "brook_sandbox");
    assertThat(v2.errors().toString())
        .contains("no_such_user_9")
        .contains("not a valid X screen name"); // suspended_sandbox has 17 characters
    Result byId =
        collect(app, TaskKind.USERS, List.of("3000007084", "1600411232"), JobOptions.defaults());
    assertThat(byId.records()).hasSize(1);
    assertThat(byId.errors()).singleElement().asString().contains("3000007084");
    assertThat(v11.records())
        .extracting(n -> n.get("screen_name").asText())
        .contains("ada_sandbox", "brook_sandbox");
    assertThat(v11.errors().toString()).contains("no_such_user_9");
  }

  @Test
  void followersAndFollowingAsProfilesOrIdsWithEdgesInSqlite() throws Exception {
    Result v2 = collect(app, TaskKind.FOLLOWERS, List.of("popular_sandbox"), limit(2500));
    assertThat(v2.records()).hasSize(2500);
    assertThat(v2.records().get(0).get("__latchkey").get("relation").asText())
        .isEqualTo("follower");
    Result ids = collect(user, TaskKind.FOLLOWERS, List.of("popular_sandbox"), v1(12_000L));
    assertThat(ids.records()).hasSize(12_000);
    assertThat(ids.records().get(0).get("target_id").asText()).isEqualTo("3000004395");
    Result following = collect(app, TaskKind.FOLLOWING, List.of("ada_sandbox"), limit(100));
    assertThat(following.errors()).isEmpty();

    Path db = dir.resolve("f.sqlite");
    try (SqliteStore store = SqliteStore.open(OutputFormat.SQLITE, db, System.out)) {
      Collector.builder(app, store)
          .build()
          .run(new Job(TaskKind.FOLLOWERS, List.of("popular_sandbox"), limit(1000)));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT COUNT(*) FROM follows f JOIN users u ON u.id = f.source_id"
                        + " WHERE f.target_id = '3000004395'")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(1000);
    }
  }

  @Test
  void hydrationKeepsTweetsAndNamesTheDeletedOnes() throws Exception {
    Result timeline = collect(app, TaskKind.TIMELINE, List.of("brook_sandbox"), limit(20));
    List<String> ids = new ArrayList<>();
    timeline.records().forEach(n -> ids.add(n.get("id").asText()));
    ids.add("2058864789127430145"); // the sandbox's deleted tweet

    Result v2 = collect(app, TaskKind.TWEETS, ids, JobOptions.defaults());
    Result v11 = collect(user, TaskKind.TWEETS, ids, v1(null));

    assertThat(v2.records()).hasSize(20);
    assertThat(v2.errors()).singleElement().asString().contains("2058864789127430145");
    assertThat(v11.records()).hasSize(20);
    assertThat(v11.errors()).singleElement().asString().contains("2058864789127430145");
  }

  @Test
  void tumblrTagAndLikes() throws Exception {
    AccountGateway tumblr = SandboxAccount.gateway(sandbox, SandboxPlatform.TUMBLR);
    Result tag = collect(tumblr, TaskKind.TUMBLR_TAG, List.of("sandbox"), limit(60));
    assertThat(tag.records()).hasSize(60);
    assertThat(tag.records().stream().map(n -> n.get("id").asText()).distinct()).hasSize(60);
    Result likes = collect(tumblr, TaskKind.TUMBLR_LIKES, List.of("ada-sandbox"), limit(40));
    assertThat(likes.records().size() + likes.errors().size()).isPositive();
  }
}
