package dev.latchkey.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One API call before it is authorized: method, target (a path under the platform's API base, or an
 * absolute URI), query and form parameters (both covered by an OAuth 1.0a signature), or a JSON
 * body (not signed, as RFC 5849 §3.4.1.3.1 says). Immutable; build it once and send it as often as
 * needed.
 */
public final class ApiRequest {
  private final String method;
  private final String path;
  private final URI absolute;
  private final List<Map.Entry<String, String>> query;
  private final List<Map.Entry<String, String>> form;
  private final String jsonBody;
  private final Map<String, String> headers;

  private ApiRequest(Builder b) {
    this.method = b.method;
    this.path = b.path;
    this.absolute = b.absolute;
    this.query = List.copyOf(b.query);
    this.form = List.copyOf(b.form);
    this.jsonBody = b.jsonBody;
    this.headers = Map.copyOf(b.headers);
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

  /** The path under the API base (with any query it was given), or null when it is absolute. */
  public String path() {
    return path;
  }

  /** The absolute target, or null when the target is a path. */
  public URI absoluteUri() {
    return absolute;
  }

  /** Query parameters added to the target, in order. */
  public List<Map.Entry<String, String>> query() {
    return query;
  }

  /** Form-body parameters, in order; sent form-urlencoded. */
  public List<Map.Entry<String, String>> form() {
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

  /** This request with {@code name=value} added to its query (a page's cursor, say). */
  public ApiRequest withQuery(String name, String value) {
    Builder b = toBuilder();
    b.query.add(Map.entry(name, value));
    return b.build();
  }

  private Builder toBuilder() {
    Builder b = new Builder(method, path, absolute);
    b.query.addAll(query);
    b.form.addAll(form);
    b.jsonBody = jsonBody;
    b.headers.putAll(headers);
    return b;
  }

  @Override
  public String toString() {
    return "ApiRequest[" + method + " " + (path != null ? path : absolute) + "]";
  }

  /** Builds an {@link ApiRequest}. */
  public static final class Builder {
    private final String method;
    private final String path;
    private final URI absolute;
    private final List<Map.Entry<String, String>> query = new ArrayList<>();
    private final List<Map.Entry<String, String>> form = new ArrayList<>();
    private String jsonBody;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder(String method, String path, URI absolute) {
      Objects.requireNonNull(method, "method");
      if (!method.matches("[A-Za-z]{1,16}")) {
        throw new IllegalArgumentException("HTTP method must be a word like GET or POST");
      }
      this.method = method.toUpperCase(Locale.ROOT);
      this.path = path;
      this.absolute = absolute;
    }

    /** Adds a query parameter. */
    public Builder query(String name, String value) {
      query.add(Map.entry(name, value));
      return this;
    }

    /** Adds a form-body parameter; the body is sent form-urlencoded. */
    public Builder form(String name, String value) {
      form.add(Map.entry(name, value));
      return this;
    }

    /** Sets a JSON body (X API v2 writes); not signed, and not combinable with form parameters. */
    public Builder json(String body) {
      this.jsonBody = body;
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
