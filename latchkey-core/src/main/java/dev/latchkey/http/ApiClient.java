package dev.latchkey.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.oauth1.OAuth1Credentials;
import dev.latchkey.oauth1.OAuth1Request;
import dev.latchkey.oauth1.OAuth1Signer;
import dev.latchkey.oauth1.Parameter;
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
 * Sends OAuth 1.0a-signed calls to one platform over an injected {@link HttpClient} and turns error
 * answers into {@link ApiException}s that carry the platform's own words.
 *
 * <p>Base URIs come from the {@link Platform}, so the same client talks to the real API, the
 * sandbox or a proxy.
 */
public final class ApiClient {
  /** The {@code User-Agent} sent on every call (Tumblr requires one). */
  public static final String USER_AGENT = "latchkey/0.1";

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final Platform platform;
  private final OAuth1Signer signer;
  private final Clock clock;
  private final Duration timeout;

  /** A client for {@code platform}, signing with {@code signer}. */
  public ApiClient(
      HttpClient http, Platform platform, OAuth1Signer signer, Clock clock, Duration timeout) {
    this.http = Objects.requireNonNull(http, "http");
    this.platform = Objects.requireNonNull(platform, "platform");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** A client with a new JDK {@link HttpClient}, HMAC-SHA1 and the system clock. */
  public static ApiClient create(Platform platform) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new ApiClient(http, platform, OAuth1Signer.create(), Clock.systemUTC(), DEFAULT_TIMEOUT);
  }

  /** The platform this client talks to, with the hosts in use. */
  public Platform platform() {
    return platform;
  }

  /** The full URI a request goes to, query included. */
  public URI target(ApiRequest request) {
    URI base = request.absoluteUri() != null ? request.absoluteUri() : platform.api(request.path());
    if (request.query().isEmpty()) {
      return base;
    }
    String extra = Parameter.formEncode(request.query());
    String s = base.toString();
    return URI.create(s + (base.getRawQuery() == null ? "?" : "&") + extra);
  }

  /**
   * Signs and sends {@code request}; returns a 2xx answer.
   *
   * @throws ApiException when the platform answers with another status
   * @throws IOException when the platform cannot be reached; the message names the host
   */
  public ApiResponse send(ApiRequest request, OAuth1Credentials credentials)
      throws ApiException, IOException {
    URI uri = target(request);
    return answer(request, uri, exchange(request, uri, credentials), secretValues(credentials));
  }

  /**
   * Sends {@code request} with {@code Authorization: Bearer} (RFC 6750 §2.1): an app-only token or
   * an OAuth 2 user token; returns a 2xx answer.
   *
   * @throws ApiException when the platform answers with another status
   * @throws IOException when the platform cannot be reached; the message names the host
   */
  public ApiResponse sendBearer(ApiRequest request, dev.latchkey.keychain.Secret token)
      throws ApiException, IOException {
    URI uri = target(request);
    HttpResponse<String> response = exchange(request, uri, () -> "Bearer " + token.reveal());
    return answer(request, uri, response, List.of(token.reveal()));
  }

  private ApiResponse answer(
      ApiRequest request, URI uri, HttpResponse<String> response, List<String> secrets)
      throws ApiException {
    Optional<RateLimit> rateLimit =
        RateLimit.from(response.headers(), platform.rateLimitHeaders(), clock.instant());
    if (response.statusCode() / 100 != 2) {
      throw ErrorParser.parse(
          platform.name(),
          platform.errorStyles(),
          request.method(),
          uri.getRawPath(),
          response.statusCode(),
          response.body(),
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
  public Identity verify(OAuth1Credentials credentials) throws ApiException, IOException {
    return verify(platform.identity(), r -> send(r, credentials));
  }

  /**
   * Asks the platform's identity endpoints that accept OAuth 2 user tokens (X's {@code
   * /2/users/me}, Tumblr's {@code /v2/user/info}) whose token this is.
   */
  public Identity verifyBearer(dev.latchkey.keychain.Secret token)
      throws ApiException, IOException {
    List<IdentityEndpoint> endpoints =
        platform.identity().stream().filter(IdentityEndpoint::acceptsOAuth2).toList();
    if (endpoints.isEmpty()) {
      throw new IllegalStateException(platform.name() + " has no identity call for OAuth 2");
    }
    return verify(endpoints, r -> sendBearer(r, token));
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
        String level =
            platform.accessLevelHeader() == null
                ? null
                : r.header(platform.accessLevelHeader()).orElse(null);
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

  private HttpResponse<String> exchange(ApiRequest request, URI uri, OAuth1Credentials credentials)
      throws IOException {
    return exchange(
        request,
        uri,
        () -> {
          OAuth1Request.Builder toSign =
              OAuth1Request.builder(request.method(), uri).form(request.form());
          for (Parameter p : request.protocol()) {
            toSign.protocol(p.name(), p.value());
          }
          return signer.sign(toSign.build(), credentials).authorizationHeader();
        });
  }

  private HttpResponse<String> exchange(
      ApiRequest request, URI uri, java.util.function.Supplier<String> authorizationHeader)
      throws IOException {
    String authorization = authorizationHeader.get();
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      builder.header(h.getKey(), h.getValue());
    }
    builder.header("Authorization", authorization).header("User-Agent", USER_AGENT);
    if (!request.form().isEmpty()) {
      body =
          HttpRequest.BodyPublishers.ofString(
              Parameter.formEncode(request.form()), StandardCharsets.UTF_8);
      builder.header("Content-Type", "application/x-www-form-urlencoded");
    } else if (request.jsonBody() != null) {
      body = HttpRequest.BodyPublishers.ofString(request.jsonBody(), StandardCharsets.UTF_8);
      builder.header("Content-Type", "application/json");
    }
    builder.method(request.method(), body);
    try {
      return http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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
              + "); check the network or the base URL");
    }
  }

  static List<String> secretValues(OAuth1Credentials c) {
    List<String> out = new ArrayList<>();
    out.add(c.consumerKey().reveal());
    out.add(c.consumerSecret().reveal());
    if (c.token() != null) {
      out.add(c.token().reveal());
      out.add(c.tokenSecret().reveal());
    }
    return out;
  }
}
