package dev.latchkey.collect.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

  private final byte[] bytes;
  private final JsonNode tree;
  private final Map<JsonNode, Span> spans;

  private RawJson(byte[] bytes, JsonNode tree, Map<JsonNode, Span> spans) {
    this.bytes = bytes;
    this.tree = tree;
    this.spans = spans;
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

  private static JsonNode read(JsonParser p) throws IOException {
    JsonNode n = JSON.readTree(p);
    return n == null ? NullNode.getInstance() : n;
  }
}
