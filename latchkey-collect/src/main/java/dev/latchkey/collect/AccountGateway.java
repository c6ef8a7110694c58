package dev.latchkey.collect;

import dev.latchkey.http.ApiException;
import dev.latchkey.http.ApiRequest;
import dev.latchkey.http.ApiResponse;
import java.io.IOException;

/**
 * The narrow way the collector reaches a platform: "send this request as this account". {@link
 * AccountsGateway} implements it over the account layer (picking the credential each endpoint
 * accepts, refreshing OAuth 2 tokens); a PostgreSQL worker or a test may bring its own.
 *
 * <p>Latchkey never spreads one collection over several apps to get around a limit: one gateway is
 * one account, and X's developer terms forbid the rest.
 */
public interface AccountGateway {
  /** The account's name, written into each record's provenance ({@code twitter/ada}). */
  String account();

  /**
   * The name of the budget a call to {@code endpoint} counts against: which credential it would use
   * ({@code twitter/ada app-only}, {@code twitter/ada user}). Never a secret.
   */
  String credentialFor(Endpoint endpoint);

  /**
   * Sends {@code request} with the credential {@link #credentialFor} names.
   *
   * @throws ApiException when the platform answers with an error status
   * @throws IOException when it cannot be reached or the exchange breaks
   */
  ApiResponse send(Endpoint endpoint, ApiRequest request) throws ApiException, IOException;

  /**
   * Opens a streaming request (X's v2 streams need the app-only bearer token).
   *
   * @throws ApiException when the platform refuses it
   * @throws IOException when it cannot be reached
   */
  StreamResponse stream(Endpoint endpoint, ApiRequest request) throws ApiException, IOException;

  /** The full URL of a request, as Latchkey built it (no credential), for provenance. */
  String url(ApiRequest request);

  /**
   * The platform's description with the hosts in use: the collector takes every endpoint fact
   * (rate-limit families and headers, page sizes, fields) from its endpoint table.
   */
  dev.latchkey.platform.Platform platform();
}
