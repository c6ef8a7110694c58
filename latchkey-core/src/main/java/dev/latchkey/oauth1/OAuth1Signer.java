package dev.latchkey.oauth1;

import dev.latchkey.http.RequestAuthorization;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Signs requests as RFC 5849 §3 describes: builds the protocol parameters, the signature base
 * string from query + form body + protocol parameters, the signature, and the {@code Authorization}
 * header in X's documented form.
 *
 * <p>Time and nonces are injected; {@link #create()} uses the system clock and {@link
 * NonceSource#secureRandom()}. Instances are immutable and thread-safe when the nonce source is.
 */
public final class OAuth1Signer {
  private final SignatureMethod method;
  private final Clock clock;
  private final NonceSource nonces;

  /** A signer with the given method, clock and nonce source. */
  public OAuth1Signer(SignatureMethod method, Clock clock, NonceSource nonces) {
    this.method = Objects.requireNonNull(method, "method");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.nonces = Objects.requireNonNull(nonces, "nonces");
  }

  /** HMAC-SHA1, the system clock and {@code SecureRandom} nonces: what Twitter and Tumblr take. */
  public static OAuth1Signer create() {
    return new OAuth1Signer(
        SignatureMethod.HMAC_SHA1, Clock.systemUTC(), NonceSource.secureRandom());
  }

  /** The signature method this signer uses. */
  public SignatureMethod method() {
    return method;
  }

  /**
   * What the HTTP layer needs to send requests signed with {@code credentials}: each request is
   * signed as it goes out, with a fresh nonce and timestamp.
   *
   * @param protocol extra {@code oauth_*} parameters for the header, such as {@code oauth_callback}
   *     (request token) or {@code oauth_verifier} (access token)
   */
  public RequestAuthorization authorization(OAuth1Credentials credentials, Parameter... protocol) {
    Objects.requireNonNull(credentials, "credentials");
    for (Parameter p : protocol) {
      if (!p.name().startsWith("oauth_")) {
        throw new IllegalArgumentException("protocol parameters start with oauth_: " + p.name());
      }
    }
    return new OAuth1Authorization(this, credentials, List.of(protocol));
  }

  /** Signs {@code request} with {@code credentials}; nothing is sent. */
  public SignedRequest sign(OAuth1Request request, OAuth1Credentials credentials) {
    List<Parameter> protocol = new ArrayList<>();
    protocol.add(new Parameter("oauth_consumer_key", credentials.consumerKey().reveal()));
    protocol.add(new Parameter("oauth_nonce", nonces.next()));
    protocol.add(new Parameter("oauth_signature_method", method.wireName()));
    protocol.add(new Parameter("oauth_timestamp", Long.toString(clock.instant().getEpochSecond())));
    if (credentials.token() != null) {
      protocol.add(new Parameter("oauth_token", credentials.token().reveal()));
    }
    protocol.add(new Parameter("oauth_version", "1.0"));
    protocol.addAll(request.protocolParameters());

    List<Parameter> all = new ArrayList<>(Parameter.parseForm(request.uri().getRawQuery()));
    all.addAll(request.formParameters());
    all.addAll(protocol);
    String baseString = SignatureBaseString.of(request.method(), request.uri(), all);
    String signature =
        method.sign(
            baseString,
            credentials.consumerSecret().reveal(),
            credentials.tokenSecret() == null ? "" : credentials.tokenSecret().reveal());
    protocol.add(new Parameter("oauth_signature", signature));
    return new SignedRequest(
        protocol, baseString, signature, AuthorizationHeader.format(protocol, request.realm()));
  }
}
