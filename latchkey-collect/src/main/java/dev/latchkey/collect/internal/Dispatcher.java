package dev.latchkey.collect.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.collect.AccountGateway;
import dev.latchkey.collect.CollectionListener;
import dev.latchkey.collect.Endpoint;
import dev.latchkey.collect.Sleeper;
import dev.latchkey.collect.governor.Decision;
import dev.latchkey.collect.governor.RateGovernor;
import dev.latchkey.collect.governor.ServerClock;
import dev.latchkey.collect.governor.WindowReading;
import dev.latchkey.collect.internal.Outcomes.GiveUp;
import dev.latchkey.collect.internal.Outcomes.Stopped;
import dev.latchkey.collect.store.CollectionStore;
import dev.latchkey.collect.store.RawJson;
import dev.latchkey.collect.store.StoreException;
import dev.latchkey.http.ApiException;
import dev.latchkey.http.ApiRequest;
import dev.latchkey.http.ApiResponse;
import dev.latchkey.http.RateLimit;
import dev.latchkey.platform.RateLimitHeaders;
import dev.latchkey.platform.RateLimitWindow;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * Sends the collector's requests through the account's gateway, one {@link RateGovernor} per
 * credential and endpoint family: waits (announced, with the reason) when a governor says so,
 * retries 429s, server errors, timeouts and unreadable bodies, and gives up on a request after the
 * backoff's attempts.
 */
public final class Dispatcher {
  private static final Duration WAIT_STEP = Duration.ofMillis(100);

  /**
   * An answer and its body read as JSON.
   *
   * @param source the body's bytes and the tree parsed from them ({@code json} is its tree)
   */
  public record Reply(ApiResponse response, JsonNode json, Instant received, RawJson source) {}

  private final AccountGateway gateway;
  private final List<RateLimitWindow> windows;
  private final CollectionStore store;
  private final Clock clock;
  private final RandomGenerator random;
  private final Sleeper sleeper;
  private final CollectionListener listener;
  private final AtomicBoolean stopping;
  private final ServerClock server = new ServerClock();
  private final String worker;
  private final Map<String, Pacer> governors = new ConcurrentHashMap<>();
  private final Map<String, String> credentialOf = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong waitedNanos = new AtomicLong();
  private final AtomicReference<Instant> firstRequest = new AtomicReference<>();

  public Dispatcher(
      AccountGateway gateway,
      List<RateLimitWindow> windows,
      CollectionStore store,
      Clock clock,
      RandomGenerator random,
      Sleeper sleeper,
      CollectionListener listener,
      AtomicBoolean stopping) {
    this(gateway, windows, store, clock, random, sleeper, listener, stopping, null);
  }

  /**
   * A dispatcher whose requests are paced by budgets shared through the store when it has a {@link
   * dev.latchkey.collect.store.BudgetLedger}, under the name {@code worker}.
   */
  public Dispatcher(
      AccountGateway gateway,
      List<RateLimitWindow> windows,
      CollectionStore store,
      Clock clock,
      RandomGenerator random,
      Sleeper sleeper,
      CollectionListener listener,
      AtomicBoolean stopping,
      String worker) {
    this.worker = worker == null ? "pid " + ProcessHandle.current().pid() : worker;
    this.gateway = gateway;
    this.windows = List.copyOf(windows);
    this.store = store;
    this.clock = clock;
    this.random = random;
    this.sleeper = sleeper;
    this.listener = listener;
    this.stopping = stopping;
  }

  /**
   * What paces {@code endpoint} for the credential the gateway would use: the budget shared through
   * the store when it shares budgets, else this process's own {@link RateGovernor}.
   */
  Pacer governor(Endpoint endpoint) throws StoreException {
    String credential = gateway.credentialFor(endpoint);
    String key = credential + "\n" + endpoint.family();
    Pacer g = governors.get(key);
    if (g == null) {
      synchronized (governors) {
        g = governors.get(key);
        if (g == null) {
          var ledger = store.ledger();
          if (ledger.isPresent()) {
            g =
                new SharedPacer(
                    endpoint.family(), credential, worker, ledger.get(), server, random);
          } else {
            RateGovernor local = new RateGovernor(endpoint.family(), server, random);
            local.restore(store.budget(credential, endpoint.family()));
            g = new LocalPacer(local);
          }
          governors.put(key, g);
          credentialOf.put(key, credential);
        }
      }
    }
    return g;
  }

  /**
   * Sends {@code request} when the governor allows, retrying what can be retried, and reads the
   * body as JSON.
   *
   * @throws ApiException for an error answer that retrying cannot fix (404, 401, ...)
   * @throws GiveUp when the platform kept failing
   * @throws Stopped when the collection is stopping
   */
  public Reply send(Endpoint endpoint, ApiRequest request)
      throws ApiException, GiveUp, Stopped, StoreException {
    return send(endpoint, request, null);
  }

