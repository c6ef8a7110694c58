package dev.latchkey.oauth1;

import dev.latchkey.http.ApiClient;
import dev.latchkey.http.ApiException;
import dev.latchkey.http.NetworkException;
import dev.latchkey.http.internal.LoopbackServer;
import dev.latchkey.http.internal.LoopbackServer.Verdict;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.OAuth1Token;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The three-legged flow of RFC 5849 §2 with a callback to a one-shot server on {@code
 * 127.0.0.1:<port>}: the platform redirects the browser there with {@code oauth_token} and {@code
 * oauth_verifier}; the server waits for the callback that carries both the {@code state} it put on
 * the callback URL and the request token it asked for, thanks the person, and closes. Anything else
 * that reaches it gets a 400 page and the wait goes on (see {@link LoopbackServer}).
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
   * @throws IllegalArgumentException when the port is not between 0 and 65535
   */
  public Session start(int port, AccessType access)
      throws ApiException, IOException, AuthorizationException {
    return start(port, access, LoopbackServer.DEFAULT_READ_TIMEOUT);
  }

  Session start(int port, AccessType access, Duration readTimeout)
      throws ApiException, IOException, AuthorizationException {
    byte[] stateBytes = new byte[16];
    random.nextBytes(stateBytes);
    Session session = new Session(HexFormat.of().formatHex(stateBytes));
    try {
      session.server = LoopbackServer.open(port, CALLBACK_PATH, readTimeout, session::examine);
    } catch (NetworkException e) {
      throw new NetworkException(
          e.getMessage() + " for the callback; choose another port or use --pin");
    }
    try {
      session.temporary = flow.requestToken(session.callback().toString(), access);
      return session;
    } catch (IOException | ApiException | AuthorizationException | RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /** One running flow: the authorize URL to show and the wait for the callback. */
  public final class Session implements AutoCloseable {
    private final String state;
    private LoopbackServer<String> server;
    private volatile TemporaryCredentials temporary;

    private Session(String state) {
      this.state = state;
    }

    /** The port the server listens on. */
    public int port() {
      return server.port();
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
      return server.uri();
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
        v = server.await(timeout);
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
      if (server != null) {
        server.close();
      }
    }

    private Verdict<String> examine(Map<String, String> q) {
      if (!same(q.getOrDefault("state", ""), state)) {
        return Verdict.notTheAnswer(
            "Latchkey", "This callback is not the one Latchkey is waiting for; it was ignored.");
      }
      TemporaryCredentials t = temporary;
      if (t == null) {
        return Verdict.notTheAnswer("Latchkey", "Latchkey is not waiting for a callback yet.");
      }
      String requestToken = t.token().reveal();
      if (q.containsKey("denied")) {
        if (!same(q.get("denied"), requestToken)) {
          return Verdict.notTheAnswer(
              "Latchkey", "This callback is for another request; it was ignored.");
        }
        return Verdict.refused(
            new AuthorizationException(
                AuthorizationException.Reason.DENIED,
                "the authorization was denied on "
                    + flow.platform().name()
                    + "; run the command again and choose Authorize"),
            200,
            "Latchkey",
            "You did not authorize the app. You can close this tab.");
      }
      if (!same(q.getOrDefault("oauth_token", ""), requestToken)) {
        return Verdict.notTheAnswer(
            "Latchkey",
            "This callback is for another request; it was ignored. Latchkey is still waiting.");
      }
      String v = q.get("oauth_verifier");
      if (v == null || v.isBlank()) {
        return Verdict.refused(
            new AuthorizationException(
                AuthorizationException.Reason.INCOMPLETE_ANSWER,
                "the callback had no oauth_verifier; run the command again"),
            400,
            "Latchkey",
            "The callback has no oauth_verifier. Start again.");
      }
      return Verdict.granted(
          v,
          "Latchkey",
          "Latchkey has your authorization for "
              + flow.platform().displayName()
              + ". You can close this tab and return to the terminal.");
    }
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
