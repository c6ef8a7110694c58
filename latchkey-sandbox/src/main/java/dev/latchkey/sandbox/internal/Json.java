package dev.latchkey.sandbox.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

/** The sandbox's one Jackson mapper and the small helpers the routes share. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  public static final String UTF8_JSON = "application/json; charset=utf-8";

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** Sends {@code node} with the given status as {@code application/json; charset=utf-8}. */
  public static void send(Context ctx, int status, JsonNode node) {
    ctx.status(status).contentType(UTF8_JSON).result(write(node));
  }
}
