package dev.latchkey.collect.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A {@link LiveStatus} as the JSON object of its file (version 1). */
final class LiveJson {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private LiveJson() {}

  static byte[] write(LiveStatus s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("v", 1);
    n.put("pid", s.pid());
    n.put("processStart", text(s.processStart()));
    n.put("job", s.job());
    n.put("output", s.output());
    n.put("store", s.store());
    n.put("started", text(s.started()));
    n.put("updated", text(s.updated()));
    n.put("tasks", s.tasks());
    n.put("done", s.done());
    n.put("concurrency", s.concurrency());
    n.put("recordsBefore", s.recordsBefore());
    n.put("records", s.records());
    n.put("pages", s.pages());
    n.put("errors", s.errors());
    n.put("task", s.task());
    n.put("limitLeft", s.limitLeft());
    n.put("limit", s.limit());
    n.put("waitReason", s.waitReason());
    n.put("waitUntil", text(s.waitUntil()));
    n.put("notice", s.notice());
    n.put("outcome", s.outcome());
    n.put("failed", s.failed());
    n.put("summary", s.summary());
    try {
      return JSON.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a live status", e);
    }
  }

  /** The status in {@code bytes}; null when they are not a version-1 live status. */
  static LiveStatus read(String id, byte[] bytes) {
    JsonNode n;
    try {
      n = JSON.readTree(bytes);
    } catch (java.io.IOException e) {
      return null;
    }
    if (n == null || !n.isObject() || n.path("v").asInt() != 1 || !n.path("pid").isNumber()) {
      return null;
    }
    try {
      return new LiveStatus(
          id,
          n.path("pid").asLong(),
          instant(n, "processStart"),
          string(n, "job"),
          string(n, "output"),
          string(n, "store"),
          instant(n, "started"),
          instant(n, "updated"),
          n.path("tasks").asLong(),
          n.path("done").asLong(),
          n.path("concurrency").asInt(1),
          n.path("recordsBefore").asLong(),
          n.path("records").asLong(),
          n.path("pages").asLong(),
          n.path("errors").asLong(),
          string(n, "task"),
          n.path("limitLeft").asLong(-1),
          n.path("limit").asLong(-1),
          string(n, "waitReason"),
          instant(n, "waitUntil"),
          string(n, "notice"),
          string(n, "outcome"),
          n.path("failed").asLong(),
          string(n, "summary"));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String text(Instant i) {
    return i == null ? null : i.toString();
  }

  private static String string(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Instant instant(JsonNode n, String field) {
    String v = string(n, field);
    return v == null ? null : Instant.parse(v);
  }
}
