package dev.latchkey.http.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.latchkey.http.FormEncoding;
import dev.latchkey.http.NetworkException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one-shot HTTP server on {@code 127.0.0.1} that receives an authorization redirect: the OAuth
 * 1.0a callback (RFC 5849 §2) and the OAuth 2 redirect of a native app (<a
 * href="https://www.rfc-editor.org/rfc/rfc8252#section-7.3">RFC 8252 §7.3</a>). It is the JDK's
 * HTTP server (no HTTP is parsed here) with three defences:
 *
 * <ul>
 *   <li>Only {@code Host: 127.0.0.1:PORT} or {@code localhost:PORT} is answered, which defeats DNS
 *       rebinding: a foreign page whose name points at 127.0.0.1 sends its own name.
 *   <li>A request that is not the genuine redirect (another method or path, a malformed or repeated
 *       parameter, or what the flow's {@link Examiner} does not recognise: a wrong or missing
 *       state, a wrong token) gets a 400 page and the wait goes on; a stray {@code <img>} or a
 *       forged link cannot end the authorization.
 *   <li>Each connection is served on its own thread, and one that has not sent its whole request
 *       within the read timeout is closed, so a slow client (one byte a second) holds neither the
 *       real redirect nor a thread for long. At most {@value #MAX_CONNECTIONS} connections are
 *       served at once; more are closed at once.
 * </ul>
 *
 * @param <T> what the genuine redirect yields (the code, the verifier)
 */
public final class LoopbackServer<T> implements AutoCloseable {
  /** How long a client may take to send its request line and headers, by default. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

  static final int MAX_CONNECTIONS = 64;

  /** What a flow makes of a {@code GET} of the redirect path with the right {@code Host}. */
  @FunctionalInterface
  public interface Examiner<T> {
    /**
     * Judges the redirect's query parameters (each present once).
     *
     * @throws InterruptedException when the examiner waits for the flow and is interrupted
     */
    Verdict<T> examine(Map<String, String> query) throws InterruptedException;
  }

  /** What a flow says of one request: it is the answer (a value or a failure), or it is not. */
  public static final class Verdict<T> {
    private final T value;
    private final Exception failure;
    private final boolean answer;
    private final int status;
    private final String title;
    private final String text;

    private Verdict(
        T value, Exception failure, boolean answer, int status, String title, String text) {
      this.value = value;
      this.failure = failure;
      this.answer = answer;
      this.status = status;
      this.title = Objects.requireNonNull(title, "title");
      this.text = Objects.requireNonNull(text, "text");
    }

    /** The genuine redirect, granting {@code value}; the page says so with 200. */
    public static <T> Verdict<T> granted(T value, String title, String text) {
      return new Verdict<>(Objects.requireNonNull(value, "value"), null, true, 200, title, text);
    }

    /**
     * The genuine redirect, saying no (the person denied, the platform sent an error): the wait
     * ends with {@code failure}.
     */
    public static <T> Verdict<T> refused(Exception failure, int status, String title, String text) {
      return new Verdict<>(
          null, Objects.requireNonNull(failure, "failure"), true, status, title, text);
    }

    /** Not the redirect the flow waits for: a 400 page, and the wait goes on. */
    public static <T> Verdict<T> notTheAnswer(String title, String text) {
      return new Verdict<>(null, null, false, 400, title, text);
    }
  }

  private final HttpServer server;
  private final String path;
  private final Examiner<T> examiner;
  private final PerConnection connections;
  private final CompletableFuture<T> outcome = new CompletableFuture<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private LoopbackServer(
      HttpServer server, String path, Examiner<T> examiner, PerConnection connections) {
    this.server = server;
    this.path = path;
    this.examiner = examiner;
    this.connections = connections;
  }

  /**
   * Starts listening on {@code 127.0.0.1:port} (0 for any free port) for a {@code GET} of {@code
   * path}.
   *
   * @throws IOException naming the address when it cannot be bound
   */
  public static <T> LoopbackServer<T> open(
      int port, String path, Duration readTimeout, Examiner<T> examiner) throws IOException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(examiner, "examiner");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("a port is between 0 and 65535, not " + port);
    }
    String p = path.startsWith("/") ? path : "/" + path;
    HttpServer server;
    try {
      server =
          HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
    } catch (IOException e) {
      throw new NetworkException(
          "cannot listen on 127.0.0.1:"
              + port
              + " ("
              + e.getClass().getSimpleName()
              + (port == 0 ? "" : "; is another program using that port?")
              + ")");
    }
    PerConnection connections = new PerConnection(readTimeout);
    LoopbackServer<T> receiver = new LoopbackServer<>(server, p, examiner, connections);
    server.setExecutor(connections);
    server.createContext("/", receiver::handle);
    server.start();
    return receiver;
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  /**
   * Waits for the genuine redirect and returns what the flow made of it; the server stops either
   * way.
   *
   * @throws ExecutionException whose cause is the flow's failure when the answer said no
   * @throws TimeoutException when no genuine redirect came in time
   */
  public T await(Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      close();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    connections.entered();
    Verdict<T> verdict = null;
    try (exchange) {
      if (!isLoopbackHost(exchange.getRequestHeaders().get("Host"))) {
        LoopbackPage.send(
            exchange,
            400,
            "Wrong address",
            "This page only answers at 127.0.0.1:" + port() + " or localhost:" + port() + ".");
        return;
      }
      if (!"GET".equals(exchange.getRequestMethod())
          || !path.equals(exchange.getRequestURI().getRawPath())) {
        LoopbackPage.send(
            exchange,
            400,
            "Not the authorization",
            "This address only receives the authorization Latchkey started, and this request is"
                + " not it. Latchkey is still waiting.");
        return;
      }
      if (outcome.isDone()) {
        LoopbackPage.send(
            exchange, 410, "Already done", "This authorization was already received.");
        return;
      }
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      Verdict<T> v =
          query == null
              ? Verdict.notTheAnswer(
                  "Not the authorization",
                  "This request's parameters are malformed, so it is not the authorization"
                      + " Latchkey started. Latchkey is still waiting.")
              : examiner.examine(query);
      if (v.answer) {
        verdict = v;
      }
      LoopbackPage.send(exchange, v.status, v.title, v.text);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (verdict != null) {
        // Only after the page went out, or failed to: the answer stands either way.
        if (verdict.failure != null) {
          outcome.completeExceptionally(verdict.failure);
        } else {
          outcome.complete(verdict.value);
        }
      }
    }
  }

  private boolean isLoopbackHost(List<String> hosts) {
    if (hosts == null || hosts.size() != 1) {
      return false; // RFC 9112 §3.2: none, or more than one, is a bad request
    }
    String host = hosts.get(0).strip().toLowerCase(Locale.ROOT);
    String port = ":" + port();
    return host.equals("127.0.0.1" + port) || host.equals("localhost" + port);
  }

  /** The query's parameters, or null when it is malformed or names a parameter twice. */
  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    try {
      for (Map.Entry<String, String> p : FormEncoding.parse(raw)) {
        if (out.putIfAbsent(p.getKey(), p.getValue()) != null) {
          return null;
        }
      }
    } catch (IllegalArgumentException e) {
      return null;
    }
    return out;
  }

  /** Stops listening and closes every connection; idempotent. */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    outcome.completeExceptionally(new IllegalStateException("closed"));
    server.stop(0);
    connections.shutdown();
  }

  /**
   * The server's executor: a thread per connection, and a watchdog that interrupts a thread whose
   * client has not finished sending its request in time. The JDK's server reads the request on that
   * thread from a blocking {@code SocketChannel}, which the interrupt closes.
   */
  private static final class PerConnection implements Executor {
    private final Duration readTimeout;
    private final AtomicInteger active = new AtomicInteger();
    private final Set<Thread> handling = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;

    PerConnection(Duration readTimeout) {
      this.readTimeout = readTimeout;
      ScheduledThreadPoolExecutor timer =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread t = new Thread(r, "latchkey-loopback-watchdog");
                t.setDaemon(true);
                return t;
              });
      timer.setRemoveOnCancelPolicy(true);
      this.watchdog = timer;
    }

    @Override
    public void execute(Runnable exchange) {
      if (active.incrementAndGet() > MAX_CONNECTIONS) {
        active.decrementAndGet();
        throw new RejectedExecutionException("too many connections"); // the server closes it
      }
      ScheduledFuture<?>[] timer = new ScheduledFuture<?>[1];
      Thread thread =
          new Thread(
              () -> {
                try {
                  exchange.run();
                } finally {
                  handling.remove(Thread.currentThread());
                  timer[0].cancel(false);
                  active.decrementAndGet();
                }
              },
              "latchkey-loopback-connection");
      thread.setDaemon(true);
      try {
        timer[0] =
            watchdog.schedule(
                () -> {
                  if (!handling.contains(thread)) {
                    thread.interrupt();
                  }
                },
                readTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        active.decrementAndGet(); // shutting down
        throw e;
      }
      thread.start();
    }

    /** The request was read: the handler runs (and only writes a small page). */
    void entered() {
      handling.add(Thread.currentThread());
    }

    void shutdown() {
      watchdog.shutdownNow();
    }
  }
}
