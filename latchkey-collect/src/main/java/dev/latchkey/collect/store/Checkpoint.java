package dev.latchkey.collect.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Where a task stands: its cursor (what to ask next: a token, cursor, max id, offset, resolved user
 * id), whether it is done, and its counts. Written atomically with the records it covers.
 *
 * @param cursor what to ask next, as the task's paging needs it
 * @param done whether the task has nothing left
 * @param pages pages received so far
 * @param records records kept so far (after de-duplication)
 * @param errors error records so far
 */
public record Checkpoint(ObjectNode cursor, boolean done, long pages, long records, long errors) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public Checkpoint {
    Objects.requireNonNull(cursor, "cursor");
  }

  /** A task not started. */
  public static Checkpoint start() {
    return new Checkpoint(JSON.createObjectNode(), false, 0, 0, 0);
  }

  /** This checkpoint after one more page. */
  public Checkpoint next(ObjectNode newCursor, boolean nowDone, long newRecords, long newErrors) {
    return new Checkpoint(newCursor, nowDone, pages + 1, records + newRecords, errors + newErrors);
  }
}
