package dev.latchkey.sandbox;

import dev.latchkey.keychain.Secret;
import java.util.List;
import java.util.Objects;

/**
 * An OAuth 2 client registered with the sandbox, as X's portal shows a "Client ID" and "Client
 * Secret" beside the API key: confidential clients have a secret, public ones (native and
 * single-page apps, RFC 6749 §2.1) do not.
 *
 * @param clientId the client id
 * @param clientSecret the client secret, or null for a public client
 * @param consumerKey the consumer key of the app the client belongs to
 * @param redirectUris the registered redirect URIs; loopback URIs on any port are always accepted
 */
public record SandboxOAuth2Client(
    String clientId, String clientSecret, String consumerKey, List<String> redirectUris) {

  public SandboxOAuth2Client {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(consumerKey, "consumerKey");
    redirectUris = List.copyOf(redirectUris);
  }

  public boolean isPublic() {
    return clientSecret == null;
  }

  @Override
  public String toString() {
    return "SandboxOAuth2Client[clientId="
        + clientId
        + ", clientSecret="
        + (clientSecret == null ? "none" : Secret.of(clientSecret).masked())
        + "]";
  }
}
