package dev.latchkey.collect.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.collect.Api;
import dev.latchkey.collect.Bound;
import dev.latchkey.collect.Job;
import dev.latchkey.collect.JobOptions;
import dev.latchkey.collect.TaskKind;
import dev.latchkey.collect.TaskSpec;
import dev.latchkey.http.ApiRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlanTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Plan plan(TaskKind kind, String target, JobOptions options) {
    return Plan.of(new TaskSpec(0, kind, List.of(target)), options);
  }

  private static JobOptions v(Api api) {
    return new JobOptions(api, null, null, null, false, false);
  }

  private static String query(ApiRequest r, String name) {
    return r.query().stream()
        .filter(p -> p.getKey().equals(name))
        .map(java.util.Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void v2SearchTurnsPagesWithNextTokenAndTimelinesWithPaginationToken() throws Exception {
    Plan search = plan(TaskKind.SEARCH, "cats", v(Api.V2));
    ObjectNode cursor = search.startCursor();
    JsonNode page = json("{\"data\":[{\"id\":\"9\"}],\"meta\":{\"next_token\":\"abc\"}}");
    ObjectNode next = search.next(cursor, page, search.records(page, null));
    assertThat(query(search.request(next, 1000), "next_token")).isEqualTo("abc");
    assertThat(query(search.request(next, 1000), "max_results")).isEqualTo("100");

    Plan timeline = plan(TaskKind.TIMELINE, "42", v(Api.V2));
    ObjectNode c = timeline.startCursor();
    assertThat(timeline.resolution(c)).isNull(); // an id needs no lookup
    ObjectNode n = timeline.next(c, page, timeline.records(page, null));
    ApiRequest r = timeline.request(n, 1000);
    assertThat(r.path()).isEqualTo("/2/users/42/tweets");
    assertThat(query(r, "pagination_token")).isEqualTo("abc");
    JsonNode last = json("{\"data\":[{\"id\":\"1\"}],\"meta\":{\"result_count\":1}}");
    assertThat(timeline.next(n, last, timeline.records(last, null))).isNull();
  }

  @Test
  void aScreenNameIsResolvedToAnIdFirst() {
    Plan timeline = plan(TaskKind.TIMELINE, "@ada", v(Api.V2));
    Plan.Resolution r = timeline.resolution(timeline.startCursor());
    assertThat(r.request().path()).isEqualTo("/2/users/by/username/ada");
    assertThat(r.idPointer()).isEqualTo("/data/id");
  }

  @Test
  void v11TimelinesAskForMinIdMinusOneAndStopOnAnEmptyPage() throws Exception {
    Plan p = plan(TaskKind.TIMELINE, "ada", v(Api.V1_1));
    JsonNode page = json("[{\"id\":30,\"id_str\":\"30\"},{\"id\":20,\"id_str\":\"20\"}]");
    ObjectNode next = p.next(p.startCursor(), page, p.records(page, null));
    ApiRequest r = p.request(next, 1000);
    assertThat(query(r, "max_id")).isEqualTo("19");
    assertThat(query(r, "screen_name")).isEqualTo("ada");
    assertThat(query(r, "count")).isEqualTo("200");
    assertThat(query(r, "tweet_mode")).isEqualTo("extended");
    assertThat(p.next(next, json("[]"), List.of())).isNull();
  }

  @Test
  void v11SearchStopsWhenNextResultsIsMissing() throws Exception {
    Plan p = plan(TaskKind.SEARCH, "cats", v(Api.V1_1));
    JsonNode more =
        json("{\"statuses\":[{\"id\":5}],\"search_metadata\":{\"next_results\":\"?max_id=4\"}}");
    JsonNode end = json("{\"statuses\":[{\"id\":3}],\"search_metadata\":{}}");
    assertThat(p.next(p.startCursor(), more, p.records(more, null)).get("next").asText())
        .isEqualTo("4");
    assertThat(p.next(p.startCursor(), end, p.records(end, null))).isNull();
  }

  @Test
  void v11FollowerIdsFollowCursorsToZeroAsEdges() throws Exception {
    Plan p = plan(TaskKind.FOLLOWERS, "ada", v(Api.V1_1));
    JsonNode page = json("{\"ids\":[\"7\",\"8\"],\"next_cursor_str\":\"1234\"}");
    List<ObjectNode> edges = p.records(page, "42");
    assertThat(edges.get(0).toString()).isEqualTo("{\"source_id\":\"7\",\"target_id\":\"42\"}");
    ObjectNode cursor = p.startCursor();
    cursor.put("user_id", "42");
    assertThat(query(p.request(cursor, 10_000), "cursor")).isEqualTo("-1");
    ObjectNode next = p.next(cursor, page, edges);
    assertThat(query(p.request(next, 10_000), "cursor")).isEqualTo("1234");
    assertThat(query(p.request(next, 10_000), "user_id")).isEqualTo("42");
    assertThat(p.next(next, json("{\"ids\":[],\"next_cursor_str\":\"0\"}"), List.of())).isNull();
  }

  @Test
  void tumblrOffsetsStopAtTotalPostsAndBeforeMustDecrease() throws Exception {
    Plan posts = plan(TaskKind.TUMBLR_POSTS, "https://staff.tumblr.com/", v(Api.V2));
    assertThat(posts.request(posts.startCursor(), 100).path())
        .isEqualTo("/v2/blog/staff.tumblr.com/posts");
    JsonNode page = json("{\"response\":{\"posts\":[{\"id\":1},{\"id\":2}],\"total_posts\":4}}");
    ObjectNode next = posts.next(posts.startCursor(), page, posts.records(page, null));
    assertThat(query(posts.request(next, 100), "offset")).isEqualTo("2");
    assertThat(posts.next(next, page, posts.records(page, null))).isNull();

    Plan tag = plan(TaskKind.TUMBLR_TAG, "cats", v(Api.V2));
    JsonNode tagged =
        json("{\"response\":[{\"id\":1,\"timestamp\":500},{\"id\":2,\"timestamp\":400}]}");
    ObjectNode n = tag.next(tag.startCursor(), tagged, tag.records(tagged, null));
    assertThat(query(tag.request(n, 100), "before")).isEqualTo("400");
    assertThat(tag.next(n, tagged, tag.records(tagged, null))).isNull(); // no progress: stop
  }

  @Test
  void boundsBecomeEachApisParameters() {
    Bound since = Bound.parse("2024-05-01");
    Bound until = Bound.parse("1577730467436138524");
    JobOptions o = new JobOptions(Api.V2, null, since, until, false, false);
    ApiRequest v2 = plan(TaskKind.SEARCH, "q", o).request(JSON.createObjectNode(), 100);
    assertThat(query(v2, "start_time")).isEqualTo("2024-05-01T00:00:00Z");
    assertThat(query(v2, "until_id")).isEqualTo("1577730467436138524");

    JobOptions o1 = new JobOptions(Api.V1_1, null, since, until, false, false);
    Plan v1 = plan(TaskKind.TIMELINE, "ada", o1);
    ApiRequest first = v1.request(v1.startCursor(), 100);
    assertThat(query(first, "since_id")).isEqualTo(Long.toString(since.asTwitterId()));
    assertThat(query(first, "max_id")).isEqualTo("1577730467436138523");
    assertThat(Bound.parse(Long.toString(since.asTwitterId())).asTime()).isEqualTo(since.asTime());
  }

  @Test
  void theLastPageAsksForWhatTheLimitLeavesWithinTheEndpointsRange() {
    Plan timeline = plan(TaskKind.TIMELINE, "42", v(Api.V2));
    assertThat(query(timeline.request(timeline.startCursor(), 3), "max_results")).isEqualTo("5");
    assertThat(query(timeline.request(timeline.startCursor(), 42), "max_results")).isEqualTo("42");
    Plan search = plan(TaskKind.SEARCH, "q", v(Api.V2));
    assertThat(query(search.request(search.startCursor(), 3), "max_results")).isEqualTo("10");
  }

  @Test
  void lookupsGoInBatchesOfAHundredNamesApartFromIds() {
    List<String> users = new ArrayList<>(IntStream.range(0, 150).mapToObj(i -> "u" + i).toList());
    users.addAll(IntStream.range(0, 30).mapToObj(Integer::toString).toList());
    List<TaskSpec> tasks = new Job(TaskKind.USERS, users, JobOptions.defaults()).tasks();
    assertThat(tasks).extracting(t -> t.targets().size()).containsExactly(100, 50, 30);
    ApiRequest ids =
        Plan.of(tasks.get(2), JobOptions.defaults()).request(JSON.createObjectNode(), 1);
    assertThat(ids.path()).isEqualTo("/2/users");
    assertThat(query(ids, "ids"))
        .isEqualTo(
            IntStream.range(0, 30).mapToObj(Integer::toString).collect(Collectors.joining(",")));
    ApiRequest names =
        Plan.of(tasks.get(0), JobOptions.defaults()).request(JSON.createObjectNode(), 1);
    assertThat(names.path()).isEqualTo("/2/users/by");
  }

  @Test
  void optionsThatDoNotFitATaskAreRefused() {
    assertThatThrownBy(() -> plan(TaskKind.MENTIONS, "ada", v(Api.V1_1)))
        .hasMessageContaining("mentions of any user need API v2");
    assertThatThrownBy(
            () ->
                plan(
                    TaskKind.USERS,
                    "ada",
                    new JobOptions(Api.V2, null, Bound.parse("1"), null, false, false)))
        .hasMessageContaining("takes no --since/--until");
    assertThatThrownBy(
            () ->
                plan(TaskKind.SEARCH, "q", new JobOptions(Api.V1_1, null, null, null, true, false)))
        .hasMessageContaining("--archive needs API v2");
  }
}
