package dev.latchkey.sandbox.internal.twitter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.sandbox.internal.ApiError;
import dev.latchkey.sandbox.internal.Call;
import dev.latchkey.sandbox.internal.Json;
import dev.latchkey.sandbox.internal.data.Posted;
import dev.latchkey.sandbox.internal.data.Ref;
import dev.latchkey.sandbox.internal.data.Timelines;
import dev.latchkey.sandbox.internal.data.World;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * X's v2 streams (collection-notes "Streams"): {@code /2/tweets/sample/stream} and {@code
 * /2/tweets/search/stream} with its rules at {@code /2/tweets/search/stream/rules}. A stream is one
 * long response of newline-delimited JSON ({@code \r\n}), a keep-alive {@code \r\n} when nothing
 * was sent for a while (X: 20 s), one connection per app and stream, and 429 with X's {@code
 * TooManyConnections} problem for a second. Tweets appear as the clock reaches them: the indexed
 * users' seeded tweets and every tweet sent at run time.
 */
final class XStreams {
  static final int MAX_RULES = 1000;
  static final int MAX_RULE_LENGTH = 512;
  private static final long TICK_MS = 200;

  private record Rule(String id, String value, String tag, SearchQuery query) {}

  private final Tweets tweets;
  private final World world;
  private final V2Json json;
  private final Clock clock;
  private final Duration keepAlive;
  private final AtomicBoolean closing;
  private final Set<String> connected = ConcurrentHashMap.newKeySet();
  private final Map<String, Map<String, Rule>> rules = new ConcurrentHashMap<>();
  private final AtomicLong ruleSequence = new AtomicLong();

  XStreams(Tweets tweets, V2Json json, Clock clock, Duration keepAlive, AtomicBoolean closing) {
    this.tweets = tweets;
    this.world = tweets.world();
    this.json = json;
    this.clock = clock;
    this.keepAlive = keepAlive;
    this.closing = closing;
  }

  void sample(Call call) throws IOException {
    stream(call, false);
  }

  void filtered(Call call) throws IOException {
    stream(call, true);
  }

  private Map<String, Rule> rulesOf(Call call) {
    return rules.computeIfAbsent(
        call.caller().app().consumerKey(), k -> Collections.synchronizedMap(new LinkedHashMap<>()));
  }

