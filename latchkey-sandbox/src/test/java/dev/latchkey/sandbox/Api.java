package dev.latchkey.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Test helpers for bearer calls and JSON bodies, over real HTTP to the sandbox. */
final class Api {
  static final ObjectMapper JSON = new ObjectMapper();

  private Api() {}

  /** The app's app-only bearer token (X's {@code /oauth2/token}, Tumblr's token endpoint). */
  static String bearer(Sandbox sandbox, SandboxPlatform platform) {
    return bearer(sandbox, platform, sandbox.keys(platform));
  }

  static String bearer(Sandbox sandbox, SandboxPlatform platform, SandboxKeys keys) {
    String path = platform == SandboxPlatform.TWITTER ? "/oauth2/token" : "/v2/oauth2/token";
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (keys.consumerKey() + ":" + keys.consumerSecret())
                    .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        SignedCall.send(
            HttpRequest.newBuilder(URI.create(sandbox.base(platform) + path))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build());
    if (r.statusCode() != 200) {
      throw new AssertionError("bearer: " + r.statusCode() + " " + r.body());
    }
    return json(r).get("access_token").asText();
  }

  static HttpResponse<String> get(URI uri, String bearer) {
    return SignedCall.send(
        HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + bearer).GET().build());
  }

  static HttpResponse<String> get(URI uri) {
    return SignedCall.send(HttpRequest.newBuilder(uri).GET().build());
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON of a 200 response, or an assertion error showing what came instead. */
  static JsonNode ok(HttpResponse<String> r) {
    if (r.statusCode() != 200) {
      throw new AssertionError("expected 200, got " + r.statusCode() + ": " + r.body());
    }
    return json(r);
  }
}
