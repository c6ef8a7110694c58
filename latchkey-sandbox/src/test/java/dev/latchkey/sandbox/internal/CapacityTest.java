package dev.latchkey.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxOptions;
import dev.latchkey.sandbox.SandboxPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What clients make the sandbox remember is bounded (issue 9); a full store says so. */
class CapacityTest {
  @Test
  void aFullStoreRefusesWith503OverCapacity() {
    Map<String, String> store = new HashMap<>();
    store.put("a", "1");
    Capacity.ensureRoom(store, 2);
    store.put("b", "2");
    assertThatThrownBy(() -> Capacity.ensureRoom(store, 2))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.code()).isEqualTo(130);
            });
  }

  @Test
  void appsArePerPlatformAtMostAThousandAndTheControlApiSaysSo() throws Exception {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
      for (int i = 1; i < Capacity.APPS; i++) {
        sandbox.registerApp(SandboxPlatform.TWITTER, "App " + i, "read", List.of());
      }
      assertThatThrownBy(
              () -> sandbox.registerApp(SandboxPlatform.TWITTER, "One more", "read", List.of()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("at most 1000 apps per platform");
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/sandbox/apps"))
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"platform\":\"twitter\",\"name\":\"Again\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("at most 1000 apps");
      // The other platform is counted on its own.
      assertThat(sandbox.registerApp(SandboxPlatform.TUMBLR, "Fine", "read", List.of()))
          .isNotNull();
    }
  }
}
