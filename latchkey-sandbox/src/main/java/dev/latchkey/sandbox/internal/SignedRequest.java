package dev.latchkey.sandbox.internal;

import dev.latchkey.oauth1.Parameter;
import java.net.URI;
import java.util.List;

/**
 * What OAuth 1.0a verification needs of a request (RFC 5849 §3.4.1): the method, the base URIs the
 * client may have signed for (tried in order), the query and form-body parameters (form only when
 * the body is {@code application/x-www-form-urlencoded}) and the raw {@code Authorization} header.
 */
public record SignedRequest(
    String method,
    List<URI> baseUris,
    List<Parameter> query,
    List<Parameter> form,
    String authorization) {

  public SignedRequest {
    baseUris = List.copyOf(baseUris);
    query = List.copyOf(query);
    form = List.copyOf(form);
  }

  /** The last value of a non-protocol parameter from the query or form, or null. */
  public String parameter(String name) {
    String found = null;
    for (Parameter p : query) {
      if (p.name().equals(name)) {
        found = p.value();
      }
    }
    for (Parameter p : form) {
      if (p.name().equals(name)) {
        found = p.value();
      }
    }
    return found;
  }
}
