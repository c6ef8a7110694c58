package dev.latchkey.keychain;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An OAuth 2 user token (RFC 6749 §5.1): the access token, the refresh token when the grant
 * included offline access, when the access token expires and the scopes it carries.
 *
 * @param accessToken the access token
 * @param refreshToken the refresh token, or null; rotated on every refresh by X
 * @param expiresAt when the access token stops working, or null when unknown
 * @param scopes the granted scopes, never null
 * @param clientId the OAuth 2 client the token was issued to, or null when not known (imported)
 * @param clientSecret that client's secret, or null for a public client (or when not known): kept
 *     with the token so that refreshing and revoking it use the client it was issued to, whatever
 *     app the account holds
 */
public record OAuth2Token(
    Secret accessToken,
    Secret refreshToken,
    Instant expiresAt,
    Set<String> scopes,
    String clientId,
    Secret clientSecret) {

  public OAuth2Token {
    Objects.requireNonNull(accessToken, "accessToken");
    scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    if (clientId == null && clientSecret != null) {
      throw new IllegalArgumentException("a client secret needs its client id");
    }
  }

  /** A token whose client's secret is not kept with it (a public client, or unknown). */
  public OAuth2Token(
      Secret accessToken,
      Secret refreshToken,
      Instant expiresAt,
      Set<String> scopes,
      String clientId) {
    this(accessToken, refreshToken, expiresAt, scopes, clientId, null);
  }

  /** This token, recorded as issued to {@code id} with {@code secret}. */
  public OAuth2Token withClient(String id, Secret secret) {
    return new OAuth2Token(accessToken, refreshToken, expiresAt, scopes, id, secret);
  }

  /** True when the token has expired at {@code now}, or will within {@code marginSeconds}. */
  public boolean expiresWithin(Instant now, long marginSeconds) {
    return expiresAt != null && !now.plusSeconds(marginSeconds).isBefore(expiresAt);
  }

  @Override
  public String toString() {
    return "OAuth2Token[accessToken="
        + accessToken.masked()
        + ", refreshToken="
        + (refreshToken == null ? "none" : refreshToken.masked())
        + ", expiresAt="
        + expiresAt
        + ", scopes="
        + scopes
        + ", clientId="
        + (Secret.ofNullable(clientId) == null ? "none" : Secret.ofNullable(clientId).masked())
        + ", clientSecret="
        + (clientSecret == null ? "none" : clientSecret.masked())
        + "]";
  }
}
