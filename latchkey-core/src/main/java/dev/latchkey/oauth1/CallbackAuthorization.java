package dev.latchkey.oauth1;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.latchkey.http.ApiClient;
import dev.latchkey.http.ApiException;
import dev.latchkey.http.internal.LoopbackPage;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.OAuth1Token;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The three-legged flow of RFC 5849 §2 with a callback to a one-shot server on {@code
 * 127.0.0.1:<port>}: the platform redirects the browser there with {@code oauth_token} and {@code
 * oauth_verifier}; the server checks both the {@code state} it put on the callback URL and that the
 * token is the request token it asked for, thanks the person, and closes.
 *
 * <p>The app must list the callback URL ({@link Session#registeredCallback()}) in its settings.
 */
public final class CallbackAuthorization {
  /** The callback path on the loopback server. */
  public static final String CALLBACK_PATH = "/callback";

  private final ThreeLegged flow;
  private final SecureRandom random = new SecureRandom();

  /** A flow for {@code app} on the client's platform; the app needs its consumer secret. */
  public CallbackAuthorization(ApiClient client, AppCredentials app) {
    this(client, OAuth1Signer.create(), app);
  }

  /** The same, signing with {@code signer} (a fixed clock or nonce source, in tests). */
  public CallbackAuthorization(ApiClient client, OAuth1Signer signer, AppCredentials app) {
    this.flow = new ThreeLegged(client, signer, app);
  }

  /**
   * Binds the loopback server ({@code port} 0 picks a free one) and gets a request token for it.
   * Close the session when done; it closes itself after the callback.
   *
   * @param access X's {@code x_auth_access_type}, or null for the app's own level
   */
  public Session start(int port, AccessType access)
      throws ApiException, IOException, AuthorizationException {
    byte[] stateBytes = new byte[16];
    random.nextBytes(stateBytes);
    String state = HexFormat.of().formatHex(stateBytes);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    Session session = new Session(server, state);
    try {
      server.createContext(CALLBACK_PATH, session::handle);
      server.start();
      session.temporary = flow.requestToken(session.callback().toString(), access);
      return session;
    } catch (IOException | ApiException | AuthorizationException | RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /** One running flow: the authorize URL to show and the wait for the callback. */
  public final class Session implements AutoCloseable {
    private final HttpServer server;
    private final String state;
    private final CompletableFuture<String> verifier = new CompletableFuture<>();
    private volatile TemporaryCredentials temporary;

    private Session(HttpServer server, String state) {
      this.server = server;
      this.state = state;
    }

    /** The port the server listens on. */
    public int port() {
      return server.getAddress().getPort();
    }

    /** The callback sent as {@code oauth_callback}, with its {@code state}. */
    public URI callback() {
      return URI.create(registeredCallback() + "?state=" + state);
    }

    /**
     * The URL to register as a callback in the app's settings: {@code
     * http://127.0.0.1:PORT/callback}.
     */
    public URI registeredCallback() {
      return URI.create("http://127.0.0.1:" + port() + CALLBACK_PATH);
    }

    /** The page to send the person to. */
    public URI authorizeUri() {
      return temporary.authorizeUri();
    }

    /**
     * Waits for the callback, then trades the verifier for the access token, verified and with its
     * owner and access level.
     */
    public OAuth1Token await(Duration timeout)
        throws ApiException, IOException, AuthorizationException, InterruptedException {
      String v;
      try {
        v = verifier.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw new AuthorizationException(
            AuthorizationException.Reason.TIMED_OUT,
            "no callback within "
                + timeout.toSeconds()
                + " s; open the authorize URL and approve the app, or use --pin");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof AuthorizationException a) {
          throw a;
        }
        throw new IOException("the callback server failed; try --pin instead");
      } finally {
        close();
      }
      return flow.accessToken(temporary, v);
    }

    @Override
    public void close() {
      server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        if (!isLoopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
          respond(exchange, 403, "This page only answers on 127.0.0.1.");
          return;
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
          respond(exchange, 405, "Only GET is expected here.");
          return;
        }
        Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
        String gotState = q.getOrDefault("state", "");
        if (!MessageDigest.isEqual(
            gotState.getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8))) {
          respond(exchange, 400, "This callback is not the one Latchkey is waiting for.");
          return;
        }
        TemporaryCredentials t = temporary;
        if (t == null || verifier.isDone()) {
          respond(exchange, 409, "Latchkey is not waiting for a callback now.");
          return;
        }
        if (q.containsKey("denied")) {
          respond(exchange, 200, "You did not authorize the app. You can close this tab.");
          verifier.completeExceptionally(
              new AuthorizationException(
                  AuthorizationException.Reason.DENIED,
                  "the authorization was denied on "
                      + flow.platform().name()
                      + "; run the command again and choose Authorize"));
          return;
        }
        String token = q.getOrDefault("oauth_token", "");
        String v = q.get("oauth_verifier");
        if (!MessageDigest.isEqual(
            token.getBytes(StandardCharsets.UTF_8),
            t.token().reveal().getBytes(StandardCharsets.UTF_8))) {
          respond(exchange, 400, "This callback is for another request. Start again.");
          verifier.completeExceptionally(
              new AuthorizationException(
                  AuthorizationException.Reason.STATE_MISMATCH,
                  "the callback's oauth_token is not the request token Latchkey asked for; run"
                      + " the command again"));
          return;
        }
        if (v == null || v.isBlank()) {
          respond(exchange, 400, "The callback has no oauth_verifier. Start again.");
          verifier.completeExceptionally(
              new AuthorizationException(
                  AuthorizationException.Reason.INCOMPLETE_ANSWER,
                  "the callback had no oauth_verifier; run the command again"));
          return;
        }
        respond(
            exchange,
            200,
            "Latchkey has your authorization for "
                + flow.platform().displayName()
                + ". You can close this tab and return to the terminal.");
        verifier.complete(v);
      }
    }

    private boolean isLoopbackHost(String host) {
      if (host == null) {
        return false;
      }
      String port = ":" + port();
      return host.equals("127.0.0.1" + port)
          || host.equals("localhost" + port)
          || host.equals("[::1]" + port);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    try {
      for (Parameter p : Parameter.parseForm(raw)) {
        out.putIfAbsent(p.name(), p.value());
      }
    } catch (IllegalArgumentException e) {
      // A malformed query is treated as empty: the state check then rejects it.
      out.clear();
    }
    return out;
  }

  private static void respond(HttpExchange exchange, int status, String text) throws IOException {
    LoopbackPage.send(exchange, status, "Latchkey", text);
  }
}
