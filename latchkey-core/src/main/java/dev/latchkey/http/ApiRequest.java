package dev.latchkey.http;

import dev.latchkey.oauth1.Parameter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One API call before signing: method, target (a path under the platform's API base, or an absolute
 * URI), query and form parameters (both signed), or a JSON body (not signed, as RFC 5849 §3.4.1.3.1
 * says).
 */
public final class ApiRequest {
  private final String method;
  private final String path;
  private final URI absolute;
  private final List<Parameter> query;
  private final List<Parameter> form;
  private final String jsonBody;
  private final Map<String, String> headers;
  private final List<Parameter> protocol;

  private ApiRequest(Builder b) {
    this.method = b.method;
    this.path = b.path;
    this.absolute = b.absolute;
    this.query = List.copyOf(b.query);
    this.form = List.copyOf(b.form);
    this.jsonBody = b.jsonBody;
    this.headers = Map.copyOf(b.headers);
    this.protocol = List.copyOf(b.protocol);
  }

  /** A call to {@code path} (starting with {@code /}, may hold a query) under the API base. */
  public static Builder builder(String method, String path) {
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("API path must start with '/', like /2/users/me");
    }
    return new Builder(method, path, null);
  }

  /** A call to an absolute URI (the OAuth endpoints, which live on another host). */
  public static Builder builder(String method, URI uri) {
    Objects.requireNonNull(uri, "uri");
    if (!uri.isAbsolute()) {
      throw new IllegalArgumentException("URI must be absolute: " + uri);
    }
    return new Builder(method, null, uri);
  }

  /** A GET under the API base. */
  public static Builder get(String path) {
    return builder("GET", path);
  }

  /** A POST under the API base. */
  public static Builder post(String path) {
    return builder("POST", path);
  }

  /** The HTTP method, upper case. */
  public String method() {
    return method;
  }

  /** The path under the API base, or null when the target is absolute. */
  public String path() {
    return path;
  }

  /** The absolute target, or null when the target is a path. */
  public URI absoluteUri() {
    return absolute;
  }

  /** Query parameters added to the target (signed). */
  public List<Parameter> query() {
    return query;
  }

  /** Form-body parameters (signed); sent form-urlencoded. */
  public List<Parameter> form() {
    return form;
  }

  /** The JSON body, or null. */
  public String jsonBody() {
    return jsonBody;
  }

  /** Extra request headers (never {@code Authorization}: the client sets that). */
  public Map<String, String> headers() {
    return headers;
  }

  /** Extra {@code oauth_*} parameters for the Authorization header (callback, verifier). */
  public List<Parameter> protocol() {
    return protocol;
  }

  /** Builds an {@link ApiRequest}. */
  public static final class Builder {
    private final String method;
    private final String path;
    private final URI absolute;
    private final List<Parameter> query = new ArrayList<>();
    private final List<Parameter> form = new ArrayList<>();
    private String jsonBody;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<Parameter> protocol = new ArrayList<>();

    private Builder(String method, String path, URI absolute) {
      Objects.requireNonNull(method, "method");
      if (!method.matches("[A-Za-z]{1,16}")) {
        throw new IllegalArgumentException("HTTP method must be a word like GET or POST");
      }
      this.method = method.toUpperCase(Locale.ROOT);
      this.path = path;
      this.absolute = absolute;
    }

    /** Adds a query parameter (signed). */
    public Builder query(String name, String value) {
      query.add(new Parameter(name, value));
      return this;
    }

    /** Adds query parameters (signed). */
    public Builder query(List<Parameter> parameters) {
      query.addAll(parameters);
      return this;
    }

    /** Adds a form-body parameter; the body is sent form-urlencoded and signed. */
    public Builder form(String name, String value) {
      form.add(new Parameter(name, value));
      return this;
    }

    /** Adds form-body parameters (signed). */
    public Builder form(List<Parameter> parameters) {
      form.addAll(parameters);
      return this;
    }

    /** Sets a JSON body (X API v2 writes); not signed, and not combinable with form parameters. */
    public Builder json(String body) {
      this.jsonBody = body;
      return this;
    }

    /** Adds an {@code oauth_*} protocol parameter, sent signed in the Authorization header. */
    public Builder protocol(String name, String value) {
      if (!name.startsWith("oauth_")) {
        throw new IllegalArgumentException("protocol parameters start with oauth_: " + name);
      }
      protocol.add(new Parameter(name, value));
      return this;
    }

    /** Adds a request header; {@code Authorization} is refused, the client sets it. */
    public Builder header(String name, String value) {
      if (name.equalsIgnoreCase("authorization")) {
        throw new IllegalArgumentException("the client sets the Authorization header itself");
      }
      headers.put(name, value);
      return this;
    }

    /** The request; form parameters and a JSON body exclude each other. */
    public ApiRequest build() {
      if (jsonBody != null && !form.isEmpty()) {
        throw new IllegalArgumentException("a request has either form parameters or a JSON body");
      }
      return new ApiRequest(this);
    }
  }
}
