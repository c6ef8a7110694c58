package dev.latchkey.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.latchkey.oauth1.AuthorizationHeaderParser;
import dev.latchkey.oauth1.HmacSha1Signature;
import dev.latchkey.oauth1.Parameter;
import dev.latchkey.oauth1.SignatureBaseString;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small OAuth 1.0a provider on loopback for tests: it checks every signature against the URL it
 * received (with {@link SignatureBaseString}), runs the three-legged flow, answers the identity
 * call, and records what it got. Canned answers can replace any path.
 */
public final class FakePlatformServer implements AutoCloseable {
  /** One request as received. */
  public record Received(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      String body) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** A canned answer. */
  public record Canned(int status, Map<String, String> headers, String body) {}

  public static final String CONSUMER_KEY = "fakeConsumerKey0001";
  public static final String CONSUMER_SECRET = "fakeConsumerSecret-0001-abcdef";
  public static final String USER_ID = "4242";
  public static final String SCREEN_NAME = "alice_fake";

  private final HttpServer server;
  private final String prefix;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, String> tokenSecrets = new ConcurrentHashMap<>();
  private final Map<String, String> verifiers = new ConcurrentHashMap<>();
  private final Map<String, String> callbacks = new ConcurrentHashMap<>();
  private final Map<String, Canned> canned = new ConcurrentHashMap<>();
  private final AtomicInteger counter = new AtomicInteger();
  private volatile String accessLevel = "read-write";

