package dev.latchkey.collect.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * An answer parsed into a JSON tree that remembers the bytes it came from: for each object that is
 * an element of an array near the top (the tweets of {@code /data}, the users of {@code
 * /includes/users}, the posts of {@code /response/posts}, the elements of a v1.1 array), where it
 * sits in them.
 *
 * <p>A record is written out as the platform sent it, so its line can be copied from those bytes
 * instead of being serialised from the tree again (which costs as much as parsing it). The tree's
 * objects must then only ever gain fields at the end (the collector inlines a tweet's {@code
 * author}); fields added after parsing are written from the tree.
 */
public final class RawJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** No bytes: every record is written from its tree. */
  public static final RawJson NONE = new RawJson(null, null, Map.of());

  /** Where an object sits in the bytes ({@code start} inclusive, {@code end} exclusive). */
  record Span(int start, int end, int fields) {}

  /**
   * An object of the answer as bytes, not yet a tree: a record that is only copied to its line is
   * never parsed twice. Holds the answer's bytes (not a copy).
   */
  public static final class Slice {
    final byte[] bytes;
    final int start;
    final int end;
    final int fields;
    private final String[] names;

    private Slice(byte[] bytes, int start, int end, int fields, String[] names) {
      this.bytes = bytes;
      this.start = start;
      this.end = end;
      this.fields = fields;
      this.names = names;
    }

    /** Whether the object has a field of that name (at its top level). */
    public boolean has(String name) {
      for (String n : names) {
        if (n.equals(name)) {
          return true;
        }
      }
      return false;
    }

    /** The object as a tree, parsed now (the same tree {@link RawJson#parse} builds). */
    public ObjectNode tree() {
      try (JsonParser p = JSON.getFactory().createParser(bytes, start, end - start)) {
        return (ObjectNode) JSON.readTree(p);
      } catch (IOException e) {
        // the bytes were read as this object already
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  private final byte[] bytes;
  private final JsonNode tree;
  private final Map<JsonNode, Span> spans;
  private final Map<JsonNode, Slice> slices;

  private RawJson(byte[] bytes, JsonNode tree, Map<JsonNode, Span> spans) {
    this(bytes, tree, spans, Map.of());
  }

  private RawJson(
      byte[] bytes, JsonNode tree, Map<JsonNode, Span> spans, Map<JsonNode, Slice> slices) {
    this.bytes = bytes;
    this.tree = tree;
    this.spans = spans;
    this.slices = slices;
  }

  /**
   * Parses {@code bytes} (UTF-8 JSON) into the same tree as {@link ObjectMapper#readTree(byte[])}
   * does, remembering the spans; the bytes are kept, not copied.
   *
   * @throws IOException when they are not JSON, or empty
   */
  public static RawJson parse(byte[] bytes) throws IOException {
    Map<JsonNode, Span> spans = new IdentityHashMap<>();
    try (JsonParser p = JSON.getFactory().createParser(bytes)) {
      if (p.nextToken() == null) {
        throw new IOException("empty body");
      }
      JsonNode tree = value(p, 0, spans, bytes);
      return new RawJson(bytes, tree, spans);
    }
  }

  /**
   * Reads {@code bytes} (UTF-8 JSON) without building the trees of records: each object in an array
   * near the top (as {@link #parse} keeps spans for), except those of an {@code errors} array,
   * becomes an object holding only its fields whose values are not objects or arrays (its id, its
   * author's id, its time), and its {@link #slice}. The rest is read as {@link #parse} reads it.
   * The whole body is still read, so a truncated or broken one is refused as by {@link #parse}.
   *
   * @throws IOException when they are not JSON, or empty
   */
  public static RawJson skim(byte[] bytes) throws IOException {
    return skim(bytes, pointer -> true);
  }

  /**
   * {@link #skim(byte[])}, leaving out the arrays inside a top-level object that {@code read}
   * refuses (given their JSON pointer, {@code /includes/tweets}): they are read past, not into.
   *
   * @throws IOException when they are not JSON, or empty
   */
  public static RawJson skim(byte[] bytes, java.util.function.Predicate<String> read)
      throws IOException {
    Map<JsonNode, Slice> slices = new IdentityHashMap<>();
    try (JsonParser p = JSON.getFactory().createParser(bytes)) {
      if (p.nextToken() == null) {
        throw new IOException("empty body");
      }
      JsonNode tree = skimmed(p, "", 0, false, read, slices, bytes);
      return new RawJson(bytes, tree, Map.of(), slices);
    }
  }

  /** The bytes of an object {@link #skim} left as a slice, or null. */
  public Slice slice(JsonNode node) {
    return slices.isEmpty() ? null : slices.get(node);
  }

  /** The tree. */
  public JsonNode tree() {
    return tree;
  }

  /** Where {@code node} sits in the bytes, or null when it was not seen there. */
  Span span(JsonNode node) {
    return spans.isEmpty() ? null : spans.get(node);
  }

  /** The bytes the spans point into. */
  byte[] bytes() {
    return bytes;
  }

  /** Depth counts the containers above: spans are kept for array elements under two of them. */
  private static JsonNode value(JsonParser p, int depth, Map<JsonNode, Span> spans, byte[] bytes)
      throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT && depth < 2) {
      ObjectNode o = JSON.createObjectNode();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        o.set(name, value(p, depth + 1, spans, bytes));
      }
      return o;
    }
    if (t == JsonToken.START_ARRAY && depth < 3) {
      ArrayNode a = JSON.createArrayNode();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() == JsonToken.START_OBJECT) {
          long start = p.currentTokenLocation().getByteOffset();
          JsonNode e = read(p);
          long end = p.currentLocation().getByteOffset();
          if (start >= 0
              && end <= bytes.length
              && start < end
              && bytes[(int) start] == '{'
              && bytes[(int) end - 1] == '}') {
            spans.put(e, new Span((int) start, (int) end, e.size()));
          }
          a.add(e);
        } else {
          a.add(value(p, depth + 1, spans, bytes));
        }
      }
      return a;
    }
    return read(p);
  }

  /** {@link #value} for {@link #skim}: {@code inErrors} is true inside an {@code errors} array. */
  private static JsonNode skimmed(
      JsonParser p,
      String pointer,
      int depth,
      boolean inErrors,
      java.util.function.Predicate<String> read,
      Map<JsonNode, Slice> slices,
      byte[] bytes)
      throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT && depth < 2) {
      ObjectNode o = JSON.createObjectNode();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        String at = pointer + "/" + name;
        if (depth == 1 && v == JsonToken.START_ARRAY && !read.test(at)) {
          p.skipChildren();
          continue;
        }
        o.set(name, skimmed(p, at, depth + 1, name.equals("errors"), read, slices, bytes));
      }
      return o;
    }
    if (t == JsonToken.START_ARRAY && depth < 3) {
      ArrayNode a = JSON.createArrayNode();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() == JsonToken.START_OBJECT && !inErrors) {
          a.add(stub(p, slices, bytes));
        } else {
          a.add(skimmed(p, pointer + "/" + a.size(), depth + 1, false, read, slices, bytes));
        }
      }
      return a;
    }
    return read(p);
  }

  /** The object at the parser as its scalar fields, with its slice. */
  private static JsonNode stub(JsonParser p, Map<JsonNode, Slice> slices, byte[] bytes)
      throws IOException {
    long start = p.currentTokenLocation().getByteOffset();
    ObjectNode o = JSON.createObjectNode();
    java.util.List<String> names = new java.util.ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      names.add(name);
      JsonToken v = p.nextToken();
      if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
        p.skipChildren();
      } else {
        o.set(name, scalar(p, v));
      }
    }
    long end = p.currentLocation().getByteOffset();
    if (start >= 0
        && end <= bytes.length
        && start < end
        && bytes[(int) start] == '{'
        && bytes[(int) end - 1] == '}') {
      slices.put(
          o, new Slice(bytes, (int) start, (int) end, names.size(), names.toArray(new String[0])));
      return o;
    }
    throw new IOException("the parser lost its place in the bytes");
  }

  /** The scalar at the parser, as {@code readTree} reads it. */
  private static JsonNode scalar(JsonParser p, JsonToken t) throws IOException {
    JsonNodeFactory f = JSON.getNodeFactory();
    return switch (t) {
      case VALUE_STRING -> f.textNode(p.getText());
      case VALUE_NUMBER_INT ->
          switch (p.getNumberType()) {
            case INT -> f.numberNode(p.getIntValue());
            case LONG -> f.numberNode(p.getLongValue());
            default -> f.numberNode(p.getBigIntegerValue());
          };
      case VALUE_TRUE -> f.booleanNode(true);
      case VALUE_FALSE -> f.booleanNode(false);
      case VALUE_NULL -> f.nullNode();
      default -> read(p); // floats and embedded values: exactly as readTree reads them
    };
  }

  private static JsonNode read(JsonParser p) throws IOException {
    JsonNode n = JSON.readTree(p);
    return n == null ? NullNode.getInstance() : n;
  }
}
