package dev.latchkey.oauth1;

import dev.latchkey.keychain.Secret;
import java.net.URI;
import java.util.Objects;

/**
 * The request token of RFC 5849 §2.1 and where to send the person to approve it (§2.2).
 *
 * @param token the temporary token ({@code oauth_token})
 * @param tokenSecret its secret
 * @param authorizeUri the page the person opens, with {@code oauth_token} in its query
 */
public record TemporaryCredentials(Secret token, Secret tokenSecret, URI authorizeUri) {
  public TemporaryCredentials {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(tokenSecret, "tokenSecret");
    Objects.requireNonNull(authorizeUri, "authorizeUri");
  }

  @Override
  public String toString() {
    return "TemporaryCredentials[token=" + token.masked() + "]";
  }
}
