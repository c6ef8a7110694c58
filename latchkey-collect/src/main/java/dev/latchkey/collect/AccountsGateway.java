package dev.latchkey.collect;

import dev.latchkey.account.AccountException;
import dev.latchkey.account.Accounts;
import dev.latchkey.http.ApiClient;
import dev.latchkey.http.ApiException;
import dev.latchkey.http.ApiRequest;
import dev.latchkey.http.ApiResponse;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.platform.CredentialKind;
import dev.latchkey.platform.Platform;
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
 * The {@link AccountGateway} over the account layer: {@link Accounts#send} picks the credential
 * each endpoint takes (a user's token before the app's, as the platform's endpoint table orders
 * them), refreshes OAuth 2 tokens and parses the platform's answers; the collector adds the pacing.
 * Streams go out with the account's app-only bearer token, which X's streams need.
 */
public final class AccountsGateway implements AccountGateway {
  private final Accounts accounts;
  private final AccountId id;
  private final Platform platform;
  private final HttpClient streams;

  /**
   * A gateway sending as {@code id}.
   *
   * @throws AccountException when there is no such account or Latchkey does not know its platform
   */
  public AccountsGateway(Accounts accounts, AccountId id) throws AccountException {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.id = Objects.requireNonNull(id, "id");
    accounts.account(id);
    this.platform = accounts.platform(id);
    this.streams =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public String account() {
    return id.toString();
  }

  @Override
  public Platform platform() {
    return platform;
  }

  private CredentialKind kind(Endpoint endpoint) {
    ApiRequest probe = ApiRequest.builder(endpoint.method(), endpoint.path()).build();
    try {
      return accounts.credentialFor(id, probe, null);
    } catch (AccountException e) {
      throw new IllegalStateException(e.getMessage());
    }
  }

  @Override
  public String credentialFor(Endpoint endpoint) {
    CredentialKind kind = kind(endpoint);
    return id + (kind.isUser() ? " user" : " app-only");
  }

  @Override
  public ApiResponse send(Endpoint endpoint, ApiRequest request) throws ApiException, IOException {
    try {
      return accounts.send(id, request, kind(endpoint));
    } catch (AccountException | KeychainException e) {
      throw new IllegalStateException(e.getMessage());
    }
  }

  @Override
  public StreamResponse stream(Endpoint endpoint, ApiRequest request) throws IOException {
    Account account;
    try {
      account = accounts.account(id);
    } catch (AccountException e) {
      throw new IllegalStateException(e.getMessage());
    }
    if (account.bearer() == null) {
      throw new IllegalStateException(
          id
              + " has no app-only bearer token, which X's streams need; get one with: latchkey"
              + " auth "
              + id.platform()
              + " --account "
              + id.name()
              + " --bearer");
    }
    URI uri = client().target(request);
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
          "cannot reach "
              + uri.getScheme()
              + "://"
              + uri.getAuthority()
              + " ("
              + e.getClass().getSimpleName()
              + ")");
    }
    InputStream body = response.body();
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
    int status = response.statusCode();
    HttpHeaders headers = response.headers();
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

  private ApiClient client() {
    return accounts.client(platform);
  }

  @Override
  public String url(ApiRequest request) {
    return client().target(request).toString();
  }

  @Override
  public String toString() {
    return "AccountsGateway[" + id + "]";
  }
}
