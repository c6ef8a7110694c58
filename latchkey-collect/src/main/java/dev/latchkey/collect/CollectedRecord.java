package dev.latchkey.collect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One record as it arrives: a tweet, user, follow edge, post, blog or error, with the platform's
 * JSON untouched and where it came from.
 *
 * @param type what it is
 * @param id its id on the platform (for follows {@code source>target}; null for errors)
 * @param json the platform's object (for errors: Latchkey's {@code error} object)
 * @param provenance where it came from
 */
public record CollectedRecord(RecordType type, String id, ObjectNode json, Provenance provenance) {
  public CollectedRecord {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(provenance, "provenance");
  }
}
