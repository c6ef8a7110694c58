package dev.latchkey.sandbox.internal.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code stream-disconnect=DURATION} cuts a long-lived streaming answer (a path ending in {@code
 * /stream}) after DURATION, whatever the endpoint writes; here a stand-in stream that sends X's
 * keep-alive newlines forever.
 */
@Timeout(30)
class StreamDisconnectTest {
  private static Javalin streaming(FaultSpec spec) {
    return Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.startupWatcherEnabled = false;
              config.router.mount(
                  r -> {
                    new FaultInjector(spec, 0).register(r);
                    r.get("/twitter/2/tweets/sample/stream", StreamDisconnectTest::keepAlives);
                    r.get("/twitter/2/tweets/search/stream/rules", ctx -> ctx.result("{}"));
                  });
            })
        .start("127.0.0.1", 0);
  }

  private static void keepAlives(io.javalin.http.Context ctx) throws Exception {
    ctx.contentType("application/json");
    OutputStream out = ctx.res().getOutputStream();
    for (int i = 0; i < 200; i++) {
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(50);
    }
  }

  @Test
  void aStreamIsCutAfterTheConfiguredDuration() throws Exception {
    Javalin app = streaming(FaultSpec.parse("stream-disconnect=400ms"));
    try {
      long start = System.nanoTime();
      HttpResponse<InputStream> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + app.port() + "/twitter/2/tweets/sample/stream"))
                      .build(),
                  HttpResponse.BodyHandlers.ofInputStream());
      assertThat(r.statusCode()).isEqualTo(200);
      int bytes = 0;
      try (InputStream in = r.body()) {
        while (in.read() >= 0) {
          bytes++;
        }
      } catch (java.io.IOException expected) {
        // The cut shows as an incomplete chunked body.
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).isBetween(Duration.ofMillis(400), Duration.ofSeconds(8));
      assertThat(bytes).isPositive().isLessThan(400);
    } finally {
      app.stop();
    }
  }

  @Test
  void theRulesEndpointIsNoStream() {
    assertThat(FaultInjector.isStream("/twitter/2/tweets/search/stream")).isTrue();
    assertThat(FaultInjector.isStream("/twitter/2/tweets/sample/stream")).isTrue();
    assertThat(FaultInjector.isStream("/twitter/2/tweets/search/stream/rules")).isFalse();
    assertThat(FaultInjector.isControl("/sandbox/apps")).isTrue();
    assertThat(FaultInjector.isControl("/twitter/sandbox")).isFalse();
  }
}
