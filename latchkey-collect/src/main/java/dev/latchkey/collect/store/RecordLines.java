package dev.latchkey.collect.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.collect.CollectedRecord;
import dev.latchkey.collect.Provenance;
import dev.latchkey.collect.RecordType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes records and pages as JSON lines with their {@code __latchkey} (and {@code __twarc}) key.
 *
 * <p>A page's lines are rendered before the store takes its lock, so that workers format their
 * pages side by side; the store then writes the lines of the records it kept. The {@code
 * __latchkey} object is the same for every record of a page, so it is rendered once per page and
 * copied into each line.
 */
final class RecordLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordLines() {}

  /** The lines of a page's records: one buffer, and where each record's line ends in it. */
  record Rendered(byte[] bytes, int length, int[] ends) {
    /** Appends the lines of the records whose {@code keep} flag is set to {@code out}. */
    void writeKept(boolean[] keep, ByteArrayOutputStream out) {
      int start = 0;
      int runStart = -1;
      for (int i = 0; i < ends.length; i++) {
        if (keep[i] && runStart < 0) {
          runStart = start;
        } else if (!keep[i] && runStart >= 0) {
          out.write(bytes, runStart, start - runStart);
          runStart = -1;
        }
        start = ends[i];
      }
      if (runStart >= 0) {
        out.write(bytes, runStart, start - runStart);
      }
    }
  }

  /**
   * Each record's line: its JSON object with {@code __latchkey} added last, and a newline; the same
   * bytes as {@link #record} writes, one after the other. An object {@code source} saw is copied
   * from its bytes, with the fields added since (a tweet's {@code author}) after it.
   */
  static Rendered records(List<CollectedRecord> records, RawJson source) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(256, records.size() * 2048));
    int[] ends = new int[records.size()];
    SerializerProvider provider = JSON.getSerializerProviderInstance();
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.setRootValueSeparator(null);
      Provenance renderedFor = null;
      RecordType renderedType = null;
      SerializedString provenance = null;
      for (int i = 0; i < ends.length; i++) {
        CollectedRecord r = records.get(i);
        if (r.provenance() != renderedFor || r.type() != renderedType) {
          renderedFor = r.provenance();
          renderedType = r.type();
          provenance = new SerializedString(provenance(renderedFor, typeName(renderedType)));
        }
        RawJson.Slice slice = r.slice();
        if (slice != null && !slice.has(LATCHKEY)) {
          copySlice(g, out, slice, r.author(), provenance);
          g.writeRaw('\n');
          ends[i] = out.size() + g.getOutputBuffered();
          continue;
        }
        RawJson.Span span = source.span(r.json());
        if (span != null && r.json().size() >= span.fields() && !r.json().has(LATCHKEY)) {
          copyRecord(g, out, r.json(), span, source, provenance, provider);
        } else {
          writeRecord(g, r.json(), provenance, provider);
        }
        g.writeRaw('\n');
        ends[i] = out.size() + g.getOutputBuffered();
      }
    }
    return new Rendered(out.toByteArray(), out.size(), ends);
  }

  /** {@link #records(List, RawJson)} with every record written from its tree. */
  static Rendered records(List<CollectedRecord> records) throws IOException {
    return records(records, RawJson.NONE);
  }

  /** A record's line: its JSON object with {@code __latchkey} added last, and a newline. */
  static void record(CollectedRecord r, ByteArrayOutputStream out) throws IOException {
    Rendered one = records(List.of(r));
    out.write(one.bytes(), 0, one.length());
  }

  private static void writeRecord(
      JsonGenerator g, ObjectNode json, SerializedString provenance, SerializerProvider provider)
      throws IOException {
    g.writeStartObject();
    Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getKey().equals(LATCHKEY)) {
        continue;
      }
      g.writeFieldName(f.getKey());
      f.getValue().serialize(g, provider);
    }
    g.writeFieldName(LATCHKEY);
    g.writeRawValue(provenance);
    g.writeEndObject();
  }

  /**
   * The object's bytes as they arrived without their closing brace, then the fields added since
   * (copied too when {@code source} saw their value), then {@code __latchkey}. Written around the
   * generator, which is flushed first and only ever writes whole root values here.
   */
  private static void copyRecord(
      JsonGenerator g,
      ByteArrayOutputStream out,
      ObjectNode json,
      RawJson.Span span,
      RawJson source,
      SerializedString provenance,
      SerializerProvider provider)
      throws IOException {
    g.flush();
    out.write(source.bytes(), span.start(), span.end() - span.start() - 1);
    boolean empty = span.fields() == 0;
    int index = 0;
    Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (index++ < span.fields()) {
        continue;
      }
      if (!empty) {
        out.write(',');
      }
      empty = false;
      g.writeString(f.getKey()); // quoted and escaped
      g.flush();
      out.write(':');
      RawJson.Span value = source.span(f.getValue());
      if (value != null && f.getValue().size() == value.fields()) {
        out.write(source.bytes(), value.start(), value.end() - value.start());
      } else {
        f.getValue().serialize(g, provider);
        g.flush();
      }
    }
    if (!empty) {
      out.write(',');
    }
    out.write(LATCHKEY_NAME, 0, LATCHKEY_NAME.length);
    g.writeRaw(provenance);
    g.writeRaw('}');
  }

  /**
   * A record still in the answer's bytes: them without the closing brace, then its {@code author}
   * when it has none of its own, then {@code __latchkey}; the same bytes as {@link #copyRecord}
   * writes for the tree of the same record.
   */
  private static void copySlice(
      JsonGenerator g,
      ByteArrayOutputStream out,
      RawJson.Slice slice,
      RawJson.Slice author,
      SerializedString provenance)
      throws IOException {
    g.flush();
    out.write(slice.bytes, slice.start, slice.end - slice.start - 1);
    boolean empty = slice.fields == 0;
    if (author != null && !slice.has("author")) {
      if (!empty) {
        out.write(',');
      }
      empty = false;
      out.write(AUTHOR_NAME, 0, AUTHOR_NAME.length);
      out.write(author.bytes, author.start, author.end - author.start);
    }
    if (!empty) {
      out.write(',');
    }
    out.write(LATCHKEY_NAME, 0, LATCHKEY_NAME.length);
    g.writeRaw(provenance);
    g.writeRaw('}');
  }

  private static final byte[] AUTHOR_NAME =
      "\"author\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final String LATCHKEY = "__latchkey";
  private static final byte[] LATCHKEY_NAME =
      ("\"" + LATCHKEY + "\":").getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static String typeName(RecordType type) {
    return type.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The {@code __latchkey} object of {@code p} as JSON text. */
  private static String provenance(Provenance p, String type) throws IOException {
    java.io.StringWriter w = new java.io.StringWriter(1024);
    try (JsonGenerator g = JSON.getFactory().createGenerator(w)) {
      provenance(g, p, type);
    }
    return w.toString();
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
