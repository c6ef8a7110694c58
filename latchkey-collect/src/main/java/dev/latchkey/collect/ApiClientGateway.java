package dev.latchkey.collect;

import dev.latchkey.http.ApiClient;
import dev.latchkey.http.ApiException;
import dev.latchkey.http.ApiRequest;
import dev.latchkey.http.ApiResponse;
import dev.latchkey.http.RequestAuthorization;
import dev.latchkey.keychain.Account;
import dev.latchkey.oauth1.OAuth1Credentials;
import dev.latchkey.oauth1.OAuth1Signer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * The stand-in {@link AccountGateway} over today's {@link ApiClient}, until the account layer
 * implements the interface: app-only bearer where the endpoint allows it and the account holds one,
 * else the OAuth 1.0a user token, else the OAuth 2 user token (not refreshed here), else Tumblr's
 * {@code api_key}.
 */
public final class ApiClientGateway implements AccountGateway {
  private final ApiClient client;
  private final Account account;
  private final HttpClient streams;
  private final OAuth1Signer signer = OAuth1Signer.create();

  /** A gateway sending as {@code account} through {@code client}. */
  public ApiClientGateway(ApiClient client, Account account) {
    this.client = Objects.requireNonNull(client, "client");
    this.account = Objects.requireNonNull(account, "account");
    this.streams =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public String account() {
    return account.id().toString();
  }

  private enum Kind {
    APP_ONLY,
    OAUTH1,
    OAUTH2,
    API_KEY
  }

  private Kind kind(Endpoint e) {
    boolean oauth1 =
        account.app() != null && account.app().consumerSecret() != null && account.oauth1() != null;
    if (e.appOnly() && account.bearer() != null) {
      return Kind.APP_ONLY;
    }
    if (e.userContext() && oauth1) {
      return Kind.OAUTH1;
    }
    if (e.userContext() && account.oauth2() != null) {
      return Kind.OAUTH2;
    }
    if (e.appOnly() && account.app() != null && "tumblr".equals(e.platform())) {
      return Kind.API_KEY;
    }
    throw new IllegalStateException(
        account.id()
            + " holds no credential "
            + e.path()
            + " accepts; get one with: latchkey auth "
            + account.id().platform()
            + (e.appOnly() && !e.userContext() ? " --bearer" : ""));
  }

  @Override
  public String credentialFor(Endpoint endpoint) {
    return account.id()
        + switch (kind(endpoint)) {
          case APP_ONLY, API_KEY -> " app-only";
          case OAUTH1, OAUTH2 -> " user";
        };
  }

  @Override
  public ApiResponse send(Endpoint endpoint, ApiRequest request) throws ApiException, IOException {
    return switch (kind(endpoint)) {
      case APP_ONLY -> client.sendBearer(request, account.bearer().token());
      case OAUTH1 ->
          client.send(
              request,
              signer.authorization(OAuth1Credentials.user(account.app(), account.oauth1())));
      case OAUTH2 -> client.sendBearer(request, account.oauth2().accessToken());
      case API_KEY ->
          client.send(request, RequestAuthorization.apiKey("api_key", account.app().consumerKey()));
    };
  }

  @Override
  public StreamResponse stream(Endpoint endpoint, ApiRequest request)
      throws ApiException, IOException {
    if (account.bearer() == null) {
      throw new IllegalStateException(
          account.id()
              + " has no app-only bearer token, which X's streams need; get one with: latchkey"
              + " auth twitter --account "
              + account.id().name()
              + " --bearer");
    }
    URI uri = client.target(request);
    HttpRequest http =
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Bearer " + account.bearer().token().reveal())
            .header("User-Agent", ApiClient.USER_AGENT)
            .GET()
            .build();
    HttpResponse<InputStream> response;
    try {
      response = streams.send(http, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to " + uri.getHost());
    } catch (IOException e) {
      throw new IOException(
          "cannot reach " + uri.getScheme() + "://" + uri.getAuthority() + " (" + e + ")");
    }
    InputStream body = response.body();
    int status = response.statusCode();
    HttpHeaders headers = response.headers();
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
    return new StreamResponse() {
      @Override
      public int status() {
        return status;
      }

      @Override
      public HttpHeaders headers() {
        return headers;
      }

      @Override
      public BufferedReader body() {
        return reader;
      }

      @Override
      public void close() throws IOException {
        body.close();
      }
    };
  }

  @Override
  public String url(ApiRequest request) {
    return client.target(request).toString();
  }

  @Override
  public dev.latchkey.platform.Platform platform() {
    return client.platform();
  }

  @Override
  public String toString() {
    return "ApiClientGateway[" + account.id() + "]";
  }
}
