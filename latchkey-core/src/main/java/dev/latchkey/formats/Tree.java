package dev.latchkey.formats;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;

/**
 * A JSON or YAML document read into a small tree that remembers the line of every value, so that
 * errors can name the line. JSON is read with Jackson's streaming parser, YAML with SnakeYAML's
 * event parser (the one under Jackson's YAML module), which also reports the anchors that Ruby's
 * YAML writer puts on repeated strings. Parser exceptions are never chained or echoed: their
 * messages can quote the input.
 */
final class Tree {
  private static final int MAX_DEPTH = 32;

  /** The most text a YAML document may stand for once its aliases are expanded. */
  static final int MAX_EXPANDED = CredentialImport.MAX_BYTES;

  private static final StreamReadConstraints CONSTRAINTS =
      StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxStringLength(64 * 1024)
          .maxNameLength(64 * 1024)
          .build();

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(CONSTRAINTS)
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** YAML 1.1 plain scalars that mean null. */
  private static final Set<String> YAML_NULLS = Set.of("", "~", "null", "Null", "NULL");

  private static final String INVALID_JSON =
      "not valid JSON; check the quotes, commas and braces there";
  private static final String INVALID_YAML =
      "not valid YAML; check the indentation, colons and quotes there";

  /** A value in the tree. */
  sealed interface Node permits Obj, Arr, Scalar {
    int line();
  }

  /** One key of a mapping, with the line the key is on. */
  record Entry(String key, int line, Node value) {}

  /** A JSON object or YAML mapping, entries in file order, keys unique. */
  record Obj(int line, List<Entry> entries) implements Node {
    Entry get(String key) {
      for (Entry e : entries) {
        if (e.key.equals(key)) {
          return e;
        }
      }
      return null;
    }
  }

  /** A JSON array or YAML sequence. */
  record Arr(int line, List<Node> items) implements Node {}

  /**
   * A string, number, boolean or null, with its text as written. YAML scalars are all strings
   * except null.
   */
  record Scalar(int line, JsonToken token, String text) implements Node {
    boolean isNull() {
      return token == JsonToken.VALUE_NULL;
    }

    boolean isString() {
      return token == JsonToken.VALUE_STRING;
    }
  }

  private Tree() {}

  // ---------------------------------------------------------------- JSON

  /** Reads one JSON value; content after it is an error. */
  static Node readJson(Source source) throws ImportException {
    try (JsonParser parser = JSON.createParser(source.text())) {
      if (parser.nextToken() == null) {
        return null;
      }
      Node root = readJsonValue(source, parser, 1);
      if (parser.nextToken() != null) {
        throw source.error(
            line(parser.currentTokenLocation()),
            "unexpected text after the end of the JSON value; a file holds one object");
      }
      return root;
    } catch (JacksonException e) {
      throw source.error(line(e.getLocation()), INVALID_JSON);
    } catch (IOException e) {
      throw source.error(0, INVALID_JSON);
    }
  }

