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
