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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TumblrCollectTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Sandbox sandbox;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static String blog(int i) {
    return sandbox.users(SandboxPlatform.TUMBLR).get(i).screenName();
  }

  private static List<JsonNode> collect(Job job, Path out) throws Exception {
    try (SqliteStore store = SqliteStore.open(OutputFormat.JSONL, out, System.out)) {
      CollectionSummary s =
          Collector.builder(SandboxAccount.gateway(sandbox, SandboxPlatform.TUMBLR), store)
              .build()
              .run(job);
      assertThat(s.complete()).isTrue();
    }
    List<JsonNode> lines = new ArrayList<>();
    for (String l : Files.readAllLines(out)) {
      lines.add(JSON.readTree(l));
    }
    return lines;
  }

  @Test
  void everyPostOfABlogIsCollectedByOffsetUntilTotalPosts() throws Exception {
    List<JsonNode> posts =
        collect(
            new Job(TaskKind.TUMBLR_POSTS, List.of(blog(0)), JobOptions.defaults()),
            dir.resolve("posts.jsonl"));

    List<JsonNode> info =
        collect(
            new Job(TaskKind.TUMBLR_BLOG, List.of(blog(0)), JobOptions.defaults()),
            dir.resolve("blog.jsonl"));
    assertThat(info).hasSize(1);
    long total = info.get(0).get("total_posts").asLong();
    assertThat(posts).hasSize((int) total);
    assertThat(posts.stream().map(p -> p.get("id_string").asText()).distinct().count())
        .isEqualTo(total);
    assertThat(posts.get(0).get("__latchkey").get("type").asText()).isEqualTo("post");
  }

  @Test
  void anUnknownBlogIsAnErrorRecordBesideTheOthers() throws Exception {
    List<JsonNode> lines =
        collect(
            new Job(
                TaskKind.TUMBLR_BLOG,
                List.of(blog(0), "no-such-blog-here", blog(1) + ".tumblr.com"),
                JobOptions.defaults()),
            dir.resolve("blogs.jsonl"));

    assertThat(lines).hasSize(3);
    JsonNode error = lines.stream().filter(n -> n.has("error")).findFirst().orElseThrow();
    assertThat(error.get("error").get("status").asInt()).isEqualTo(404);
    assertThat(error.get("error").get("target").asText()).isEqualTo("no-such-blog-here");
  }

  @Test
  void aLimitStopsEachBlogAfterThatManyPosts() throws Exception {
    List<JsonNode> lines =
        collect(
            new Job(
                TaskKind.TUMBLR_POSTS,
                List.of(blog(0), blog(1)),
                new JobOptions(Api.V2, 25L, null, null, false, false)),
            dir.resolve("limited.jsonl"));

    assertThat(lines).hasSize(50);
  }
}
