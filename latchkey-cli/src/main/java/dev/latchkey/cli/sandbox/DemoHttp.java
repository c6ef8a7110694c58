package dev.latchkey.cli.sandbox;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The demo's HTTP client: the JDK client, never following redirects (the demo's browser follows
 * them itself, so the reader sees each one), counting calls per path, and with {@code --verbose}
 * printing one status line per exchange. The line shows the method, the path and the status only:
 * queries carry the {@code api_key}, the OAuth 2 {@code code} and {@code state}, so they are left
 * out.
 */
public final class DemoHttp extends HttpClient {
  private final HttpClient delegate;
  private final PrintWriter log;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  /**
   * @param log where status lines go, or null to print none
   */
  DemoHttp(PrintWriter log) {
    this.delegate =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(Redirect.NEVER)
            .build();
    this.log = log;
  }

  /** How many requests went to {@code path} (no query) so far. */
  int calls(String path) {
    AtomicInteger n = calls.get(path);
    return n == null ? 0 : n.get();
  }

  private void record(HttpRequest request, int status) {
    URI uri = request.uri();
    calls.computeIfAbsent(uri.getRawPath(), p -> new AtomicInteger()).incrementAndGet();
    if (log != null) {
      synchronized (log) {
        log.println("      HTTP " + request.method() + " " + uri.getRawPath() + " -> " + status);
        log.flush();
      }
    }
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    HttpResponse<T> response = delegate.send(request, handler);
    record(request, response.statusCode());
    return response;
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return delegate
        .sendAsync(request, handler)
        .thenApply(
            r -> {
              record(request, r.statusCode());
              return r;
            });
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> push) {
    return delegate
        .sendAsync(request, handler, push)
        .thenApply(
            r -> {
              record(request, r.statusCode());
              return r;
            });
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }
}
