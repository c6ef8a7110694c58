package dev.latchkey.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.latchkey.collect.store.OutputFormat;
import dev.latchkey.collect.store.SqliteStore;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.BearerToken;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.platform.Hosts;
import dev.latchkey.platform.Platforms;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector against a small loopback server that misbehaves on cue: server errors, a truncated
 * body, a 429 with a reset, a stream that drops and goes silent. Independent of the sandbox's fault
 * injection, so each retry rule is checked exactly.
 */
class FaultyServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

  @TempDir Path dir;
  private HttpServer server;
  private final Queue<String> script = new ConcurrentLinkedQueue<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger streamConnections = new AtomicInteger();
  private final Queue<Long> dailyResets = new ConcurrentLinkedQueue<>();
  private final Queue<Instant> arrivals = new ConcurrentLinkedQueue<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/2/users/42/tweets", this::timeline);
    server.createContext("/2/tweets/sample/stream", this::stream);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Three pages of 5 tweets; each request first takes the next scripted fault, if any. */
  private void timeline(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    String fault = script.poll();
    long reset = Instant.now().getEpochSecond() + 1;
    ex.getResponseHeaders().add("date", HTTP_DATE.format(Instant.now().atOffset(ZoneOffset.UTC)));
    ex.getResponseHeaders().add("x-rate-limit-limit", "900");
    ex.getResponseHeaders().add("x-rate-limit-reset", Long.toString(reset));
    if ("503".equals(fault)) {
      ex.getResponseHeaders().add("x-rate-limit-remaining", "800");
      send(ex, 503, "{\"errors\":[{\"code\":130,\"message\":\"Over capacity\"}]}");
      return;
    }
    if ("429".equals(fault)) {
      ex.getResponseHeaders().add("x-rate-limit-remaining", "0");
      send(
          ex,
          429,
          "{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}");
      return;
    }
    if ("429daily".equals(fault)) {
      // the 15-minute window has room; the app's 24-hour cap is spent until two seconds from now
      long dailyReset = Instant.now().getEpochSecond() + 2;
      dailyResets.add(dailyReset);
      ex.getResponseHeaders().add("x-rate-limit-remaining", "800");
      ex.getResponseHeaders().add("x-app-limit-24hour-limit", "10000");
      ex.getResponseHeaders().add("x-app-limit-24hour-remaining", "0");
      ex.getResponseHeaders().add("x-app-limit-24hour-reset", Long.toString(dailyReset));
      send(
          ex,
          429,
          "{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}");
      return;
    }
    arrivals.add(Instant.now());
    ex.getResponseHeaders().add("x-rate-limit-remaining", "800");
    String query = ex.getRequestURI().getQuery();
    int page =
        query != null && query.contains("pagination_token=p")
            ? Integer.parseInt(query.replaceAll(".*pagination_token=p(\\d).*", "$1"))
            : 0;
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      if (i > 0) {
        data.append(',');
      }
      data.append("{\"id\":\"").append(1000 - page * 5 - i).append("\",\"text\":\"t\"}");
    }
    String meta = page < 2 ? ",\"next_token\":\"p" + (page + 1) + "\"" : "";
    String body = "{\"data\":[" + data + "],\"meta\":{\"result_count\":5" + meta + "}}";
    if ("truncate".equals(fault)) {
      body = body.substring(0, body.length() / 2);
    }
    send(ex, 200, body);
  }

  private void stream(HttpExchange ex) throws IOException {
    int n = streamConnections.incrementAndGet();
    ex.getResponseHeaders().add("content-type", "application/json");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      for (int i = 0; i < 3; i++) {
        String line = "{\"data\":{\"id\":\"" + (n * 100 + i) + "\",\"text\":\"s\"}}\r\n";
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write("\r\n".getBytes(StandardCharsets.UTF_8)); // keep-alive
        out.flush();
      }
      if (n == 2) {
        Thread.sleep(3000); // silent: the idle timeout must end this connection
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException closedByClient) {
      // the collector hung up
    }
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("content-type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  private AccountGateway gateway() {
    Account a =
        Account.empty(AccountId.parse("twitter/test"))
            .withApp(AppCredentials.of("ck", "cs"))
            .withOAuth1(OAuth1Token.of("at", "as"))
            .withBearer(BearerToken.of("AAAAbearer"));
    return TestGateways.of(Platforms.twitter().withHosts(Hosts.all(base())), a);
  }

  private CollectionSummary collect(Job job, Path out, List<String> notices) throws Exception {
    try (SqliteStore store = SqliteStore.open(OutputFormat.JSONL, out, System.out)) {
      return Collector.builder(gateway(), store)
          .streamIdleTimeout(Duration.ofSeconds(1))
          .listener(
              new CollectionListener() {
                @Override
                public void notice(String message) {
                  notices.add(message);
                }
              })
          .build()
          .run(job);
    }
  }

  private static List<String> ids(Path out) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String l : Files.readAllLines(out)) {
      JsonNode n = JSON.readTree(l);
      ids.add(n.get("id").asText());
    }
    return ids;
  }

  @Test
  void serverErrorsATruncatedBodyAndA429AreRetriedWithNothingLostOrDoubled() throws Exception {
    script.addAll(List.of("503", "ok", "truncate", "503", "ok", "429"));
    Path out = dir.resolve("t.jsonl");
    List<String> notices = new ArrayList<>();

    CollectionSummary s =
        collect(new Job(TaskKind.TIMELINE, List.of("42"), JobOptions.defaults()), out, notices);

    assertThat(s.complete()).isTrue();
    assertThat(ids(out)).hasSize(15).doesNotHaveDuplicates();
    assertThat(s.refused()).isEqualTo(1);
    assertThat(requests.get()).isEqualTo(3 + 4);
    assertThat(notices)
        .anyMatch(n -> n.startsWith("HTTP 503 from /2/users/:id/tweets"))
        .anyMatch(n -> n.contains("unreadable (truncated?)"))
        .anyMatch(n -> n.startsWith("429 from /2/users/:id/tweets"));
  }

  @Test
  void a429FromTheTwentyFourHourCapWaitsForThatCapsResetNotTheWindows() throws Exception {
    script.addAll(List.of("ok", "429daily"));
    Path out = dir.resolve("d.jsonl");
    List<String> notices = new ArrayList<>();

    CollectionSummary s =
        collect(new Job(TaskKind.TIMELINE, List.of("42"), JobOptions.defaults()), out, notices);

    assertThat(s.complete()).isTrue();
    assertThat(ids(out)).hasSize(15).doesNotHaveDuplicates();
    assertThat(s.refused()).isEqualTo(1);
    assertThat(notices).anyMatch(n -> n.contains("24-hour app cap on /2/users/:id/tweets"));
    // the page after the 429 was asked for once the cap's reset had come, not a backoff earlier
    Instant reset = Instant.ofEpochSecond(dailyResets.remove());
    assertThat(arrivals).hasSize(3);
    assertThat(new ArrayList<>(arrivals).get(1)).isAfterOrEqualTo(reset);
  }

  @Test
  void aServerThatKeepsFailingLeavesTheTaskForTheNextRun() throws Exception {
    for (int i = 0; i < 30; i++) {
      script.add("503");
    }
    Path out = dir.resolve("f.jsonl");
    Job job = new Job(TaskKind.TIMELINE, List.of("42"), JobOptions.defaults());
    CollectionSummary[] result = new CollectionSummary[1];
    try (SqliteStore store = SqliteStore.open(OutputFormat.JSONL, out, System.out)) {
      result[0] =
          Collector.builder(gateway(), store)
              .sleeper((until, clock) -> {}) // no real waiting: the backoff is unit-tested
              .clock(new StepClock())
              .build()
              .run(job);
    }

    assertThat(result[0].complete()).isFalse();
    assertThat(result[0].unfinished()).singleElement().asString().contains("HTTP 503");
    script.clear();
    CollectionSummary again = collect(job, out, new ArrayList<>());
    assertThat(again.complete()).isTrue();
    assertThat(ids(out)).hasSize(15);
  }

  @Test
  void aStreamThatDropsOrFallsSilentIsReconnectedUntilTheLimit() throws Exception {
    Path out = dir.resolve("s.jsonl");
    List<String> notices = new ArrayList<>();

    CollectionSummary s =
        collect(
            new Job(
                TaskKind.STREAM_SAMPLE,
                List.of(),
                new JobOptions(Api.V2, 8L, null, null, false, false)),
            out,
            notices);

    assertThat(s.complete()).isTrue();
    assertThat(ids(out)).hasSize(8).doesNotHaveDuplicates();
    assertThat(streamConnections.get()).isEqualTo(3);
    assertThat(notices).contains("the stream disconnected; reconnecting");
  }

  /** A clock that moves a minute each time it is read, so backoffs pass at once. */
  private static final class StepClock extends java.time.Clock {
    private Instant now = Instant.now();

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public synchronized Instant instant() {
      now = now.plusSeconds(60);
      return now;
    }
  }
}
