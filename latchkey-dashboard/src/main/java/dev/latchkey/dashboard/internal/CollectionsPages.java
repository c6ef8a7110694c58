package dev.latchkey.dashboard.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.router.JavalinDefaultRouting;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Collections page: the jobs of {@code latchkey collect} with their progress and waits. The
 * page works alone (without script it reloads every few seconds); with the dashboard's script it
 * listens to {@code /collections/events}, server-sent events that carry the list again, rendered
 * and escaped here, whenever it changed (checked every second), and counts a wait down in between.
 */
final class CollectionsPages implements AutoCloseable {
  /** At most this many pages listen at once; more get 503 and fall back to reloading. */
  static final int MAX_LISTENERS = 16;

  /** How often a page without script reloads. */
  static final int RELOAD_SECONDS = 5;

  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Web[] holder;

  /** A listening page: its connection, its session's CSRF token (for its forms), what it got. */
  private static final class Listener {
    final SseClient client;
    final String csrf;
    String last;

    Listener(SseClient client, String csrf) {
      this.client = client;
      this.csrf = csrf;
    }
  }

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService ticker;
  private Instant lastKeepAlive = Instant.EPOCH;

  CollectionsPages(Web[] holder) {
    this.holder = holder;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "latchkey-ui-collections");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  void register(JavalinDefaultRouting router) {
    router.get("/collections", this::show);
    router.sse("/collections/events", this::listen);
    router.post("/collections/{id}/forget", this::forget);
  }

  private void show(Context ctx) {
    Web web = holder[0];
    web.keychain(); // locked: to the unlock page, as every page
    web.render(
        ctx,
        "collections",
        "page",
        web.page(ctx, "Collections", "collections"),
        "rows",
        web.collections.rows(),
        "directory",
        web.collections.collections().directory().toString(),
        "reloadSeconds",
        RELOAD_SECONDS);
  }

  private void listen(SseClient client) {
    Web web = holder[0];
    if (!web.vault.unlocked()) {
      client.sendEvent("locked", "locked");
      client.close();
      return;
    }
    if (listeners.size() >= MAX_LISTENERS) {
      client.ctx().status(503);
      client.close();
      return;
    }
    client.keepAlive();
    Listener listener = new Listener(client, web.session(client.ctx()).csrf());
    client.onClose(() -> listeners.remove(listener));
    listeners.add(listener);
    send(listener, list(web, web.collections.rows(), listener.csrf));
  }

  private void forget(Context ctx) {
    Web web = holder[0];
    web.keychain();
    String id = ctx.pathParam("id");
    boolean forgotten;
    try {
      forgotten = web.collections.collections().forget(id);
    } catch (IOException e) {
      throw new Refused(
          409,
          "Not removed",
          "Cannot remove it from the list (" + e.getClass().getSimpleName() + ").");
    }
    if (!forgotten) {
      throw new Refused(
          409,
          "Not removed",
          "That collection is running or no longer listed; only ended runs can be taken off the"
              + " list.");
    }
    web.session(ctx).flash("Took it off the list; its output file stays where it is.");
    Web.seeOther(ctx, "/collections");
  }

  /** The list as the page shows it, in a JSON object ({@code {"html": "..."}}). */
  private static String list(Web web, List<CollectionRow> rows, String csrf) {
    String html = web.templates.render("collectionlist", Map.of("rows", rows, "csrf", csrf));
    try {
      return JSON.writeValueAsString(Map.of("html", html));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every second: sends the list to the listening pages when it changed; tells them to unlock. */
  private synchronized void tick() {
    try {
      Web web = holder[0];
      if (listeners.isEmpty() || web == null) {
        return;
      }
      if (!web.vault.unlocked()) {
        for (Listener l : listeners) {
          l.client.sendEvent("locked", "locked");
          l.client.close();
        }
        listeners.clear();
        return;
      }
      List<CollectionRow> rows = web.collections.rows();
      Instant now = web.options.clock().instant();
      boolean keepAlive = Duration.between(lastKeepAlive, now).compareTo(KEEP_ALIVE) >= 0;
      if (keepAlive) {
        lastKeepAlive = now;
      }
      for (Listener l : listeners) {
        String list = list(web, rows, l.csrf);
        if (!list.equals(l.last)) {
          send(l, list);
        } else if (keepAlive) {
          l.client.sendComment("keep-alive");
        }
      }
    } catch (RuntimeException e) {
      // the next second tries again; a page that misses one update gets the next
    }
  }

  private void send(Listener l, String list) {
    if (l.client.terminated()) {
      listeners.remove(l);
      return;
    }
    l.last = list;
    l.client.sendEvent("collections", list);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    for (Listener l : listeners) {
      l.client.close();
    }
    listeners.clear();
  }
}
