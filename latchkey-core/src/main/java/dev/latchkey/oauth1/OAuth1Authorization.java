package dev.latchkey.oauth1;

import dev.latchkey.http.RequestAuthorization;
import dev.latchkey.keychain.Secret;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Signs each request the HTTP layer is about to send (RFC 5849 §3): the query, the form body and
 * any extra protocol parameters ({@code oauth_callback}, {@code oauth_verifier}) are covered. Made
 * by {@link OAuth1Signer#authorization}.
 */
final class OAuth1Authorization implements RequestAuthorization {
  private final OAuth1Signer signer;
  private final OAuth1Credentials credentials;
  private final List<Parameter> protocol;

  OAuth1Authorization(
      OAuth1Signer signer, OAuth1Credentials credentials, List<Parameter> protocol) {
    this.signer = signer;
    this.credentials = credentials;
    this.protocol = List.copyOf(protocol);
  }

  @Override
  public String header(String method, URI uri, List<Map.Entry<String, String>> form) {
    OAuth1Request.Builder toSign = OAuth1Request.builder(method, uri).form(Parameter.of(form));
    for (Parameter p : protocol) {
      toSign.protocol(p.name(), p.value());
    }
    return signer.sign(toSign.build(), credentials).authorizationHeader();
  }

  @Override
  public List<String> secrets() {
    List<String> out = new ArrayList<>();
    for (Secret s :
        new Secret[] {
          credentials.consumerKey(),
          credentials.consumerSecret(),
          credentials.token(),
          credentials.tokenSecret()
        }) {
      if (s != null) {
        out.add(s.reveal());
        out.add(PercentEncoding.encode(s.reveal()));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "OAuth 1.0a " + credentials;
  }
}
