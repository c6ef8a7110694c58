package dev.latchkey.sandbox.internal.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.oauth1.Parameter;
import dev.latchkey.sandbox.internal.Json;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the OAuth 2 endpoints read from a request and how they answer errors (RFC 6749 §5.2): form
 * or JSON bodies (twitter-api-v2 sends JSON, facts D), Basic client credentials (§2.3.1).
 */
final class OAuth2Requests {
  private OAuth2Requests() {}

  /** A form or JSON body as a flat map (first value wins); anything else is empty. */
  static Map<String, String> body(Context ctx) {
    Map<String, String> out = new LinkedHashMap<>();
    String type = ctx.header("Content-Type");
    String t = type == null ? "" : type.toLowerCase(Locale.ROOT).trim();
    try {
      if (t.startsWith("application/json")) {
        JsonNode node = Json.MAPPER.readTree(ctx.body());
        if (node != null && node.isObject()) {
          node.fields()
              .forEachRemaining(
                  e -> {
                    if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                      out.put(e.getKey(), e.getValue().asText());
                    }
                  });
        }
      } else if (t.startsWith("application/x-www-form-urlencoded")) {
        for (Parameter p : Parameter.parseForm(ctx.body())) {
          out.putIfAbsent(p.name(), p.value());
        }
      }
    } catch (Exception e) {
      // malformed body: treated as empty, which every endpoint rejects
    }
    return out;
  }

  /** Basic credentials, each part form-url-decoded (RFC 6749 §2.3.1), or null. */
  static String[] basic(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return null;
      }
      return new String[] {
        URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
        URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
      };
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** RFC 6749 §5.2: {@code {"error","error_description"}}, never cached. */
  static void oauthError(Context ctx, int status, String error, String description) {
    ObjectNode out = Json.object();
    out.put("error", error);
    out.put("error_description", description);
    ctx.header("Cache-Control", "no-store");
    Json.send(ctx, status, out);
  }

  static boolean constantEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
