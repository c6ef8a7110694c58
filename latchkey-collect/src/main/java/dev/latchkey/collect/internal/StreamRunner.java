package dev.latchkey.collect.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.collect.CollectedRecord;
import dev.latchkey.collect.CollectionListener;
import dev.latchkey.collect.Endpoint;
import dev.latchkey.collect.JobOptions;
import dev.latchkey.collect.Provenance;
import dev.latchkey.collect.RecordType;
import dev.latchkey.collect.StreamResponse;
import dev.latchkey.collect.TaskKind;
import dev.latchkey.collect.TaskSpec;
import dev.latchkey.collect.governor.Decision;
import dev.latchkey.collect.internal.Outcomes.Fatal;
import dev.latchkey.collect.internal.Outcomes.GiveUp;
import dev.latchkey.collect.internal.Outcomes.Stopped;
import dev.latchkey.collect.store.Checkpoint;
import dev.latchkey.collect.store.Lease;
import dev.latchkey.collect.store.Page;
import dev.latchkey.collect.store.StoreException;
import dev.latchkey.http.ApiException;
import dev.latchkey.http.ApiRequest;
import dev.latchkey.platform.Platform;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Collects X's v2 sampled or filtered stream, reconnecting as X asks (collection-notes "Streams"):
 * at once after an established connection drops; then network errors back off linearly (+250 ms, at
 * most 16 s), HTTP errors exponentially from 5 s (at most 320 s), 429 exponentially from a minute.
 * A connection silent for longer than the keep-alive allows is treated as dead. Records are
 * committed in small batches; a stream has no position to resume from, so a resumed stream goes on
 * collecting from now.
 */
public final class StreamRunner {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 100;
  private static final Duration BATCH_TIME = Duration.ofSeconds(1);

  private final Dispatcher dispatcher;
  private final TaskRunner.Committer committer;
  private final TaskRunner.PageListener pages;
  private final JobOptions options;
  private final String version;
  private final Clock clock;
  private final Duration idleTimeout;
  private final CollectionListener listener;
  private final AtomicBoolean stopping;
  private final AtomicReference<StreamResponse> open = new AtomicReference<>();

  public StreamRunner(
      Dispatcher dispatcher,
      TaskRunner.Committer committer,
      TaskRunner.PageListener pages,
      JobOptions options,
      String version,
      Clock clock,
      Duration idleTimeout,
      CollectionListener listener,
      AtomicBoolean stopping) {
    this.dispatcher = dispatcher;
    this.committer = committer;
    this.pages = pages;
    this.options = options;
    this.version = version;
    this.clock = clock;
    this.idleTimeout = idleTimeout;
    this.listener = listener;
    this.stopping = stopping;
  }

  /** Closes the open connection so a stop is not held up by a quiet stream. */
  public void stop() {
    StreamResponse r = open.getAndSet(null);
    if (r != null) {
      try {
        r.close();
      } catch (IOException ignored) {
        // closing to stop
      }
    }
  }

