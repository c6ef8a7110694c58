package dev.latchkey.formats;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * A JSON or YAML document read with Jackson's streaming parser into a small tree that remembers the
 * line of every value, so that errors can name the line. Parser exceptions are never chained or
 * echoed: their messages can quote the input.
 */
final class Tree {
  private static final int MAX_DEPTH = 32;

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

  private static final YAMLFactory YAML = yamlFactory();

  private static YAMLFactory yamlFactory() {
    LoaderOptions loader = new LoaderOptions();
    loader.setNestingDepthLimit(MAX_DEPTH);
    loader.setMaxAliasesForCollections(10);
    loader.setCodePointLimit(CredentialImport.MAX_BYTES);
    return YAMLFactory.builder()
        .loaderOptions(loader)
        .streamReadConstraints(CONSTRAINTS)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();
  }

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

  /** A string, number, boolean or null, with its text as written. */
  record Scalar(int line, JsonToken token, String text) implements Node {
    boolean isNull() {
      return token == JsonToken.VALUE_NULL;
    }

    boolean isString() {
      return token == JsonToken.VALUE_STRING;
    }
  }

  private Tree() {}

  /** Reads one JSON value; content after it is an error. */
  static Node readJson(Source source) throws ImportException {
    return read(source, JSON, "not valid JSON; check the quotes, commas and braces there", true);
  }

  /** Reads the first YAML document; an empty document reads as null. */
  static Node readYaml(Source source) throws ImportException {
    return read(
        source, YAML, "not valid YAML; check the indentation, colons and quotes there", false);
  }

  private static Node read(Source source, JsonFactory factory, String invalid, boolean single)
      throws ImportException {
    try (JsonParser parser = factory.createParser(source.text())) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return null;
      }
      Node root = readValue(source, parser, 1);
      if (single && parser.nextToken() != null) {
        throw source.error(
            line(parser.currentTokenLocation()),
            "unexpected text after the end of the JSON value; a file holds one object");
      }
      return root;
    } catch (JacksonException e) {
      throw source.error(line(e.getLocation()), invalid);
    } catch (IOException e) {
      throw source.error(0, invalid);
    }
  }

  private static Node readValue(Source source, JsonParser parser, int depth)
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
          List<Entry> entries = new ArrayList<>();
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyLine = line(parser.currentTokenLocation());
            for (Entry e : entries) {
              if (e.key.equals(key)) {
                throw source.error(
                    keyLine,
                    "a key appears twice in the same "
                        + (isJson(parser) ? "object" : "mapping")
                        + " (first on line "
                        + e.line
                        + "); keep one");
              }
            }
            parser.nextToken();
            entries.add(new Entry(key, keyLine, readValue(source, parser, depth + 1)));
          }
          return new Obj(line, List.copyOf(entries));
        }
      case START_ARRAY:
        {
          List<Node> items = new ArrayList<>();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(readValue(source, parser, depth + 1));
          }
          return new Arr(line, List.copyOf(items));
        }
      case VALUE_STRING:
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
      case VALUE_TRUE:
      case VALUE_FALSE:
      case VALUE_NULL:
        return new Scalar(line, token, token == JsonToken.VALUE_NULL ? null : parser.getText());
      default:
        throw source.error(line, "unexpected content; expected a value");
    }
  }

  private static boolean isJson(JsonParser parser) {
    return !(parser instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser);
  }

  private static int line(JsonLocation location) {
    return location == null ? 0 : Math.max(location.getLineNr(), 0);
  }
}
