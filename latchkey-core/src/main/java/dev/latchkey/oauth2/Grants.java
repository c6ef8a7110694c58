package dev.latchkey.oauth2;

import dev.latchkey.platform.ClientAuthentication;

/** Client authentication shared by the grants (RFC 6749 §2.3.1 and §3.2.1). */
final class Grants {
  private Grants() {}

  /**
   * Public clients send {@code client_id} in the body; confidential clients use Basic or the body,
   * as the platform asks. X's public clients must send {@code client_id}; sending it also with
   * Basic is harmless and what tweepy does.
   */
  static void authenticate(TokenEndpoint.Form form, OAuth2Client client, Endpoints endpoints) {
    form.put("client_id", client.id());
    if (client.isPublic()) {
      return;
    }
    if (endpoints.clientAuthentication() == ClientAuthentication.BASIC) {
      form.basic(client.id(), client.secret());
    } else {
      form.putSecret("client_secret", client.secret());
    }
  }
}