  public void run(Lease lease) throws GiveUp, Stopped, StoreException {
    TaskSpec task = lease.task();
    boolean filter = task.kind() == TaskKind.STREAM_FILTER;
    Set<String> ruleIds = filter ? syncRules(task) : Set.of();
    Platform platform = dispatcher.gateway().platform();
    var described =
        Endpoint.described(
            platform, "GET", filter ? "/2/tweets/search/stream" : "/2/tweets/sample/stream");
    Endpoint endpoint = Endpoint.of(platform, described);
    ApiRequest.Builder rb = ApiRequest.get(endpoint.path());
    described.fields().forEach(rb::query);
    ApiRequest request = rb.build();
    Checkpoint cp = lease.checkpoint();
    int networkErrors = 0;
    int httpErrors = 0;
    int refused = 0;
    ScheduledExecutorService watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "latchkey-stream-watchdog");
              t.setDaemon(true);
              return t;
            });
    try {
      while (true) {
        if (stopping.get()) {
          throw new Stopped();
        }
        if (options.limit() != null && cp.records() >= options.limit()) {
          commit(lease, cp, List.of(), List.of(), provenance(request, task), true);
          return;
        }
        Instant sent = clock.instant();
        dispatcher.counted(sent);
        StreamResponse response;
        try {
          response = dispatcher.gateway().stream(endpoint, request);
        } catch (ApiException e) {
          throw new Fatal(e.getMessage(), false);
        } catch (IOException e) {
          networkErrors++;
          backoff(
              Duration.ofMillis(Math.min(16_000, 250L * networkErrors)),
              "no connection to the stream");
          continue;
        }
        if (response.status() != 200) {
          String body = readAll(response);
          close(response);
          if (response.status() == 429) {
            refused++;
            backoff(
                exponential(Duration.ofMinutes(1), refused, Duration.ofMinutes(16)),
                "429 from the stream (too many connections?)");
            continue;
          }
          if (response.status() >= 500) {
            httpErrors++;
            backoff(
                exponential(Duration.ofSeconds(5), httpErrors, Duration.ofSeconds(320)),
                "HTTP " + response.status() + " from the stream");
            continue;
          }
          throw new Fatal(
              "X refused the stream: HTTP " + response.status() + " " + oneLine(body), false);
        }
        open.set(response);
        networkErrors = 0;
        httpErrors = 0;
        refused = 0;
        AtomicReference<Instant> lastLine = new AtomicReference<>(clock.instant());
        ScheduledFuture<?> guard =
            watchdog.scheduleAtFixedRate(
                () -> {
                  if (Duration.between(lastLine.get(), clock.instant()).compareTo(idleTimeout)
                      > 0) {
                    close(response);
                  }
                },
                200,
                200,
                TimeUnit.MILLISECONDS);
        Provenance prov = provenance(request, task);
        List<CollectedRecord> batch = new ArrayList<>();
        List<JsonNode> lines = new ArrayList<>();
        Instant batchStart = clock.instant();
        try {
          String line;
          while ((line = response.body().readLine()) != null) {
            lastLine.set(clock.instant());
            if (line.isBlank()) {
              continue; // keep-alive
            }
            JsonNode json;
            try {
              json = JSON.readTree(line);
            } catch (IOException e) {
              continue; // a torn line at a disconnect
            }
            if (json.has("data") && json.get("data") instanceof ObjectNode data) {
              if (filter && !matchesOurs(json, ruleIds)) {
                continue;
              }
              JsonNode author = findAuthor(json, data);
              JsonNode original = json.deepCopy();
              if (author != null && !data.has("author")) {
                data.set("author", author);
              }
              if (json.has("matching_rules")) {
                data.set("matching_rules", json.get("matching_rules"));
              }
              Provenance p =
                  new Provenance(
                      prov.url(),
                      clock.instant(),
                      prov.account(),
                      version,
                      prov.task(),
                      null,
                      null);
              lines.add(original);
              batch.add(new CollectedRecord(RecordType.TWEET, data.path("id").asText(), data, p));
            } else if (json.has("errors")) {
              listener.notice("the stream said: " + oneLine(json.get("errors").toString()));
            }
            boolean full =
                options.limit() != null && cp.records() + batch.size() >= options.limit();
            if (batch.size() >= BATCH
                || full
                || Duration.between(batchStart, clock.instant()).compareTo(BATCH_TIME) > 0) {
              cp = commit(lease, cp, batch, lines, prov, full);
              batch = new ArrayList<>();
              lines = new ArrayList<>();
              batchStart = clock.instant();
              if (full) {
                return;
              }
            }
            if (stopping.get()) {
              break;
            }
          }
        } catch (IOException e) {
          // the connection dropped or the watchdog closed it: reconnect below
        } finally {
          guard.cancel(false);
          open.set(null);
          close(response);
          if (!batch.isEmpty()) {
            cp = commit(lease, cp, batch, lines, prov, false);
          }
        }
        if (stopping.get()) {
          throw new Stopped();
        }
        listener.notice("the stream disconnected; reconnecting");
      }
    } finally {
      watchdog.shutdownNow();
    }
  }

  private Checkpoint commit(
      Lease lease,
      Checkpoint cp,
      List<CollectedRecord> records,
      List<JsonNode> raw,
      Provenance prov,
      boolean done)
      throws StoreException {
    List<CollectedRecord> limited = records;
    List<JsonNode> lines = raw;
    if (options.limit() != null && cp.records() + records.size() > options.limit()) {
      int keep = (int) (options.limit() - cp.records());
      limited = records.subList(0, keep);
      lines = raw.subList(0, keep);
    }
    Checkpoint next = cp.next(cp.cursor(), done, limited.size(), 0);
    Page page = new Page(limited, lines, prov, next);
    List<CollectedRecord> kept = committer.commit(lease, page);
    pages.committed(lease.task(), null, page, kept);
    return next;
  }

  private void backoff(Duration wait, String why) throws Stopped {
    dispatcher.await(Decision.waitUntil(clock.instant().plus(wait), why));
  }

  private static Duration exponential(Duration base, int attempt, Duration cap) {
    Duration d = base.multipliedBy(1L << Math.min(attempt - 1, 20));
    return d.compareTo(cap) > 0 ? cap : d;
  }

  /** Adds the task's rules (tagged as Latchkey's) unless present; returns their ids. */
  private Set<String> syncRules(TaskSpec task) throws GiveUp, Stopped, StoreException {
    String tag = "latchkey";
    Set<String> ids = new HashSet<>();
    Set<String> present = new HashSet<>();
    try {
      Platform platform = dispatcher.gateway().platform();
      Endpoint rules = Endpoint.of(platform, "GET", "/2/tweets/search/stream/rules");
      Dispatcher.Reply list = dispatcher.send(rules, ApiRequest.get(rules.path()).build());
      for (JsonNode r : list.json().path("data")) {
        if (task.targets().contains(r.path("value").asText())) {
          ids.add(r.path("id").asText());
          present.add(r.path("value").asText());
        }
      }
      ArrayNode add = JSON.createArrayNode();
      for (String rule : task.targets()) {
        if (!present.contains(rule)) {
          add.addObject().put("value", rule).put("tag", tag);
        }
      }
      if (!add.isEmpty()) {
        ObjectNode body = JSON.createObjectNode();
        body.set("add", add);
        Endpoint post = Endpoint.of(platform, "POST", "/2/tweets/search/stream/rules");
        Dispatcher.Reply added =
            dispatcher.send(post, ApiRequest.post(post.path()).json(body.toString()).build());
        for (JsonNode r : added.json().path("data")) {
          ids.add(r.path("id").asText());
        }
        JsonNode errors = added.json().path("errors");
        if (errors.isArray() && !errors.isEmpty() && added.json().path("data").isEmpty()) {
          throw new Fatal("X refused the stream rules: " + oneLine(errors.toString()), true);
        }
      }
    } catch (ApiException e) {
      throw new Fatal("X refused the stream rules: " + e.getMessage(), Failures.badInput(e));
    }
    return ids;
  }

  private static boolean matchesOurs(JsonNode json, Set<String> ours) {
    for (JsonNode m : json.path("matching_rules")) {
      if (ours.contains(m.path("id").asText())) {
        return true;
      }
    }
    return ours.isEmpty();
  }

  private static JsonNode findAuthor(JsonNode json, ObjectNode data) {
    String id = data.path("author_id").asText(null);
    if (id == null) {
      return null;
    }
    for (JsonNode u : json.at("/includes/users")) {
      if (id.equals(u.path("id").asText())) {
        return u;
      }
    }
    return null;
  }

  private Provenance provenance(ApiRequest request, TaskSpec task) {
    return new Provenance(
        dispatcher.gateway().url(request),
        clock.instant(),
        dispatcher.gateway().account(),
        version,
        task.describe(),
        null,
        null);
  }

  private static String readAll(StreamResponse r) {
    try {
      StringBuilder b = new StringBuilder();
      char[] buf = new char[4096];
      int n;
      while (b.length() < 8192 && (n = r.body().read(buf)) > 0) {
        b.append(buf, 0, n);
      }
      return b.toString();
    } catch (IOException e) {
      return "";
    }
  }

  private static void close(StreamResponse r) {
    try {
      r.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  private static String oneLine(String s) {
    String t = s.replaceAll("\\s+", " ").strip();
    return t.length() > 300 ? t.substring(0, 300) + "…" : t;
  }

  static Map<String, String> none() {
    return Map.of();
  }
}
