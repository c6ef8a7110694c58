package dev.latchkey.collect.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.collect.CollectedRecord;
import dev.latchkey.collect.Job;
import dev.latchkey.collect.Provenance;
import dev.latchkey.collect.RecordType;
import dev.latchkey.collect.TaskKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file store's commits: which records of a page it keeps. */
class SqliteStoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Provenance PROVENANCE =
      new Provenance(
          "https://api.x.com/2/users/1/tweets", Instant.EPOCH, "twitter/ada", "t", "x", null, null);

  private static CollectedRecord record(RecordType type, String id) {
    ObjectNode j = JSON.createObjectNode().put("id", id).put("kind", type.name());
    return new CollectedRecord(type, id, j, PROVENANCE);
  }

  @Test
  void aRecordSeenOnAnEarlierPageOrEarlierOnTheSamePageIsKeptOnce(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("out.jsonl");
    try (SqliteStore store = SqliteStore.open(OutputFormat.JSONL, out, null)) {
      store.open(new Job(TaskKind.TIMELINE, List.of("ada"), null), false);
      Lease lease = store.claim("w", Instant.EPOCH, Duration.ofMinutes(1)).orElseThrow();
      ObjectNode cursor = JSON.createObjectNode();
      CollectedRecord error =
          new CollectedRecord(RecordType.ERROR, null, JSON.createObjectNode(), PROVENANCE);
      List<CollectedRecord> first =
          List.of(
              record(RecordType.TWEET, "1"),
              record(RecordType.TWEET, "2"),
              record(RecordType.TWEET, "1"),
              record(RecordType.USER, "1"),
              error,
              error);
      Checkpoint one = lease.checkpoint().next(cursor, false, 4, 2);
      List<CollectedRecord> kept1 =
          store.commit(
              lease,
              new Page(first, List.of(), PROVENANCE, one),
              Instant.EPOCH,
              Duration.ofMinutes(1));
      List<CollectedRecord> second =
          List.of(record(RecordType.TWEET, "2"), record(RecordType.TWEET, "3"));
      Checkpoint two = one.next(cursor, true, 2, 0);
      List<CollectedRecord> kept2 =
          store.commit(
              lease,
              new Page(second, List.of(), PROVENANCE, two),
              Instant.EPOCH,
              Duration.ofMinutes(1));

      assertThat(kept1)
          .containsExactly(first.get(0), first.get(1), first.get(3), first.get(4), first.get(5));
      assertThat(kept2).containsExactly(second.get(1));
    }
    List<String> kinds = new ArrayList<>();
    for (String line : Files.readAllLines(out)) {
      var j = JSON.readTree(line);
      kinds.add(j.path("kind").asText("ERROR") + " " + j.path("id").asText());
    }
    assertThat(kinds)
        .containsExactly("TWEET 1", "TWEET 2", "USER 1", "ERROR ", "ERROR ", "TWEET 3");
  }
}
