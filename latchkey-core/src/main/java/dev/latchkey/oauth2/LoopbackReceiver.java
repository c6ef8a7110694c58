package dev.latchkey.oauth2;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.latchkey.http.internal.LoopbackPage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A one-shot HTTP server on the loopback interface that receives the authorization redirect of a
 * native app (RFC 8252 §7.3): it checks the {@code state}, shows the person a short page saying
 * whether it worked, and then stops listening.
 *
 * <p>Open it first (port 0 picks a free port), build the {@link AuthorizationRequest} with {@link
 * #redirectUri()}, then call {@link #awaitCode}. See <a
 * href="https://www.rfc-editor.org/rfc/rfc8252#section-7.3">RFC 8252 §7.3</a>.
 */
public final class LoopbackReceiver implements AutoCloseable {
  private final HttpServer server;
  private final String path;
  private final CompletableFuture<String> expectedState = new CompletableFuture<>();
  private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private record Outcome(String code, OAuth2Exception error) {}

  private LoopbackReceiver(HttpServer server, String path) {
    this.server = server;
    this.path = path;
  }

  /**
   * Starts listening on {@code 127.0.0.1:port} (0 for any free port) for a redirect to {@code
   * path}.
   *
   * @throws IOException naming the port when it cannot be bound
   */
  public static LoopbackReceiver open(int port, String path) throws IOException {
    Objects.requireNonNull(path, "path");
    String p = path.startsWith("/") ? path : "/" + path;
    HttpServer server;
    try {
      server =
          HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
    } catch (IOException e) {
      throw new IOException(
          "cannot listen on 127.0.0.1:"
              + port
              + " for the authorization redirect ("
              + e.getClass().getSimpleName()
              + "); choose another port or paste the code instead");
    }
    LoopbackReceiver receiver = new LoopbackReceiver(server, p);
    server.createContext("/", receiver::handle);
    server.start();
    return receiver;
  }

  /** {@code http://127.0.0.1:<port><path>}, the redirect URI to register and send. */
  public URI redirectUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /**
   * Waits for the redirect, checks it against {@code request} and returns the code; the server
   * stops once an answer arrived.
   *
   * @throws OAuth2Exception on a state mismatch, a refusal ({@code access_denied}) or {@link
   *     OAuth2Exception#TIMEOUT}
   */
  public String awaitCode(AuthorizationRequest request, Duration timeout)
      throws OAuth2Exception, InterruptedException {
    expectedState.complete(request.state());
    try {
      Outcome o = outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (o.error() != null) {
        throw o.error();
      }
      return o.code();
    } catch (TimeoutException e) {
      throw OAuth2Exception.local(
          OAuth2Exception.TIMEOUT,
          "no authorization arrived at "
              + redirectUri()
              + " within "
              + timeout.toSeconds()
              + " s; run the command again, or use --no-browser and paste the code");
    } catch (ExecutionException e) {
      throw OAuth2Exception.local("server_error", "the loopback receiver failed; try again");
    } finally {
      close();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    Outcome result = null;
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())
          || !path.equals(exchange.getRequestURI().getRawPath())) {
        respond(exchange, 404, "Not found", "This address only receives the authorization.");
        return;
      }
      if (outcome.isDone()) {
        respond(exchange, 410, "Already done", "This authorization was already received.");
        return;
      }
      String state;
      try {
        state = expectedState.get(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        respond(exchange, 503, "Not ready", "Latchkey is not waiting for an authorization.");
        return;
      }
      Map<String, String> params =
          AuthorizationCodeGrant.parseQuery(exchange.getRequestURI().getRawQuery());
      try {
        result = new Outcome(AuthorizationCodeGrant.codeFromQuery(state, params), null);
        respond(
            exchange,
            200,
            "Latchkey is authorized",
            "Latchkey received the authorization. You can close this tab and return to the"
                + " terminal.");
      } catch (OAuth2Exception e) {
        result = new Outcome(null, e);
        boolean mismatch = e.error().filter(OAuth2Exception.STATE_MISMATCH::equals).isPresent();
        respond(
            exchange,
            400,
            "Authorization failed",
            mismatch
                ? "This answer does not belong to the authorization Latchkey started (the state"
                    + " does not match). Nothing was stored; start again from the terminal."
                : "The authorization was not granted. Nothing was stored; see the terminal.");
      }
    } finally {
      if (result != null) {
        outcome.complete(result); // only after the page went out and the exchange closed
      }
    }
  }

  private static void respond(HttpExchange exchange, int status, String title, String text)
      throws IOException {
    LoopbackPage.send(exchange, status, title, text);
  }

  /** Stops listening; idempotent. */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    expectedState.completeExceptionally(new IllegalStateException("closed"));
    server.stop(0);
  }
}