  private static Node readJsonValue(Source source, JsonParser parser, int depth)
      throws IOException, ImportException {
    JsonToken token = parser.currentToken();
    int line = line(parser.currentTokenLocation());
    if (token == null) {
      throw source.error(line, "the file ends in the middle of a value; it may be cut short");
    }
    if (depth > MAX_DEPTH) {
      throw source.error(line, "nested too deeply to be a credential file");
    }
    switch (token) {
      case START_OBJECT:
        {
          Keys keys = new Keys(source, "object");
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyLine = line(parser.currentTokenLocation());
            parser.nextToken();
            keys.add(key, keyLine, readJsonValue(source, parser, depth + 1));
          }
          return new Obj(line, keys.entries());
        }
      case START_ARRAY:
        {
          List<Node> items = new ArrayList<>();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(readJsonValue(source, parser, depth + 1));
          }
          return new Arr(line, List.copyOf(items));
        }
      case VALUE_STRING:
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new Scalar(line, token, parser.getText());
      case VALUE_NULL:
        return new Scalar(line, token, null);
      default:
        throw source.error(line, "unexpected content; expected a value");
    }
  }

  private static int line(JsonLocation location) {
    return location == null ? 0 : Math.max(location.getLineNr(), 0);
  }

  // ---------------------------------------------------------------- YAML

  /**
   * Reads the first YAML document; an empty document reads as null. Aliases resolve to the anchored
   * scalar, shared rather than copied; still, every value an alias stands for counts toward the
   * bound on the document's expanded text ({@link #MAX_EXPANDED} characters), checked as the
   * document is read: one anchored 60 KB value and 1,500 aliases to it (90 MB of credentials for
   * whoever uses them) are refused at once, not counted as a 95 KB file.
   */
  static Node readYaml(Source source) throws ImportException {
    LoaderOptions options = new LoaderOptions();
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(CredentialImport.MAX_BYTES);
    options.setAllowDuplicateKeys(true); // we report duplicates ourselves, with both lines
    Iterator<Event> events = new Yaml(options).parse(new StringReader(source.text())).iterator();
    YamlReader reader = new YamlReader(source, events);
    try {
      return reader.document();
    } catch (MarkedYAMLException e) {
      // A problem found at the end of the file (an unclosed quote or bracket) is best shown
      // where the unclosed thing started; any other, where it was found.
      Mark problem = e.getProblemMark();
      Mark context = e.getContextMark();
      boolean atEnd = problem != null && problem.getIndex() >= source.text().length();
      Mark mark = problem == null || (atEnd && context != null) ? context : problem;
      throw source.error(mark == null ? 0 : mark.getLine() + 1, INVALID_YAML);
    } catch (YAMLException e) {
      throw source.error(reader.lastLine, INVALID_YAML);
    }
  }

  /** Builds nodes from SnakeYAML's events. */
  private static final class YamlReader {
    private final Source source;
    private final Iterator<Event> events;
    private final Map<String, Node> anchors = new HashMap<>();
    private int lastLine;
    private long expanded;

    YamlReader(Source source, Iterator<Event> events) {
      this.source = source;
      this.events = events;
    }

    private Event next() throws ImportException {
      if (!events.hasNext()) {
        throw source.error(lastLine, "the file ends in the middle of a value; it may be cut short");
      }
      Event e = events.next();
      lastLine = line(e);
      return e;
    }

    Node document() throws ImportException {
      while (events.hasNext()) {
        Event e = next();
        if (e.is(Event.ID.DocumentStart)) {
          return node(next(), 1);
        }
        if (e.is(Event.ID.StreamEnd)) {
          return null;
        }
      }
      return null;
    }

    private Node node(Event e, int depth) throws ImportException {
      int line = line(e);
      if (depth > MAX_DEPTH) {
        throw source.error(line, "nested too deeply to be a credential file");
      }
      if (e instanceof AliasEvent alias) {
        Node target = anchors.get(alias.getAnchor());
        if (target == null) {
          throw source.error(line, "an alias (*name) refers to no anchor (&name) before it");
        }
        if (!(target instanceof Scalar s)) {
          // Walking shared lists or mappings could take exponential time: refuse them.
          throw source.error(
              line, "an alias (*name) to a list or mapping is not supported; write it out");
        }
        count(s.text(), line);
        return new Scalar(line, s.token(), s.text());
      }
      Node node;
      if (e instanceof ScalarEvent s) {
        count(s.getValue(), line);
        boolean plainNull = s.isPlain() && s.getTag() == null && YAML_NULLS.contains(s.getValue());
        node =
            plainNull
                ? new Scalar(line, JsonToken.VALUE_NULL, null)
                : new Scalar(line, JsonToken.VALUE_STRING, s.getValue());
      } else if (e instanceof MappingStartEvent) {
        Keys keys = new Keys(source, "mapping");
        while (true) {
          Event k = next();
          if (k.is(Event.ID.MappingEnd)) {
            break;
          }
          Node key = node(k, depth + 1);
          if (!(key instanceof Scalar ks)) {
            throw source.error(key.line(), "a key must be a plain value, not a list or mapping");
          }
          Node value = node(next(), depth + 1);
          keys.add(ks.isNull() ? "" : ks.text(), ks.line(), value);
        }
        node = new Obj(line, keys.entries());
      } else if (e instanceof SequenceStartEvent) {
        List<Node> items = new ArrayList<>();
        while (true) {
          Event i = next();
          if (i.is(Event.ID.SequenceEnd)) {
            break;
          }
          items.add(node(i, depth + 1));
        }
        node = new Arr(line, List.copyOf(items));
      } else {
        throw source.error(line, INVALID_YAML);
      }
      if (e instanceof NodeEvent ne && ne.getAnchor() != null) {
        anchors.put(ne.getAnchor(), node);
      }
      return node;
    }

    private static int line(Event e) {
      return e.getStartMark() == null ? 0 : e.getStartMark().getLine() + 1;
    }

    /** Adds a value's length to the expanded text, refusing the document past the bound. */
    private void count(String text, int line) throws ImportException {
      expanded += text == null ? 0 : text.length();
      if (expanded > MAX_EXPANDED) {
        throw source.error(
            line,
            "its aliases (*name) repeat values to more than 1 MiB of text, too much for a"
                + " credential file; write each value out once");
      }
    }
  }

  /** Collects a mapping's entries, refusing a key given twice. */
  private static final class Keys {
    private final Source source;
    private final String kind;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Integer> lines = new HashMap<>();

    Keys(Source source, String kind) {
      this.source = source;
      this.kind = kind;
    }

    void add(String key, int line, Node value) throws ImportException {
      Integer first = lines.putIfAbsent(key, line);
      if (first != null) {
        throw source.error(
            line,
            "a key appears twice in the same " + kind + " (first on line " + first + "); keep one");
      }
      entries.add(new Entry(key, line, value));
    }

    List<Entry> entries() {
      return List.copyOf(entries);
    }
  }
}
