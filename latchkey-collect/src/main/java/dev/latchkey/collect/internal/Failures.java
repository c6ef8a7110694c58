package dev.latchkey.collect.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.http.ApiException;
import dev.latchkey.http.PlatformError;
import java.util.Set;

/**
 * Which platform errors are about one target (an unknown, protected or suspended user, a deleted
 * tweet, a missing blog: an error record, and the collection goes on) and which stop it (the
 * credential refused, a bad query). Codes from protocol-facts F.
 */
public final class Failures {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Codes that mean the credential or app, not the target. */
  private static final Set<Integer> CREDENTIAL_CODES =
      Set.of(32, 87, 89, 93, 99, 135, 215, 220, 226, 261, 326, 416, 417, 453);

  private Failures() {}

  /** Whether {@code e} is about the target alone. */
  public static boolean aboutTarget(ApiException e) {
    Integer code = e.code().orElse(null);
    if (code != null && CREDENTIAL_CODES.contains(code)) {
      return false;
    }
    String type = e.problem().map(p -> String.valueOf(p.type())).orElse("");
    if (type.contains("client-forbidden")
        || type.contains("unsupported-authentication")
        || type.contains("usage-capped")
        || type.contains("invalid-request")) {
      return false;
    }
    return switch (e.status()) {
      case 404, 410 -> true;
      case 401 -> {
        if (code != null) {
          yield code == 179;
        }
        if (e.problem().isPresent() || "tumblr".equals(e.platform())) {
          yield false;
        }
        // v1.1 answers a protected timeline with 401 {"error": "Not authorized."}
        yield e.errors().stream()
            .map(PlatformError::message)
            .anyMatch(
                m -> m != null && m.toLowerCase(java.util.Locale.ROOT).contains("not authorized"));
      }
      case 403 -> true;
      default -> false;
    };
  }

  /** Whether {@code e} says the request itself was malformed (exit 2). */
  public static boolean badInput(ApiException e) {
    return e.status() == 400 && !e.hasCode(215);
  }

  /** An error record's {@code error} object for {@code target} from the platform's answer. */
  public static ObjectNode record(String task, String target, ApiException e) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode err = root.putObject("error");
    err.put("task", task);
    err.put("target", target);
    err.put("status", e.status());
    e.code().ifPresent(c -> err.put("code", c.toString()));
    e.problem()
        .ifPresent(
            p -> {
              err.put("title", p.title());
              if (p.type() != null) {
                err.put("type", p.type());
              }
            });
    String message =
        e.errors().stream()
            .map(PlatformError::message)
            .filter(m -> m != null)
            .findFirst()
            .orElse(e.problem().map(p -> p.detail()).orElse(e.metaMessage().orElse(null)));
    err.put("message", message == null ? e.getMessage() : message);
    return root;
  }

  /** An error record from a v2 partial error ({@code errors[]} in a 200 answer). */
  public static ObjectNode partial(String task, JsonNode error) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode err = root.putObject("error");
    err.put("task", task);
    err.put("target", text(error, "value", text(error, "resource_id", null)));
    err.put("status", 200);
    String type = text(error, "type", null);
    if (type != null) {
      err.put("code", type.substring(type.lastIndexOf('/') + 1));
      err.put("type", type);
    }
    err.put("title", text(error, "title", null));
    err.put("message", text(error, "detail", text(error, "message", null)));
    err.set("platform", error);
    return root;
  }

  /** An error record for a lookup target the platform left out silently (v1.1 lookups). */
  public static ObjectNode missing(String task, String target, int code, String message) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode err = root.putObject("error");
    err.put("task", task);
    err.put("target", target);
    err.put("status", 200);
    err.put("code", Integer.toString(code));
    err.put("message", message);
    return root;
  }

  /** An error record for a screen name X refuses outright (the pattern of its usernames). */
  public static ObjectNode invalidName(String task, String target) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode err = root.putObject("error");
    err.put("task", task);
    err.put("target", target);
    err.put("status", 400);
    err.put("code", "invalid-request");
    err.put(
        "message",
        "not a valid X screen name (1 to 15 letters, digits or _); X refuses it, so it was not"
            + " asked for");
    return root;
  }

  private static String text(JsonNode n, String field, String fallback) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? fallback : v.asText();
  }
}
