package dev.latchkey.collect.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.collect.CollectedRecord;
import dev.latchkey.collect.Provenance;
import java.util.List;
import java.util.Objects;

/**
 * One answer's worth of work to commit: its records, the raw page (for {@code --format pages}) and
 * the task's checkpoint after it.
 *
 * @param records the records, in order
 * @param raw the pages as the platform sent them (one for a paged call, one per line of a stream;
 *     empty for error records alone)
 * @param provenance where the page came from
 * @param next the task's checkpoint once these records are kept
 * @param source the answer's bytes the records were parsed from, so that a store can copy a
 *     record's line from them ({@link RawJson#NONE} when there are none)
 */
public record Page(
    List<CollectedRecord> records,
    List<JsonNode> raw,
    Provenance provenance,
    Checkpoint next,
    RawJson source) {
  public Page {
    records = List.copyOf(records);
    raw = List.copyOf(raw);
    Objects.requireNonNull(source, "source");
  }

  /** A page whose records are written from their trees. */
  public Page(
      List<CollectedRecord> records, List<JsonNode> raw, Provenance provenance, Checkpoint next) {
    this(records, raw, provenance, next, RawJson.NONE);
  }
}
