package dev.latchkey.collect.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.collect.CollectedRecord;
import dev.latchkey.collect.Provenance;
import java.util.List;

/**
 * One answer's worth of work to commit: its records, the raw page (for {@code --format pages}) and
 * the task's checkpoint after it.
 *
 * @param records the records, in order
 * @param raw the pages as the platform sent them (one for a paged call, one per line of a stream;
 *     empty for error records alone)
 * @param provenance where the page came from
 * @param next the task's checkpoint once these records are kept
 */
public record Page(
    List<CollectedRecord> records, List<JsonNode> raw, Provenance provenance, Checkpoint next) {
  public Page {
    records = List.copyOf(records);
    raw = List.copyOf(raw);
  }
}
