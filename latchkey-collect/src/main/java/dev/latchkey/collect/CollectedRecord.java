package dev.latchkey.collect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.collect.store.RawJson;
import java.util.Objects;

/**
 * One record as it arrives: a tweet, user, follow edge, post, blog or error, with the platform's
 * JSON untouched and where it came from.
 *
 * <p>A record read from an answer keeps the answer's bytes and becomes a tree only when {@link
 * #json} is first asked for: a collection into JSONL copies each record's line from the bytes and
 * never builds its tree (the tree cost as much CPU as everything else a record costs).
 */
public final class CollectedRecord {
  private final RecordType type;
  private final String id;
  private final Provenance provenance;
  private final RawJson.Slice slice;
  private final RawJson.Slice author;
  private ObjectNode json; // guarded by this

  /**
   * A record of {@code json}.
   *
   * @param type what it is
   * @param id its id on the platform (for follows {@code source>target}; null for errors)
   * @param json the platform's object (for errors: Latchkey's {@code error} object)
   * @param provenance where it came from
   */
  public CollectedRecord(RecordType type, String id, ObjectNode json, Provenance provenance) {
    this.type = Objects.requireNonNull(type, "type");
    this.id = id;
    this.json = Objects.requireNonNull(json, "json");
    this.provenance = Objects.requireNonNull(provenance, "provenance");
    this.slice = null;
    this.author = null;
  }

  private CollectedRecord(
      RecordType type,
      String id,
      RawJson.Slice slice,
      RawJson.Slice author,
      Provenance provenance) {
    this.type = Objects.requireNonNull(type, "type");
    this.id = id;
    this.slice = Objects.requireNonNull(slice, "slice");
    this.author = author;
    this.provenance = Objects.requireNonNull(provenance, "provenance");
  }

  /**
   * A record still in the answer's bytes: {@code slice}, with {@code author} (a v2 tweet's author
   * from {@code includes.users}, or null) added as its last field {@code author}, as twarc2's
   * flatten does.
   */
  public static CollectedRecord of(
      RecordType type,
      String id,
      RawJson.Slice slice,
      RawJson.Slice author,
      Provenance provenance) {
    return new CollectedRecord(type, id, slice, author, provenance);
  }

  /** What it is. */
  public RecordType type() {
    return type;
  }

  /** Its id on the platform (for follows {@code source>target}; null for errors). */
  public String id() {
    return id;
  }

  /** The platform's object (for errors: Latchkey's {@code error} object). */
  public synchronized ObjectNode json() {
    if (json == null) {
      ObjectNode o = slice.tree();
      if (author != null) {
        o.set("author", author.tree());
      }
      json = o;
    }
    return json;
  }

  /** Where it came from. */
  public Provenance provenance() {
    return provenance;
  }

  /**
   * The answer's bytes of a record whose tree was never asked for (a store copies its line from
   * them), or null.
   */
  public synchronized RawJson.Slice slice() {
    return json == null ? slice : null;
  }

  /** The author {@link #slice} comes with, or null. */
  public RawJson.Slice author() {
    return author;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CollectedRecord r
        && type == r.type
        && Objects.equals(id, r.id)
        && json().equals(r.json())
        && provenance.equals(r.provenance);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, id, json(), provenance);
  }

  @Override
  public String toString() {
    return "CollectedRecord[type="
        + type
        + ", id="
        + id
        + ", json="
        + json()
        + ", provenance="
        + provenance
        + "]";
  }
}
