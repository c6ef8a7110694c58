package dev.latchkey.collect.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.collect.CollectedRecord;
import dev.latchkey.collect.Provenance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes records and pages as JSON lines with their {@code __latchkey} (and {@code __twarc}) key.
 */
final class RecordLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordLines() {}

  /** A record's line: its JSON object with {@code __latchkey} added last, and a newline. */
  static void record(CollectedRecord r, ByteArrayOutputStream out) throws IOException {
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.writeStartObject();
      Iterator<Map.Entry<String, JsonNode>> fields = r.json().fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (f.getKey().equals("__latchkey")) {
          continue;
        }
        g.writeFieldName(f.getKey());
        JSON.writeTree(g, f.getValue());
      }
      g.writeFieldName("__latchkey");
      provenance(g, r.provenance(), r.type().name().toLowerCase(java.util.Locale.ROOT));
      g.writeEndObject();
    }
    out.write('\n');
  }

  /** A page's line: the page (an array is wrapped as {@code {"results": [...]}}) with metadata. */
  static void page(JsonNode raw, Provenance p, ByteArrayOutputStream out) throws IOException {
    ObjectNode body;
    if (raw instanceof ObjectNode o) {
      body = o;
    } else {
      body = JSON.createObjectNode();
      body.set("results", raw);
    }
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.writeStartObject();
      Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (f.getKey().equals("__twarc") || f.getKey().equals("__latchkey")) {
          continue;
        }
        g.writeFieldName(f.getKey());
        JSON.writeTree(g, f.getValue());
      }
      // twarc2's tools (twarc-csv, flatten) read url, version and retrieved_at from __twarc.
      g.writeObjectFieldStart("__twarc");
      g.writeStringField("url", p.url());
      g.writeStringField("version", "latchkey " + p.version());
      g.writeStringField("retrieved_at", millis(p));
      g.writeEndObject();
      g.writeFieldName("__latchkey");
      provenance(g, p, "page");
      g.writeEndObject();
    }
    out.write('\n');
  }

  /**
   * A record's {@code __latchkey} object, as {@link #record} writes it (a shared store keeps it
   * beside the record to write the same line later).
   */
  static ObjectNode latchkey(Provenance p, String type) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", type);
    o.put("url", p.url());
    o.put("retrieved_at", millis(p));
    o.put("account", p.account());
    o.put("version", p.version());
    o.put("task", p.task());
    if (p.relation() != null) {
      o.put("relation", p.relation());
      o.put("subject_id", p.subjectId());
    }
    return o;
  }

  /** A record's line from its JSON and its kept {@code __latchkey} object. */
  static void recordLine(ObjectNode json, ObjectNode latchkey, ByteArrayOutputStream out)
      throws IOException {
    json.remove("__latchkey");
    json.set("__latchkey", latchkey);
    JSON.writeValue(out, json);
    out.write('\n');
  }

  /** A page's line (as {@link #page} writes it) from its JSON and its kept {@code __latchkey}. */
  static void pageLine(ObjectNode body, ObjectNode latchkey, ByteArrayOutputStream out)
      throws IOException {
    body.remove("__twarc");
    body.remove("__latchkey");
    ObjectNode twarc = body.putObject("__twarc");
    twarc.set("url", latchkey.get("url"));
    twarc.put("version", "latchkey " + latchkey.path("version").asText());
    twarc.set("retrieved_at", latchkey.get("retrieved_at"));
    body.set("__latchkey", latchkey);
    JSON.writeValue(out, body);
    out.write('\n');
  }

  private static String millis(Provenance p) {
    return p.retrievedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
  }

  private static void provenance(JsonGenerator g, Provenance p, String type) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", type);
    g.writeStringField("url", p.url());
    g.writeStringField("retrieved_at", millis(p));
    g.writeStringField("account", p.account());
    g.writeStringField("version", p.version());
    g.writeStringField("task", p.task());
    if (p.relation() != null) {
      g.writeStringField("relation", p.relation());
      g.writeStringField("subject_id", p.subjectId());
    }
    g.writeEndObject();
  }
}
