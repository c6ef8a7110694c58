package dev.latchkey.oauth1;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a signature covers (RFC 5849 §3.4.1): the method, the full URI with its query, the form body
 * when there is one, and any extra protocol parameters such as {@code oauth_callback} or {@code
 * oauth_verifier}.
 */
public final class OAuth1Request {
  private final String method;
  private final URI uri;
  private final List<Parameter> formParameters;
  private final List<Parameter> protocolParameters;
  private final String realm;

  private OAuth1Request(Builder b) {
    this.method = b.method;
    this.uri = b.uri;
    this.formParameters = List.copyOf(b.formParameters);
    this.protocolParameters = List.copyOf(b.protocolParameters);
    this.realm = b.realm;
  }

  /** Starts a request; {@code uri} must be absolute and may carry a query. */
  public static Builder builder(String method, URI uri) {
    return new Builder(method, uri);
  }

  /** The HTTP method, upper case. */
  public String method() {
    return method;
  }

  /** The absolute request URI; its query is part of what is signed. */
  public URI uri() {
    return uri;
  }

  /** The decoded parameters of an {@code application/x-www-form-urlencoded} body (signed). */
  public List<Parameter> formParameters() {
    return formParameters;
  }

  /** Extra {@code oauth_*} parameters sent in the header (callback, verifier). */
  public List<Parameter> protocolParameters() {
    return protocolParameters;
  }

  /** The optional, unsigned {@code realm}, or null. */
  public String realm() {
    return realm;
  }

  /** Builds an {@link OAuth1Request}. */
  public static final class Builder {
    private final String method;
    private final URI uri;
    private final List<Parameter> formParameters = new ArrayList<>();
    private final List<Parameter> protocolParameters = new ArrayList<>();
    private String realm;

    private Builder(String method, URI uri) {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(uri, "uri");
      if (!uri.isAbsolute() || uri.getHost() == null) {
        throw new IllegalArgumentException("an OAuth 1 request needs an absolute http(s) URI");
      }
      this.method = method.toUpperCase(Locale.ROOT);
      this.uri = uri;
    }

    /** Adds decoded form-body parameters; only for form-urlencoded bodies. */
    public Builder form(List<Parameter> parameters) {
      formParameters.addAll(parameters);
      return this;
    }

    /** Adds one decoded form-body parameter. */
    public Builder form(String name, String value) {
      formParameters.add(new Parameter(name, value));
      return this;
    }

    /** Adds an {@code oauth_*} protocol parameter such as {@code oauth_callback}. */
    public Builder protocol(String name, String value) {
      if (!name.startsWith("oauth_")) {
        throw new IllegalArgumentException("protocol parameters start with oauth_: " + name);
      }
      protocolParameters.add(new Parameter(name, value));
      return this;
    }

    /** Sets the unsigned {@code realm} (RFC 5849 §3.5.1). */
    public Builder realm(String value) {
      this.realm = value;
      return this;
    }

    /** The request, immutable. */
    public OAuth1Request build() {
      return new OAuth1Request(this);
    }
  }
}
