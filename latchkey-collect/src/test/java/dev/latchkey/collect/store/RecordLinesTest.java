package dev.latchkey.collect.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.collect.CollectedRecord;
import dev.latchkey.collect.Provenance;
import dev.latchkey.collect.RecordType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Record lines copied from the answer's bytes are the lines serialised from the tree: the same
 * JSON, and the same bytes when the platform writes compact JSON as Jackson does.
 */
class RecordLinesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Provenance PROVENANCE =
      new Provenance(
          "http://127.0.0.1:1/2/users/1/tweets?max_results=100&expansions=author_id",
          Instant.parse("2026-11-29T10:00:00.123456Z"),
          "twitter/ada",
          "0.1.0",
          "timeline 1",
          null,
          null);

  /** A v2 page: tweets, their authors in includes, odd values in between. */
  private static final String V2_PAGE =
      "{\"data\":[{\"id\":\"3\",\"text\":\"caf\u00e9 \\\"quoted\\\" \\u2603 \\n"
          + " \uD83D\uDE00\",\"author_id\":\"10\",\"n\":1.50,\"big\":123456789012345678901,"
          + "\"neg\":-7,\"empty\":{},\"list\":[1,{\"a\":null}],\"t\":true},"
          + "{\"id\":\"2\",\"author_id\":\"11\",\"text\":\"x\"},{},"
          + "{\"id\":\"1\",\"author_id\":\"10\",\"author\":{\"own\":1}}],"
          + "\"includes\":{\"users\":[{\"id\":\"10\",\"name\":\"Ada\"},{\"id\":\"11\"}]},"
          + "\"meta\":{\"result_count\":4,\"next_token\":\"n1\"}}";

  @ParameterizedTest
  @ValueSource(
      strings = {
        V2_PAGE,
        "[{\"id_str\":\"1\",\"user\":{\"id\":2}},{\"id_str\":\"2\"}]",
        "{\"response\":{\"posts\":[{\"id_string\":\"9\",\"tags\":[\"a\",\"b\"]}],"
            + "\"total_posts\":1},\"meta\":{\"status\":200}}",
        "  {  \"data\" : [ { \"id\" : \"1\" , \"x\" : [ ] } ] }  ",
        "{\"data\":[[{\"deep\":1}]],\"a\":{\"b\":{\"c\":[{\"d\":1}]}}}",
        "\"just a string\"",
        "null",
        "[]"
      })
  void theTreeIsTheOneReadTreeBuilds(String body) throws IOException {
    RawJson raw = RawJson.parse(body.getBytes(StandardCharsets.UTF_8));
    assertThat(raw.tree()).isEqualTo(JSON.readTree(body));
  }

  @Test
  void emptyOrBrokenBodiesAreRefused() {
    for (String body : List.of("", "   ", "{\"data\":[{\"id\":", "[1,2")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> RawJson.parse(body.getBytes(StandardCharsets.UTF_8)))
          .as(body)
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void copiedLinesAreTheSerialisedLinesWithAuthorsInlined() throws IOException {
    RawJson raw = RawJson.parse(V2_PAGE.getBytes(StandardCharsets.UTF_8));
    List<CollectedRecord> records = records(raw.tree(), true);

    String copied = lines(RecordLines.records(records, raw));
    String serialised = lines(RecordLines.records(records));

    assertThat(copied.lines()).hasSize(4);
    List<JsonNode> a = new ArrayList<>();
    List<JsonNode> b = new ArrayList<>();
    for (String l : copied.lines().toList()) {
      a.add(JSON.readTree(l));
    }
    for (String l : serialised.lines().toList()) {
      b.add(JSON.readTree(l));
    }
    assertThat(a).isEqualTo(b);
    assertThat(a.get(0).path("author").path("name").asText()).isEqualTo("Ada");
    assertThat(a.get(0).path("__latchkey").path("retrieved_at").asText())
        .isEqualTo("2026-11-29T10:00:00.123Z");
    assertThat(a.get(2).fieldNames()).toIterable().containsExactly("__latchkey");
    // the tweet that came with its own author keeps it
    assertThat(a.get(3).path("author").path("own").asInt()).isEqualTo(1);
    // numbers and escapes as the platform wrote them
    assertThat(copied.lines().findFirst().orElseThrow())
        .contains("\"n\":1.50,\"big\":123456789012345678901")
        .contains("\\u2603");
  }

  @Test
  void compactJsonIsCopiedByteForByteAsJacksonWritesIt() throws IOException {
    String page =
        "{\"data\":[{\"id\":\"1\",\"text\":\"plain\",\"author_id\":\"10\"},"
            + "{\"id\":\"2\",\"author_id\":\"10\",\"entities\":{\"urls\":[{\"start\":0}]}}],"
            + "\"includes\":{\"users\":[{\"id\":\"10\",\"name\":\"Ada \u00e9\"}]}}";
    RawJson raw = RawJson.parse(page.getBytes(StandardCharsets.UTF_8));
    List<CollectedRecord> records = records(raw.tree(), true);

    assertThat(lines(RecordLines.records(records, raw)))
        .isEqualTo(lines(RecordLines.records(records)));
  }

  @Test
  void aRecordThatLostFieldsOrCarriesLatchkeyIsSerialisedFromItsTree() throws IOException {
    RawJson raw = RawJson.parse(V2_PAGE.getBytes(StandardCharsets.UTF_8));
    List<CollectedRecord> records = records(raw.tree(), false);
    ((ObjectNode) records.get(0).json()).remove("text");
    ((ObjectNode) records.get(1).json()).put("__latchkey", "forged");

    String copied = lines(RecordLines.records(records, raw));

    assertThat(copied).isEqualTo(lines(RecordLines.records(records)));
    assertThat(copied).doesNotContain("quoted").doesNotContain("forged");
  }

  @Test
  void keptLinesAreWrittenInOrderWithoutTheOthers() throws IOException {
    RawJson raw = RawJson.parse(V2_PAGE.getBytes(StandardCharsets.UTF_8));
    RecordLines.Rendered r = RecordLines.records(records(raw.tree(), false), raw);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

    r.writeKept(new boolean[] {false, true, false, true}, out);

    List<String> all = lines(r).lines().toList();
    assertThat(out.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(all.get(1), all.get(3));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        V2_PAGE,
        "{\"data\":[{\"id\":\"1\",\"text\":\"plain\",\"author_id\":\"10\"},"
            + "{\"id\":\"2\",\"author_id\":\"10\",\"entities\":{\"urls\":[{\"start\":0}]}},"
            + "{\"id\":\"3\",\"author_id\":\"99\",\"__latchkey\":{\"forged\":1}}],"
            + "\"includes\":{\"users\":[{\"id\":\"10\",\"name\":\"Ada \u00e9\"}],"
            + "\"tweets\":[{\"id\":\"7\",\"x\":[1]}]},\"meta\":{\"next_token\":\"n\"}}"
      })
  void skimmedRecordsWriteTheLinesAndTreesOfParsedOnes(String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    RawJson full = RawJson.parse(bytes);
    List<CollectedRecord> parsed = records(full.tree(), true);
    RawJson skim = RawJson.skim(bytes);
    List<CollectedRecord> skimmed = skimmedRecords(skim);

    // nothing asked for a tree yet: the lines are copied from the bytes, byte for byte the same
    assertThat(skimmed).allMatch(r -> r.slice() != null);
    assertThat(lines(RecordLines.records(skimmed, skim)))
        .isEqualTo(lines(RecordLines.records(parsed, full)));
    // and each record's tree, built when asked for, is the parsed record's
    for (int i = 0; i < parsed.size(); i++) {
      assertThat(skimmed.get(i).json()).isEqualTo(parsed.get(i).json());
    }
    // a tree someone was given may have changed: from then on the line is written from it
    skimmed.get(0).json().put("added", 1);
    assertThat(skimmed.get(0).slice()).isNull();
    assertThat(lines(RecordLines.records(skimmed, skim))).contains("\"added\":1");
  }

  @Test
  void aSkimmedPageKeepsTheScalarsOfRecordsAndTheRestWhole() throws IOException {
    RawJson skim = RawJson.skim(V2_PAGE.getBytes(StandardCharsets.UTF_8));
    JsonNode first = skim.tree().at("/data/0");

    assertThat(first.fieldNames())
        .toIterable()
        .containsExactly("id", "text", "author_id", "n", "big", "neg", "t");
    assertThat(skim.slice(first).has("list")).isTrue();
    assertThat(skim.slice(first).tree()).isEqualTo(JSON.readTree(V2_PAGE).at("/data/0"));
    assertThat(skim.tree().at("/meta/next_token").asText()).isEqualTo("n1");
    String errors = "{\"errors\":[{\"value\":\"x\",\"detail\":{\"a\":[1]}}]}";
    assertThat(RawJson.skim(errors.getBytes(StandardCharsets.UTF_8)).tree())
        .isEqualTo(JSON.readTree(errors));
  }

  @Test
  void theArraysASkimIsToldNotToReadAreLeftOut() throws IOException {
    String page =
        "{\"data\":[{\"id\":\"1\"}],\"includes\":{\"users\":[{\"id\":\"10\"}],"
            + "\"tweets\":[{\"id\":\"7\",\"x\":[{\"y\":1}]}],\"n\":[1]},\"meta\":{\"a\":[2]}}";
    RawJson skim =
        RawJson.skim(page.getBytes(StandardCharsets.UTF_8), p -> !p.equals("/includes/tweets"));

    assertThat(skim.tree().path("includes").fieldNames())
        .toIterable()
        .containsExactly("users", "n");
    assertThat(skim.slice(skim.tree().at("/includes/users/0")).tree())
        .isEqualTo(JSON.readTree("{\"id\":\"10\"}"));
    assertThat(skim.tree().at("/meta/a/0").asInt()).isEqualTo(2);
    assertThat(skim.tree().at("/data/0/id").asText()).isEqualTo("1");
  }

  @Test
  void emptyOrBrokenBodiesAreRefusedWhenSkimmedToo() {
    for (String body :
        List.of("", "   ", "{\"data\":[{\"id\":", "[1,2", "{\"data\":[{\"a\":[}]}")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> RawJson.skim(body.getBytes(StandardCharsets.UTF_8)))
          .as(body)
          .isInstanceOf(IOException.class);
    }
  }

  /** What the collector's runner makes of a skimmed v2 page: each tweet with its author's bytes. */
  private static List<CollectedRecord> skimmedRecords(RawJson skim) {
    List<CollectedRecord> out = new ArrayList<>();
    for (JsonNode t : skim.tree().path("data")) {
      RawJson.Slice slice = skim.slice(t);
      RawJson.Slice author = null;
      for (JsonNode u : skim.tree().at("/includes/users")) {
        if (u.path("id").asText().equals(t.path("author_id").asText("-"))) {
          author = skim.slice(u);
        }
      }
      out.add(
          CollectedRecord.of(
              RecordType.TWEET,
              t.path("id").asText(null),
              slice,
              slice.has("author") ? null : author,
              PROVENANCE));
    }
    return out;
  }

  private static List<CollectedRecord> records(JsonNode page, boolean inlineAuthors) {
    List<CollectedRecord> out = new ArrayList<>();
    for (JsonNode t : page.path("data")) {
      ObjectNode o = (ObjectNode) t;
      if (inlineAuthors && !o.has("author")) {
        for (JsonNode u : page.at("/includes/users")) {
          if (u.path("id").asText().equals(o.path("author_id").asText("-"))) {
            o.set("author", u);
          }
        }
      }
      out.add(new CollectedRecord(RecordType.TWEET, o.path("id").asText(null), o, PROVENANCE));
    }
    return out;
  }

  private static String lines(RecordLines.Rendered r) {
    return new String(r.bytes(), 0, r.length(), StandardCharsets.UTF_8);
  }
}