  private void stream(Call call, boolean filtered) throws IOException {
    V2Fields f = V2Fields.read(call.ctx(), true);
    String key = call.caller().app().consumerKey() + (filtered ? "\nsearch" : "\nsample");
    if (!connected.add(key)) {
      ObjectNode problem = Json.object();
      problem.put("title", "ConnectionException");
      problem.put("detail", "This stream is currently at the maximum allowed connection limit.");
      problem.put("connection_issue", "TooManyConnections");
      problem.put("type", XV2Problems.PROBLEMS + "streaming-connection");
      call.ctx().status(429).contentType("application/problem+json").result(Json.write(problem));
      return;
    }
    try {
      // From before the client can see the 200 (and post): a tweet it posts after connecting is
      // never older than the stream (a busy machine could otherwise run this line after it).
      long last = clock.millis() - 1;
      HttpServletResponse res = call.ctx().res();
      res.setStatus(200);
      res.setContentType("application/json; charset=utf-8");
      res.flushBuffer();
      OutputStream out = res.getOutputStream();
      Map<String, Rule> myRules = filtered ? rulesOf(call) : Map.of();
      long lastWrite = System.nanoTime();
      while (!closing.get() && !Thread.currentThread().isInterrupted()) {
        long now = clock.millis();
        boolean wrote = false;
        if (now > last) {
          for (Ref r : arrivedBetween(last, now)) {
            if (tweets.refusal(r, null) != Tweets.Refusal.NONE) {
              continue;
            }
            Tweet t = tweets.tweet(r);
            ObjectNode line = Json.object();
            line.set("data", json.tweet(t, f));
            V2Json.Includes inc = json.includes(f, call.caller(), now);
            inc.forTweet(t);
            if (!inc.isEmpty()) {
              line.set("includes", inc.json());
            }
            if (filtered) {
              ArrayNode matching = Json.array();
              List<Rule> current;
              synchronized (myRules) {
                current = new ArrayList<>(myRules.values());
              }
              SearchQuery.View view = new SearchQuery.View(t, world);
              for (Rule rule : current) {
                if (rule.query().matches(view)) {
                  ObjectNode m = matching.addObject();
                  m.put("id", rule.id());
                  if (rule.tag() != null) {
                    m.put("tag", rule.tag());
                  }
                }
              }
              if (matching.isEmpty()) {
                continue;
              }
              line.set("matching_rules", matching);
            }
            out.write((Json.write(line) + "\r\n").getBytes(StandardCharsets.UTF_8));
            wrote = true;
          }
          last = now;
        }
        if (!wrote && System.nanoTime() - lastWrite >= keepAlive.toNanos()) {
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          wrote = true;
        }
        if (wrote) {
          out.flush();
          lastWrite = System.nanoTime();
        }
        try {
          Thread.sleep(TICK_MS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    } catch (IOException e) {
      // the client went away
    } finally {
      connected.remove(key);
    }
  }

  /**
   * Tweets that came to exist after {@code afterMs} and at or before {@code nowMs}, oldest first.
   */
  private List<Ref> arrivedBetween(long afterMs, long nowMs) {
    List<Ref> out = new ArrayList<>();
    Timelines t = world.timelines();
    int n = Math.min(world.size(), World.INDEXED_USERS);
    for (int i = 0; i < n; i++) {
      int newest = t.newest(i, nowMs);
      int before = t.newest(i, afterMs);
      for (int k = newest; k < before; k++) {
        Ref r = Ref.seeded(t.id(i, k), i, k);
        if (!world.isDeleted(r)) {
          out.add(r);
        }
      }
    }
    for (Posted p : world.overlay().between(afterMs, nowMs)) {
      out.add(Ref.of(p));
    }
    out.sort(Comparator.comparingLong(Ref::id));
    return out;
  }

  // ---- rules ------------------------------------------------------------------------------------

  void getRules(Call call) {
    Map<String, Rule> mine = rulesOf(call);
    String ids = call.param("ids");
    Set<String> wanted = ids == null ? null : Set.of(ids.split(","));
    ArrayNode data = Json.array();
    synchronized (mine) {
      for (Rule r : mine.values()) {
        if (wanted == null || wanted.contains(r.id())) {
          data.add(rule(r));
        }
      }
    }
    ObjectNode out = Json.object();
    if (!data.isEmpty()) {
      out.set("data", data);
    }
    ObjectNode meta = out.putObject("meta");
    meta.put("sent", V2Json.iso(clock.millis()).replace(".000Z", "." + millis() + "Z"));
    meta.put("result_count", data.size());
    Json.send(call.ctx(), 200, out);
  }

  private String millis() {
    return String.format("%03d", clock.millis() % 1000);
  }

  private static ObjectNode rule(Rule r) {
    ObjectNode o = Json.object();
    o.put("id", r.id());
    o.put("value", r.value());
    if (r.tag() != null) {
      o.put("tag", r.tag());
    }
    return o;
  }

  /** Adds or deletes rules ({@code {"add":[…]}}, {@code {"delete":{"ids"|"values":[…]}}}). */
  void postRules(Call call) {
    boolean dryRun = V11Routes.isTrue(call.param("dry_run"));
    boolean deleteAll = V11Routes.isTrue(call.param("delete_all"));
    JsonNode body = null;
    String type = call.ctx().header("Content-Type");
    if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      try {
        body = Json.MAPPER.readTree(call.ctx().body());
      } catch (IOException e) {
        body = null;
      }
    }
    Map<String, Rule> mine = rulesOf(call);
    ObjectNode out = Json.object();
    ArrayNode errors = Json.array();
    String sent = V2Json.iso(clock.millis()).replace(".000Z", "." + millis() + "Z");
    if (deleteAll) {
      int deleted;
      synchronized (mine) {
        deleted = mine.size();
        if (!dryRun) {
          mine.clear();
        }
      }
      ObjectNode summary = out.putObject("meta").put("sent", sent).putObject("summary");
      summary.put("deleted", deleted);
      summary.put("not_deleted", 0);
      Json.send(call.ctx(), 200, out);
      return;
    }
    if (body == null || !body.isObject() || (!body.has("add") && !body.has("delete"))) {
      throw ApiError.problem(
          400,
          "Invalid Request",
          "One or more parameters to your request was invalid.",
          XV2Problems.PROBLEMS + "invalid-request");
    }
    if (body.has("add")) {
      ArrayNode data = Json.array();
      int created = 0;
      int invalid = 0;
      synchronized (mine) {
        for (JsonNode add : body.path("add")) {
          String value = add.path("value").asText("");
          String tag = add.path("tag").isTextual() ? add.path("tag").asText() : null;
          String problem = null;
          if (value.isEmpty() || value.length() > MAX_RULE_LENGTH) {
            problem = "Rules must be 1 to " + MAX_RULE_LENGTH + " characters long";
          } else {
            try {
              SearchQuery.parse(value);
            } catch (SearchQuery.Invalid e) {
              problem = e.getMessage();
            }
          }
          if (problem != null) {
            invalid++;
            ObjectNode e = errors.addObject();
            e.put("value", value);
            e.putArray("details").add(problem);
            e.put("title", "UnprocessableEntity");
            e.put("type", XV2Problems.PROBLEMS + "invalid-rules");
            continue;
          }
          Rule existing =
              mine.values().stream().filter(r -> r.value().equals(value)).findFirst().orElse(null);
          if (existing != null) {
            ObjectNode e = errors.addObject();
            e.put("value", value);
            e.put("id", existing.id());
            e.put("title", "DuplicateRule");
            e.put("type", XV2Problems.PROBLEMS + "duplicate-rules");
            continue;
          }
          if (mine.size() >= MAX_RULES) {
            ObjectNode e = errors.addObject();
            e.put("value", value);
            e.put("title", "RulesCapExceeded");
            e.put("type", XV2Problems.PROBLEMS + "rule-cap");
            continue;
          }
          String id =
              Long.toString(
                  ((clock.millis() - Timelines.TWITTER_EPOCH_MS) << 22)
                      | (ruleSequence.incrementAndGet() & 0x3FFFFF));
          Rule rule = new Rule(id, value, tag, SearchQuery.parse(value));
          if (!dryRun) {
            mine.put(id, rule);
          }
          created++;
          data.add(rule(rule));
        }
      }
      if (!data.isEmpty()) {
        out.set("data", data);
      }
      ObjectNode summary = out.putObject("meta").put("sent", sent).putObject("summary");
      summary.put("created", created);
      summary.put("not_created", body.path("add").size() - created);
      summary.put("valid", body.path("add").size() - invalid);
      summary.put("invalid", invalid);
    } else {
      JsonNode delete = body.path("delete");
      int deleted = 0;
      int asked = 0;
      synchronized (mine) {
        for (JsonNode id : delete.path("ids")) {
          asked++;
          if ((dryRun ? mine.get(id.asText()) : mine.remove(id.asText())) != null) {
            deleted++;
          } else {
            ObjectNode e = errors.addObject();
            e.put("value", id.asText());
            e.putArray("details").add("Rule does not exist");
            e.put("title", "Invalid Request");
            e.put("type", XV2Problems.PROBLEMS + "invalid-request");
          }
        }
        for (JsonNode value : delete.path("values")) {
          asked++;
          String v = value.asText();
          String found =
              mine.values().stream()
                  .filter(r -> r.value().equals(v))
                  .map(Rule::id)
                  .findFirst()
                  .orElse(null);
          if (found != null) {
            if (!dryRun) {
              mine.remove(found);
            }
            deleted++;
          } else {
            ObjectNode e = errors.addObject();
            e.put("value", v);
            e.putArray("details").add("Rule does not exist");
            e.put("title", "Invalid Request");
            e.put("type", XV2Problems.PROBLEMS + "invalid-request");
          }
        }
      }
      ObjectNode summary = out.putObject("meta").put("sent", sent).putObject("summary");
      summary.put("deleted", deleted);
      summary.put("not_deleted", asked - deleted);
    }
    if (!errors.isEmpty()) {
      out.set("errors", errors);
    }
    Json.send(call.ctx(), 200, out);
  }
}