  private FakePlatformServer(String prefix) throws IOException {
    this.prefix = prefix;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a server whose routes live under {@code prefix} (e.g. {@code /twitter}). */
  public static FakePlatformServer start(String prefix) throws IOException {
    return new FakePlatformServer(prefix);
  }

  /** The base URL, prefix included. */
  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + prefix);
  }

  public List<Received> received() {
    return Collections.unmodifiableList(received);
  }

  /** Replaces the answer for a path (without prefix and query). */
  public void cann(String path, int status, Map<String, String> headers, String body) {
    canned.put(path, new Canned(status, headers, body));
  }

  public void accessLevel(String level) {
    this.accessLevel = level;
  }

  /** Plays the person approving a request token; returns the verifier (the PIN). */
  public String approve(String requestToken) {
    String v = String.valueOf(1000000 + counter.incrementAndGet());
    verifiers.put(requestToken, v);
    return v;
  }

  /** The callback the client registered with this request token. */
  public String callbackOf(String requestToken) {
    return callbacks.get(requestToken);
  }

  /** Forgets an access token, so calls with it answer code 89. */
  public void revoke(String token) {
    tokenSecrets.remove(token);
  }

  /** Issues an access token directly, for tests that skip the flow. */
  public void issue(String token, String secret) {
    tokenSecrets.put(token, secret);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      URI uri = ex.getRequestURI();
      received.add(
          new Received(
              ex.getRequestMethod(),
              uri.getRawPath(),
              uri.getRawQuery(),
              Map.copyOf(ex.getRequestHeaders()),
              body));
      String path = uri.getRawPath();
      if (!path.startsWith(prefix)) {
        send(
            ex,
            404,
            Map.of(),
            "{\"errors\":[{\"code\":34,\"message\":\"Sorry, that page does not exist.\"}]}");
        return;
      }
      path = path.substring(prefix.length());
      Canned c = canned.get(path);
      if (c != null) {
        send(ex, c.status(), c.headers(), c.body());
        return;
      }
      Map<String, String> oauth;
      List<Parameter> all = new ArrayList<>(Parameter.parseForm(uri.getRawQuery()));
      try {
        List<Parameter> header =
            AuthorizationHeaderParser.parse(ex.getRequestHeaders().getFirst("Authorization"));
        oauth = new java.util.HashMap<>();
        for (Parameter p : header) {
          if (!p.name().equals("realm")) {
            oauth.put(p.name(), p.value());
            if (!p.name().equals("oauth_signature")) {
              all.add(p);
            }
          }
        }
      } catch (IllegalArgumentException e) {
        send(
            ex,
            400,
            Map.of(),
            "{\"errors\":[{\"code\":215,\"message\":\"Bad Authentication data.\"}]}");
        return;
      }
      String contentType = ex.getRequestHeaders().getFirst("Content-Type");
      if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
        all.addAll(Parameter.parseForm(body));
      }
      String token = oauth.get("oauth_token");
      String tokenSecret = token == null ? "" : tokenSecrets.get(token);
      if (!CONSUMER_KEY.equals(oauth.get("oauth_consumer_key")) || tokenSecret == null) {
        send(
            ex,
            401,
            Map.of(),
            "{\"errors\":[{\"code\":89,\"message\":\"Invalid or expired token.\"}]}");
        return;
      }
      URI signedUri =
          URI.create("http://" + ex.getRequestHeaders().getFirst("Host") + uri.getRawPath());
      String base = SignatureBaseString.of(ex.getRequestMethod(), signedUri, all);
      byte[] expected = HmacSha1Signature.mac(base, CONSUMER_SECRET, tokenSecret);
      byte[] got;
      try {
        got = Base64.getDecoder().decode(oauth.getOrDefault("oauth_signature", ""));
      } catch (IllegalArgumentException e) {
        got = new byte[0];
      }
      if (!MessageDigest.isEqual(expected, got)) {
        send(
            ex,
            401,
            Map.of(),
            "{\"errors\":[{\"code\":32,\"message\":\"Could not authenticate you.\"}]}");
        return;
      }
      route(ex, path, oauth);
    }
  }

  private void route(HttpExchange ex, String path, Map<String, String> oauth) throws IOException {
    long reset = System.currentTimeMillis() / 1000 + 900;
    Map<String, String> limits =
        Map.of(
            "x-rate-limit-limit",
            "75",
            "x-rate-limit-remaining",
            "74",
            "x-rate-limit-reset",
            Long.toString(reset),
            "x-access-level",
            accessLevel);
    switch (path) {
      case "/oauth/request_token" -> {
        String callback = oauth.get("oauth_callback");
        if (callback == null) {
          send(
              ex,
              400,
              Map.of(),
              "{\"errors\":[{\"code\":215,\"message\":\"Bad Authentication data.\"}]}");
          return;
        }
        String t = "rt" + counter.incrementAndGet();
        tokenSecrets.put(t, "rts-" + t);
        callbacks.put(t, callback);
        send(
            ex,
            200,
            Map.of("Content-Type", "text/html; charset=utf-8"),
            "oauth_token=" + t + "&oauth_token_secret=rts-" + t + "&oauth_callback_confirmed=true");
      }
      case "/oauth/access_token" -> {
        String t = oauth.get("oauth_token");
        String v = t == null ? null : verifiers.remove(t);
        if (v == null || !v.equals(oauth.get("oauth_verifier"))) {
          send(
              ex,
              401,
              Map.of(),
              "{\"errors\":[{\"code\":32,\"message\":\"Could not authenticate you.\"}]}");
          return;
        }
        tokenSecrets.remove(t);
        String at = USER_ID + "-access" + counter.incrementAndGet();
        String ats = "accessSecret" + counter.incrementAndGet() + "xyzw";
        tokenSecrets.put(at, ats);
        send(
            ex,
            200,
            Map.of("Content-Type", "text/html; charset=utf-8"),
            "oauth_token="
                + at
                + "&oauth_token_secret="
                + ats
                + "&user_id="
                + USER_ID
                + "&screen_name="
                + SCREEN_NAME);
      }
      case "/1.1/account/verify_credentials.json" ->
          send(
              ex,
              200,
              limits,
              "{\"id_str\":\"" + USER_ID + "\",\"screen_name\":\"" + SCREEN_NAME + "\"}");
      case "/2/users/me" ->
          send(
              ex,
              200,
              limits,
              "{\"data\":{\"id\":\""
                  + USER_ID
                  + "\",\"username\":\""
                  + SCREEN_NAME
                  + "\",\"name\":\"Alice\"}}");
      case "/v2/user/info" ->
          send(
              ex,
              200,
              Map.of(),
              "{\"meta\":{\"status\":200,\"msg\":\"OK\"},\"response\":{\"user\":{\"name\":\""
                  + SCREEN_NAME
                  + "\"}}}");
      default -> send(ex, 200, limits, "{\"echo\":\"" + path + "\"}");
    }
  }

  private static void send(HttpExchange ex, int status, Map<String, String> headers, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (!headers.containsKey("Content-Type")) {
      ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    }
    headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
