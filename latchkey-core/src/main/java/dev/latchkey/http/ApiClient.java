package dev.latchkey.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.keychain.Secret;
import dev.latchkey.platform.CredentialKind;
import dev.latchkey.platform.IdentityEndpoint;
import dev.latchkey.platform.Platform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends API calls to one platform over an injected {@link HttpClient}, each authorized by a {@link
 * RequestAuthorization} (an OAuth 1.0a signature, a bearer token, an API key), and turns error
 * answers into {@link ApiException}s that carry the platform's own words. It is the one HTTP layer
 * every credential goes through: timeouts, {@code User-Agent}, never following redirects (a
 * redirect would carry the credentials elsewhere), rate-limit and error parsing.
 *
 * <p>Base URIs come from the {@link Platform}, so the same client talks to the real API, the
 * sandbox or a proxy. Instances are immutable and thread-safe; make one per platform and reuse it.
 */
public final class ApiClient {
  /** The {@code User-Agent} sent on every call (Tumblr requires one). */
  public static final String USER_AGENT = "latchkey/0.1";

  /** How long one call may take when the caller does not say. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final Platform platform;
  private final Clock clock;
  private final Duration timeout;

  /** A client for {@code platform}; {@code clock} dates the rate limits read from answers. */
  public ApiClient(HttpClient http, Platform platform, Clock clock, Duration timeout) {
    this.http = Objects.requireNonNull(http, "http");
    this.platform = Objects.requireNonNull(platform, "platform");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** A client with a new JDK {@link HttpClient} and the system clock. */
  public static ApiClient create(Platform platform) {
    return new ApiClient(
        newHttpClient(usesTls(platform)), platform, Clock.systemUTC(), DEFAULT_TIMEOUT);
  }

  /** The JDK client Latchkey uses: a 10 s connect timeout, redirects never followed. */
  public static HttpClient newHttpClient() {
    return newHttpClient(true);
  }

  /**
   * The JDK client for these platforms' hosts: one that never loads the TLS stack's trust store
   * when every host is plain {@code http} (the sandbox), else {@link #newHttpClient()}.
   */
  public static HttpClient newHttpClient(dev.latchkey.platform.Platforms platforms) {
    return newHttpClient(platforms.all().stream().anyMatch(ApiClient::usesTls));
  }

  /**
   * The JDK client; without {@code tls} (every host is plain {@code http}, as the sandbox's are) it
   * gets a TLS context that trusts nothing, because the JDK client otherwise loads the default one
   * and its trust store when it is built, which a one-call command pays for on every run.
   */
  static HttpClient newHttpClient(boolean tls) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER);
    if (!tls) {
      try {
        javax.net.ssl.SSLContext none = javax.net.ssl.SSLContext.getInstance("TLS");
        none.init(new javax.net.ssl.KeyManager[0], new javax.net.ssl.TrustManager[0], null);
        // Explicit parameters: otherwise the client asks the context for its defaults, which
        // works out every cipher suite the JDK supports.
        builder.sslContext(none).sslParameters(new javax.net.ssl.SSLParameters());
      } catch (java.security.GeneralSecurityException e) {
        // keep the default context
      }
    }
    return builder.build();
  }

  private static boolean usesTls(Platform platform) {
    return java.util.stream.Stream.of(
            platform.hosts().api(), platform.hosts().oauth(), platform.hosts().web())
        .anyMatch(u -> u == null || !"http".equalsIgnoreCase(u.getScheme()));
  }

  /** The platform this client talks to, with the hosts in use. */
  public Platform platform() {
    return platform;
  }

  /** The same client talking to {@code other} (another platform, or other hosts). */
  public ApiClient with(Platform other) {
    return new ApiClient(http, other, clock, timeout);
  }

  /** The full URI a request goes to, query included (without an authorization's own query). */
  public URI target(ApiRequest request) {
    return target(request, List.of());
  }

  private URI target(ApiRequest request, List<Map.Entry<String, String>> extra) {
    URI base = request.absoluteUri() != null ? request.absoluteUri() : platform.api(request.path());
    List<Map.Entry<String, String>> query = new ArrayList<>(request.query());
    query.addAll(extra);
    if (query.isEmpty()) {
      return base;
    }
    String s = base.toString();
    return URI.create(s + (base.getRawQuery() == null ? "?" : "&") + FormEncoding.format(query));
  }

  /**
   * Authorizes and sends {@code request}; returns a 2xx answer.
   *
   * @throws ApiException when the platform answers with another status
   * @throws IOException when the platform cannot be reached; the message names the host
   */
  public ApiResponse send(ApiRequest request, RequestAuthorization authorization)
      throws ApiException, IOException {
    URI uri = target(request, authorization.query());
    HttpResponse<byte[]> response =
        exchange(request, uri, authorization.header(request.method(), uri, request.form()));
    return answer(request, uri, response, authorization.secrets());
  }

  /**
   * Sends {@code request} with {@code Authorization: Bearer} (RFC 6750 §2.1): an app-only token or
   * an OAuth 2 user token; returns a 2xx answer.
   *
   * @throws ApiException when the platform answers with another status
   * @throws IOException when the platform cannot be reached; the message names the host
   */
  public ApiResponse sendBearer(ApiRequest request, Secret token) throws ApiException, IOException {
    return send(request, RequestAuthorization.bearer(token));
  }

  private ApiResponse answer(
      ApiRequest request, URI uri, HttpResponse<byte[]> response, List<String> secrets)
      throws ApiException {
    Optional<RateLimit> rateLimit =
        RateLimit.from(response.headers(), platform.rateLimitHeaders(), clock.instant());
    if (response.statusCode() / 100 != 2) {
      throw ErrorParser.parse(
          platform,
          request.method(),
          uri,
          response.statusCode(),
          new String(response.body(), StandardCharsets.UTF_8),
          response.headers(),
          response.headers().firstValue("retry-after").orElse(null),
          rateLimit.orElse(null),
          clock.instant(),
          secrets);
    }
    return new ApiResponse(response.statusCode(), response.headers(), response.body(), rateLimit);
  }

  /**
   * Asks the platform's identity endpoints who the credentials belong to, trying the next endpoint
   * when one is forbidden or missing for this app (X's free tier lacks v1.1).
   */
  public Identity verify(RequestAuthorization authorization) throws ApiException, IOException {
    return verify(platform.identity(), r -> send(r, authorization));
  }

  /**
   * Asks the identity endpoints that the endpoint table says take {@code kind} (for an OAuth 2 user
   * token X's {@code /2/users/me}, not its v1.1 call) who the credentials belong to.
   *
   * @throws IllegalStateException when no identity endpoint takes that kind
   */
  public Identity verify(RequestAuthorization authorization, CredentialKind kind)
      throws ApiException, IOException {
    List<IdentityEndpoint> endpoints =
        platform.identity().stream()
            .filter(
                e ->
                    platform
                        .endpoint("GET", e.endpointPath())
                        .map(t -> t.accepts(kind))
                        .orElse(true))
            .toList();
    if (endpoints.isEmpty()) {
      throw new IllegalStateException(
          platform.displayName() + " has no call that says whose " + kind.description() + " it is");
    }
    return verify(endpoints, r -> send(r, authorization));
  }

  /** {@link #verify(RequestAuthorization, CredentialKind)} for an OAuth 2 user token. */
  public Identity verifyBearer(Secret token) throws ApiException, IOException {
    return verify(RequestAuthorization.bearer(token), CredentialKind.OAUTH2_USER);
  }

  private interface Sender {
    ApiResponse send(ApiRequest request) throws ApiException, IOException;
  }

  private Identity verify(List<IdentityEndpoint> endpoints, Sender sender)
      throws ApiException, IOException {
    ApiException last = null;
    for (int i = 0; i < endpoints.size(); i++) {
      IdentityEndpoint endpoint = endpoints.get(i);
      try {
        ApiResponse r = sender.send(ApiRequest.get(endpoint.path()).build());
        JsonNode json = r.json().orElse(null);
        String screenName = json == null ? null : textAt(json, endpoint.screenNamePointer());
        String userId =
            json == null || endpoint.userIdPointer() == null
                ? null
                : textAt(json, endpoint.userIdPointer());
        String level = platform.accessLevelHeader().flatMap(r::header).orElse(null);
        return new Identity(userId, screenName, level);
      } catch (ApiException e) {
        last = e;
        boolean tryNext = (e.status() == 403 || e.status() == 404) && i + 1 < endpoints.size();
        if (!tryNext) {
          throw e;
        }
      }
    }
    throw last;
  }

  private static String textAt(JsonNode json, String pointer) {
    JsonNode n = json.at(pointer);
    return n.isMissingNode() || n.isNull() || n.isContainerNode() ? null : n.asText();
  }

  private HttpResponse<byte[]> exchange(ApiRequest request, URI uri, String authorization)
      throws IOException {
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      builder.header(h.getKey(), h.getValue());
    }
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    builder.header("User-Agent", USER_AGENT);
    if (!request.form().isEmpty()) {
      body =
          HttpRequest.BodyPublishers.ofString(
              FormEncoding.format(request.form()), StandardCharsets.UTF_8);
      builder.header("Content-Type", "application/x-www-form-urlencoded");
    } else if (request.jsonBody() != null) {
      body = HttpRequest.BodyPublishers.ofString(request.jsonBody(), StandardCharsets.UTF_8);
      builder.header("Content-Type", "application/json");
    }
    builder.method(request.method(), body);
    try {
      return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + uri.getHost());
    } catch (IOException e) {
      throw new NetworkException(
          "cannot reach "
              + platform.name()
              + " at "
              + uri.getScheme()
              + "://"
              + uri.getAuthority()
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          "check the network or the base URL");
    }
  }
}
