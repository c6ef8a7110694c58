package dev.latchkey.oauth1;

import java.util.List;

/**
 * The outcome of signing: the protocol parameters sent (with {@code oauth_signature}), the base
 * string that was signed and the {@code Authorization} header value.
 *
 * <p>The header and parameters carry the consumer key and token, so {@link #toString()} shows
 * neither.
 *
 * @param protocolParameters every {@code oauth_*} parameter, including {@code oauth_signature}
 * @param baseString the RFC 5849 §3.4.1 signature base string
 * @param signature the {@code oauth_signature} value, not encoded
 * @param authorizationHeader the full {@code Authorization} header value
 */
public record SignedRequest(
    List<Parameter> protocolParameters,
    String baseString,
    String signature,
    String authorizationHeader) {

  public SignedRequest {
    protocolParameters = List.copyOf(protocolParameters);
  }

  @Override
  public String toString() {
    return "SignedRequest[" + protocolParameters.size() + " protocol parameters]";
  }
}
