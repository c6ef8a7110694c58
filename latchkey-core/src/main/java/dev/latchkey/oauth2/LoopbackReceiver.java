package dev.latchkey.oauth2;

import dev.latchkey.http.NetworkException;
import dev.latchkey.http.internal.LoopbackServer;
import dev.latchkey.http.internal.LoopbackServer.Verdict;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A one-shot HTTP server on the loopback interface that receives the authorization redirect of a
 * native app (RFC 8252 §7.3): it waits for the redirect that carries this request's {@code state},
 * shows the person a short page saying whether it worked, and then stops listening. Anything else
 * that reaches it (another path, another or no state, another {@code Host}, a slow client) gets a
 * 400 page or is cut off, and the wait goes on; see {@link LoopbackServer}.
 *
 * <p>Open it first (port 0 picks a free port), build the {@link AuthorizationRequest} with {@link
 * #redirectUri()}, then call {@link #awaitCode}. See <a
 * href="https://www.rfc-editor.org/rfc/rfc8252#section-7.3">RFC 8252 §7.3</a>.
 */
public final class LoopbackReceiver implements AutoCloseable {
  private final CompletableFuture<String> expectedState;
  private final LoopbackServer<String> server;

  private LoopbackReceiver(CompletableFuture<String> expectedState, LoopbackServer<String> server) {
    this.expectedState = expectedState;
    this.server = server;
  }

  /**
   * Starts listening on {@code 127.0.0.1:port} (0 for any free port) for a redirect to {@code
   * path}.
   *
   * @throws IOException naming the port when it cannot be bound
   * @throws IllegalArgumentException when the port is not between 0 and 65535
   */
  public static LoopbackReceiver open(int port, String path) throws IOException {
    return open(port, path, LoopbackServer.DEFAULT_READ_TIMEOUT);
  }

  static LoopbackReceiver open(int port, String path, Duration readTimeout) throws IOException {
    CompletableFuture<String> expectedState = new CompletableFuture<>();
    try {
      return new LoopbackReceiver(
          expectedState,
          LoopbackServer.open(port, path, readTimeout, query -> examine(expectedState, query)));
    } catch (NetworkException e) {
      throw new NetworkException(
          e.getMessage()
              + " for the authorization redirect; choose another port or paste the code"
              + " instead");
    }
  }

  private static Verdict<String> examine(
      CompletableFuture<String> expectedState, Map<String, String> query)
      throws InterruptedException {
    String state;
    try {
      // The redirect may beat awaitCode by a moment; wait for the state it will bring.
      state = expectedState.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return Verdict.notTheAnswer(
          "Not ready", "Latchkey is not waiting for an authorization at this address.");
    }
    String got = query.get("state");
    if (got == null || !AuthorizationCodeGrant.constantTimeEquals(got, state)) {
      return Verdict.notTheAnswer(
          "Not this authorization",
          "This answer does not belong to the authorization Latchkey started (its state does not"
              + " match), so it was ignored. Latchkey is still waiting; finish the authorization"
              + " in the page it opened.");
    }
    try {
      return Verdict.granted(
          AuthorizationCodeGrant.codeFromQuery(state, query),
          "Latchkey is authorized",
          "Latchkey received the authorization. You can close this tab and return to the"
              + " terminal.");
    } catch (OAuth2Exception e) {
      return Verdict.refused(
          e,
          400,
          "Authorization failed",
          "The authorization was not granted. Nothing was stored; see the terminal.");
    }
  }

  /** {@code http://127.0.0.1:<port><path>}, the redirect URI to register and send. */
  public URI redirectUri() {
    return server.uri();
  }

  /**
   * Waits for the redirect carrying {@code request}'s state and returns its code; the server stops
   * once that answer arrived (or the time ran out).
   *
   * @throws OAuth2Exception on a refusal ({@code access_denied}, or a redirect without a code) or
   *     {@link OAuth2Exception#TIMEOUT}
   */
  public String awaitCode(AuthorizationRequest request, Duration timeout)
      throws OAuth2Exception, InterruptedException {
    Objects.requireNonNull(request, "request");
    expectedState.complete(request.state());
    try {
      return server.await(timeout);
    } catch (TimeoutException e) {
      throw OAuth2Exception.local(
          OAuth2Exception.TIMEOUT,
          "no authorization arrived at "
              + redirectUri()
              + " within "
              + timeout.toSeconds()
              + " s; run the command again, or use --no-browser and paste the code");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof OAuth2Exception o) {
        throw o;
      }
      throw OAuth2Exception.local("server_error", "the loopback receiver failed; try again");
    } finally {
      close();
    }
  }

  /** Stops listening; idempotent. */
  @Override
  public void close() {
    expectedState.completeExceptionally(new IllegalStateException("closed"));
    server.close();
  }
}
