package dev.latchkey.oauth1;

import dev.latchkey.http.ApiClient;
import dev.latchkey.http.ApiException;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.OAuth1Token;
import java.io.IOException;

/**
 * The out-of-band (PIN) three-legged flow of RFC 5849 §2 with {@code oauth_callback=oob}: get a
 * request token, show the person the authorize page, then trade the PIN they read there for an
 * access token, and check whose it is.
 *
 * <pre>{@code
 * PinAuthorization pin = new PinAuthorization(client, app);
 * TemporaryCredentials started = pin.start(null);
 * show(started.authorizeUri());
 * OAuth1Token token = pin.complete(started, readPin());
 * }</pre>
 */
public final class PinAuthorization {
  private final ThreeLegged flow;

  /** A flow for {@code app} on the client's platform; the app needs its consumer secret. */
  public PinAuthorization(ApiClient client, AppCredentials app) {
    this(client, OAuth1Signer.create(), app);
  }

  /** The same, signing with {@code signer} (a fixed clock or nonce source, in tests). */
  public PinAuthorization(ApiClient client, OAuth1Signer signer, AppCredentials app) {
    this.flow = new ThreeLegged(client, signer, app);
  }

  /**
   * Gets a request token; show the person {@link TemporaryCredentials#authorizeUri()}.
   *
   * @param access X's {@code x_auth_access_type}, or null for the app's own level
   */
  public TemporaryCredentials start(AccessType access)
      throws ApiException, IOException, AuthorizationException {
    return flow.requestToken("oob", access);
  }

  /** Trades the PIN for the access token, verified and with its owner and access level. */
  public OAuth1Token complete(TemporaryCredentials started, String pin)
      throws ApiException, IOException, AuthorizationException {
    String trimmed = pin == null ? "" : pin.strip();
    if (trimmed.isEmpty()) {
      throw new AuthorizationException(
          AuthorizationException.Reason.INCOMPLETE_ANSWER,
          "no PIN given; copy the PIN the authorize page shows");
    }
    return flow.accessToken(started, trimmed);
  }
}
