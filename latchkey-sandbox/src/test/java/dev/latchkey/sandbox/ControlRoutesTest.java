package dev.latchkey.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ControlRoutesTest {
  static Sandbox sandbox;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static HttpResponse<String> postJson(String path, String json) {
    return SignedCall.send(
        HttpRequest.newBuilder(URI.create(sandbox.baseUri() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  @Test
  void registeringAnAppReturnsWorkingKeys() throws Exception {
    HttpResponse<String> r =
        postJson(
            "/sandbox/apps",
            "{\"platform\":\"twitter\",\"name\":\"My Bot\",\"access\":\"read\","
                + "\"callback_urls\":[\"https://bot.example/cb\"]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode app = JSON.readTree(r.body());
    assertThat(app.get("access").asText()).isEqualTo("read");
    SandboxKeys keys =
        new SandboxKeys(
            app.get("consumer_key").asText(),
            app.get("consumer_secret").asText(),
            app.get("access_token").asText(),
            app.get("access_token_secret").asText());
    HttpResponse<String> me =
        SignedCall.get(URI.create(sandbox.twitterBase() + "/1.1/account/verify_credentials.json"))
            .keys(keys)
            .send();
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.headers().firstValue("x-access-level")).hasValue("read");
  }

  @Test
  void badRegistrationsAre400WithAMessage() {
    assertThat(postJson("/sandbox/apps", "{\"platform\":\"myspace\"}").statusCode()).isEqualTo(400);
    HttpResponse<String> access =
        postJson("/sandbox/apps", "{\"platform\":\"tumblr\",\"access\":\"admin\"}");
    assertThat(access.statusCode()).isEqualTo(400);
    assertThat(access.body()).contains("read-write-directmessages");
    assertThat(postJson("/sandbox/apps", "not json").statusCode()).isEqualTo(400);
  }

  @Test
  void revokeEndpointRevokesTheUsersTokens() {
    SandboxKeys app =
        sandbox.registerApp(SandboxPlatform.TUMBLR, "To revoke", "read-write", java.util.List.of());
    SandboxUser owner = sandbox.users(SandboxPlatform.TUMBLR).get(0);
    HttpResponse<String> r =
        postJson(
            "/sandbox/revoke",
            "{\"platform\":\"tumblr\",\"screen_name\":\"" + owner.screenName() + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"revoked\":");
    HttpResponse<String> info =
        SignedCall.get(URI.create(sandbox.tumblrBase() + "/v2/user/info")).keys(app).send();
    assertThat(info.statusCode()).isEqualTo(401);
    assertThat(info.body()).contains("Invalid or expired token.");
    assertThat(
            postJson("/sandbox/revoke", "{\"platform\":\"tumblr\",\"screen_name\":\"ghost\"}")
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void indexListsUsersAndAppsWithMaskedKeysOnly() {
    HttpResponse<String> r =
        SignedCall.send(
            HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/sandbox/")).GET().build());
    assertThat(r.statusCode()).isEqualTo(200);
    for (SandboxPlatform p : SandboxPlatform.values()) {
      SandboxKeys k = sandbox.keys(p);
      assertThat(r.body())
          .contains(sandbox.users(p).get(0).screenName())
          .contains(k.consumerKey().substring(0, 4) + "…")
          .doesNotContain(k.consumerKey())
          .doesNotContain(k.consumerSecret())
          .doesNotContain(k.accessToken())
          .doesNotContain(k.accessTokenSecret());
    }
  }

  @Test
  void foreignHostHeaderIsRefusedWith403() throws Exception {
    String response =
        raw(
            "GET /sandbox/ HTTP/1.1\r\nHost: attacker.example:"
                + sandbox.port()
                + "\r\nConnection: close\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 403");
  }

  @Test
  void foreignOriginIsRefusedWith403() {
    HttpResponse<String> r =
        SignedCall.send(
            HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/sandbox/apps"))
                .header("Content-Type", "application/json")
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"platform\":\"twitter\"}"))
                .build());
    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void serverIsBoundToLoopbackOnly() {
    assertThat(sandbox.baseUri().getHost()).isEqualTo("127.0.0.1");
    assertThat(sandbox.twitterBase().toString()).isEqualTo(sandbox.baseUri() + "/twitter");
    assertThat(sandbox.tumblrBase().toString()).isEqualTo(sandbox.baseUri() + "/tumblr");
  }

  @Test
  void printKeysJsonHasTheDocumentedShape() throws Exception {
    JsonNode json = JSON.readTree(sandbox.printKeysJson());
    assertThat(json.fieldNames()).toIterable().containsExactly("twitter", "tumblr");
    assertThat(json.get("twitter").fieldNames())
        .toIterable()
        .containsExactly(
            "consumer_key",
            "consumer_secret",
            "access_token",
            "access_token_secret",
            "client_id",
            "client_secret");
    assertThat(json.get("tumblr").get("consumer_secret").asText())
        .isEqualTo(sandbox.keys(SandboxPlatform.TUMBLR).consumerSecret());
  }

  @Test
  void keysToStringIsMasked() {
    SandboxKeys k = sandbox.keys(SandboxPlatform.TWITTER);
    assertThat(k.toString())
        .doesNotContain(k.consumerSecret())
        .doesNotContain(k.accessTokenSecret());
  }

  private static String raw(String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", sandbox.port())) {
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
