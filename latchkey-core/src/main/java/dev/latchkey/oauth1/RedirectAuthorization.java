package dev.latchkey.oauth1;

import dev.latchkey.http.ApiClient;
import dev.latchkey.http.ApiException;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.OAuth1Token;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The three-legged flow of RFC 5849 §2 with a callback URI that the caller serves itself (a web
 * application such as the dashboard), rather than the one-shot server of {@link
 * CallbackAuthorization}: start with the callback URI, receive the redirect wherever the caller
 * listens, then complete with the {@code oauth_token} and {@code oauth_verifier} it carried.
 */
public final class RedirectAuthorization {
  private final ThreeLegged flow;

  /** A flow for {@code app} on the client's platform; the app needs its consumer secret. */
  public RedirectAuthorization(ApiClient client, AppCredentials app) {
    this(client, OAuth1Signer.create(), app);
  }

  /** The same, signing with {@code signer} (a fixed clock or nonce source, in tests). */
  public RedirectAuthorization(ApiClient client, OAuth1Signer signer, AppCredentials app) {
    this.flow = new ThreeLegged(client, signer, app);
  }

  /**
   * Gets a request token for {@code callback} (§2.1); show the person {@link
   * TemporaryCredentials#authorizeUri()}.
   *
   * @param access X's {@code x_auth_access_type}, or null for the app's own level
   */
  public TemporaryCredentials start(URI callback, AccessType access)
      throws ApiException, IOException, AuthorizationException {
    Objects.requireNonNull(callback, "callback");
    return flow.requestToken(callback.toString(), access);
  }

  /**
   * Whether a redirect's {@code oauth_token} is this flow's request token (compared in constant
   * time), so that a redirect meant for another flow is told apart before anything is sent.
   */
  public static boolean isFor(TemporaryCredentials started, String oauthToken) {
    return oauthToken != null
        && MessageDigest.isEqual(
            oauthToken.getBytes(StandardCharsets.UTF_8),
            started.token().reveal().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Trades the redirect's verifier for the access token (§2.3), verified and with its owner and
   * access level.
   *
   * @throws AuthorizationException when the redirect is for another request token or has no
   *     verifier
   */
  public OAuth1Token complete(TemporaryCredentials started, String oauthToken, String verifier)
      throws ApiException, IOException, AuthorizationException {
    if (!isFor(started, oauthToken)) {
      throw new AuthorizationException(
          AuthorizationException.Reason.STATE_MISMATCH,
          "the redirect's oauth_token is not the request token of this authorization; start"
              + " again");
    }
    if (verifier == null || verifier.isBlank()) {
      throw new AuthorizationException(
          AuthorizationException.Reason.INCOMPLETE_ANSWER,
          "the redirect had no oauth_verifier; start again");
    }
    return flow.accessToken(started, verifier.strip());
  }
}