  /**
   * {@link #send(Endpoint, ApiRequest)}, reading the body with {@link RawJson#skim} when {@code
   * skim} is given (it says which arrays to read): records stay bytes until someone asks for their
   * tree.
   */
  public Reply send(
      Endpoint endpoint, ApiRequest request, java.util.function.Predicate<String> skim)
      throws ApiException, GiveUp, Stopped, StoreException {
    Pacer g = governor(endpoint);
    while (true) {
      if (stopping.get()) {
        throw new Stopped();
      }
      Decision d = g.reserve(clock.instant());
      if (!d.isGo()) {
        await(d);
        continue;
      }
      Instant sent = clock.instant();
      firstRequest.compareAndSet(null, sent);
      requests.incrementAndGet();
      ApiResponse response;
      try {
        response = gateway.send(endpoint, request);
      } catch (ApiException e) {
        Instant received = clock.instant();
        List<WindowReading> readings = readings(e.headers(), serverNow(e.headers(), received));
        if (e.status() == 429) {
          Optional<Duration> retryAfter = e.retryAfter();
          if (readings.stream().anyMatch(r -> r.remaining() == 0)) {
            // the exhausted window's reset (a 24-hour cap's too), on the server's clock, is better
            retryAfter = Optional.empty();
          }
          Decision next = g.rateLimited(received, retryAfter, readings);
          listener.notice(
              "429 from " + endpoint.family() + (next.isGo() ? "" : "; " + next.reason()));
          continue;
        }
        if (e.status() >= 500) {
          retryOrGiveUp(g, received, "HTTP " + e.status() + " from " + endpoint.family());
          continue;
        }
        g.answered(readings);
        throw e;
      } catch (IOException e) {
        retryOrGiveUp(g, clock.instant(), "no answer from " + endpoint.family());
        continue;
      } catch (RuntimeException e) {
        g.released();
        throw e;
      }
      Instant received = clock.instant();
      HttpHeaders headers = response.headers();
      Optional<Instant> date = headers.firstValue("date").flatMap(ServerClock::parseDate);
      date.ifPresent(dt -> server.observe(dt, sent, received));
      RawJson source;
      try {
        source =
            skim != null
                ? RawJson.skim(response.bodyBytes(), skim)
                : RawJson.parse(response.bodyBytes());
      } catch (IOException e) {
        retryOrGiveUp(g, received, "an unreadable (truncated?) answer from " + endpoint.family());
        continue;
      }
      g.answered(readings(headers, date.orElse(server.earliestServerTime(received))));
      return new Reply(response, source.tree(), received, source);
    }
  }

  private void retryOrGiveUp(Pacer g, Instant now, String why) throws GiveUp, StoreException {
    Optional<Decision> next = g.failed(now, why);
    if (next.isEmpty()) {
      throw new GiveUp(why + ", again and again; giving up on this task for now");
    }
    listener.notice(why + "; " + next.get().reason().replace(why + " ", "") + ", retrying");
  }

  private Instant serverNow(HttpHeaders headers, Instant received) {
    return headers
        .firstValue("date")
        .flatMap(ServerClock::parseDate)
        .orElse(server.earliestServerTime(received));
  }

  /**
   * Every window the platform's headers report in an answer; {@code serverNow} dates resets written
   * as a delay.
   */
  private List<WindowReading> readings(HttpHeaders headers, Instant serverNow) {
    List<WindowReading> out = new ArrayList<>(windows.size());
    for (RateLimitWindow w : windows) {
      RateLimit.from(headers, w.headers(), serverNow)
          .ifPresent(
              r ->
                  out.add(
                      new WindowReading(
                          w.name(),
                          r.limit(),
                          r.remaining(),
                          r.reset(),
                          w.headers().resetStyle() == RateLimitHeaders.Reset.DELAY_SECONDS)));
    }
    return out;
  }

  /** Waits as {@code d} says, announcing it, in steps so that a stop is noticed at once. */
  public void await(Decision d) throws Stopped {
    Instant start = clock.instant();
    listener.waiting(d.reason(), d.until());
    try {
      while (true) {
        if (stopping.get()) {
          throw new Stopped();
        }
        Instant now = clock.instant();
        if (!now.isBefore(d.until())) {
          return;
        }
        Instant step = now.plus(WAIT_STEP);
        sleeper.sleepUntil(step.isBefore(d.until()) ? step : d.until(), clock);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stopped();
    } finally {
      waitedNanos.addAndGet(Duration.between(start, clock.instant()).toNanos());
      listener.resumed();
    }
  }

  /**
   * Saves every governor's windows in the store, so that a resumed run knows them (shared budgets
   * live in the store already).
   */
  public void saveBudgets() throws StoreException {
    for (Map.Entry<String, Pacer> e : governors.entrySet()) {
      if (e.getValue() instanceof LocalPacer) {
        store.saveBudget(
            credentialOf.get(e.getKey()), e.getValue().family(), e.getValue().snapshot());
      }
    }
  }

  /** The tightest known window of {@code endpoint}'s governor, if any. */
  public Optional<WindowReading> tightest(Endpoint endpoint) {
    try {
      return governor(endpoint).tightest();
    } catch (StoreException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The local time. */
  public Instant now() {
    return clock.instant();
  }

  /** The gateway requests go through. */
  public AccountGateway gateway() {
    return gateway;
  }

  public long requests() {
    return requests.get();
  }

  public long refused() {
    return governors.values().stream().mapToLong(Pacer::refusedCount).sum();
  }

  public Duration waited() {
    return Duration.ofNanos(waitedNanos.get());
  }

  public Instant firstRequest() {
    return firstRequest.get();
  }

  /** Counts a request sent outside {@link #send} (stream connections). */
  public void counted(Instant sent) {
    firstRequest.compareAndSet(null, sent);
    requests.incrementAndGet();
  }

  /** The server clock learnt from answers. */
  public ServerClock server() {
    return server;
  }
}
