package dev.latchkey.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --faults}: what a client sees of each injected fault, over real HTTP. */
@Timeout(60)
class FaultInjectionTest {
  private static Sandbox start(String faults) {
    return Sandbox.start(SandboxOptions.builder().faults(faults).build());
  }

  private static HttpResponse<String> verifyCredentials(Sandbox s) {
    return SignedCall.get(URI.create(s.twitterBase() + "/1.1/account/verify_credentials.json"))
        .keys(s.keys(SandboxPlatform.TWITTER))
        .send();
  }

  @Test
  void overCapacityIsXs503Code130WithRetryAfter() {
    try (Sandbox s = start("503=1,retry-after=30")) {
      HttpResponse<String> r = verifyCredentials(s);
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).isEqualTo("{\"errors\":[{\"code\":130,\"message\":\"Over capacity\"}]}");
      assertThat(r.headers().firstValue("Retry-After")).contains("30");
    }
  }

  @Test
  void internalErrorIsCode131OnV11AndAProblemOnV2() {
    try (Sandbox s = start("500=1")) {
      HttpResponse<String> v11 = verifyCredentials(s);
      assertThat(v11.statusCode()).isEqualTo(500);
      assertThat(v11.body()).contains("\"code\":131").contains("Internal error");
      assertThat(v11.headers().firstValue("Retry-After")).isEmpty();
      HttpResponse<String> v2 =
          SignedCall.get(URI.create(s.twitterBase() + "/2/users/me"))
              .keys(s.keys(SandboxPlatform.TWITTER))
              .send();
      assertThat(v2.statusCode()).isEqualTo(500);
      assertThat(v2.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(v2.body()).contains("\"status\":500");
    }
  }

  @Test
  void tumblrFaultsKeepTheEnvelope() {
    try (Sandbox s = start("503=1")) {
      HttpResponse<String> r =
          SignedCall.get(URI.create(s.tumblrBase() + "/v2/user/info"))
              .keys(s.keys(SandboxPlatform.TUMBLR))
              .send();
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).contains("\"meta\":{\"status\":503");
    }
  }

  @Test
  void badGatewayAndGatewayTimeoutAreTheEdgesHtmlPage() {
    for (String status : List.of("502", "504")) {
      try (Sandbox s = start(status + "=1,retry-after=5")) {
        HttpResponse<String> r = verifyCredentials(s);
        assertThat(r.statusCode()).isEqualTo(Integer.parseInt(status));
        assertThat(r.headers().firstValue("Content-Type"))
            .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(r.body()).contains("Something is technically wrong.");
        assertThat(r.headers().firstValue("Retry-After")).contains("5");
      }
    }
  }

  @Test
  void aResetConnectionGivesTheClientNoAnswer() {
    try (Sandbox s = start("reset=1")) {
      assertThatThrownBy(() -> verifyCredentials(s)).hasCauseInstanceOf(IOException.class);
    }
  }

  @Test
  void aTruncatedBodyIsShorterThanItsContentLength() {
    try (Sandbox s = start("truncate=1")) {
      assertThatThrownBy(() -> verifyCredentials(s)).hasCauseInstanceOf(IOException.class);
    }
  }

  @Test
  void aSlowAnswerComesAfterTheDelay() {
    try (Sandbox s = start("slow=1:400ms")) {
      long start = System.nanoTime();
      HttpResponse<String> r = verifyCredentials(s);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }
  }

  @Test
  void aSampleStreamIsCutAfterTheDisconnectTimeAndCanBeOpenedAgain() throws Exception {
    try (Sandbox s =
        Sandbox.start(
            SandboxOptions.builder()
                .faults("stream-disconnect=600ms")
                .streamKeepAlive(Duration.ofMillis(100))
                .build())) {
      SandboxKeys k = s.keys(SandboxPlatform.TWITTER);
      String basic =
          java.util.Base64.getEncoder()
              .encodeToString((k.consumerKey() + ":" + k.consumerSecret()).getBytes());
      HttpClient http = HttpClient.newHttpClient();
      String token =
          http.send(
                  HttpRequest.newBuilder(URI.create(s.twitterBase() + "/oauth2/token"))
                      .header("Authorization", "Basic " + basic)
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body()
              .replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
      HttpRequest stream =
          HttpRequest.newBuilder(URI.create(s.twitterBase() + "/2/tweets/sample/stream"))
              .header("Authorization", "Bearer " + token)
              .build();
      for (int connection = 0; connection < 2; connection++) {
        if (connection > 0) {
          // Back off as a client should; the sandbox notices the cut at its next write.
          Thread.sleep(1000);
        }
        long start = System.nanoTime();
        HttpResponse<java.io.InputStream> r =
            http.send(stream, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        try (java.io.InputStream in = r.body()) {
          while (in.read() >= 0) {
            // keep-alive newlines and tweets until the cut
          }
        } catch (IOException cut) {
          // the cut shows as a chunked body that never ends
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .isBetween(Duration.ofMillis(600), Duration.ofSeconds(15));
      }
    }
  }

  @Test
  void theControlApiIsNeverFaulted() throws Exception {
    try (Sandbox s = start("503=1,reset=0")) {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(s.baseUri() + "/sandbox/")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theSameSeedGivesTheSameFaultsInTheSameOrder() {
    assertThat(statuses("500=0.3,503=0.2,seed=5")).isEqualTo(statuses("500=0.3,503=0.2,seed=5"));
    assertThat(statuses("500=0.3,503=0.2,seed=5")).isNotEqualTo(statuses("500=0.3,503=0.2,seed=6"));
    assertThat(statuses("500=0.3,503=0.2,seed=5")).contains(200, 500, 503);
  }

  private static List<Integer> statuses(String faults) {
    List<Integer> out = new ArrayList<>();
    try (Sandbox s = start(faults)) {
      for (int i = 0; i < 30; i++) {
        out.add(verifyCredentials(s).statusCode());
      }
    }
    return out;
  }
}
