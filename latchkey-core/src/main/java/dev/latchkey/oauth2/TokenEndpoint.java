package dev.latchkey.oauth2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.http.ApiClient;
import dev.latchkey.http.NetworkException;
import dev.latchkey.keychain.Secret;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Sends one form-encoded POST to an OAuth 2 endpoint and reads the answer: a token response, a
 * plain JSON body, or an error turned into an {@link OAuth2Exception}. Shared by every grant.
 */
final class TokenEndpoint {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_DESCRIPTION = 300;

  private final HttpClient http;

  TokenEndpoint(HttpClient http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  /** A form body in insertion order; values are revealed only when the request is built. */
  static final class Form {
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final List<String> secrets = new ArrayList<>();
    private String authorization;

    Form put(String name, String value) {
      if (value != null) {
        fields.put(name, value);
      }
      return this;
    }

    Form putSecret(String name, Secret value) {
      if (value != null) {
        fields.put(name, value.reveal());
        secrets.add(value.reveal());
      }
      return this;
    }

    /** Authenticates with {@code Authorization: Basic} (RFC 6749 §2.3.1). */
    Form basic(String id, Secret secret) {
      secrets.add(secret.reveal());
      authorization = basicHeader(id, secret.reveal());
      return this;
    }

    String encoded() {
      StringBuilder b = new StringBuilder();
      fields.forEach(
          (k, v) -> {
            if (b.length() > 0) {
              b.append('&');
            }
            b.append(formEncode(k)).append('=').append(formEncode(v));
          });
      return b.toString();
    }
  }

  /** {@code application/x-www-form-urlencoded} encoding of one name or value (space as '+'). */
  static String formEncode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** RFC 7617 Basic credentials, {@code base64(user ":" password)}, exactly as given. */
  static String basicCredentials(String user, String password) {
    return Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The header value RFC 6749 §2.3.1 asks for: id and secret each form-url-encoded first, then
   * Basic. Twitter's app-only docs ask the same ("RFC 1738-encode" key and secret).
   */
  static String basicHeader(String clientId, String clientSecret) {
    return "Basic " + basicCredentials(formEncode(clientId), formEncode(clientSecret));
  }

  /** POSTs the form and returns the JSON object of a 2xx answer, or throws the server's error. */
  JsonNode post(URI uri, Form form, String what) throws OAuth2Exception, IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(ApiClient.DEFAULT_TIMEOUT)
            .header("User-Agent", ApiClient.USER_AGENT)
            .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form.encoded()));
    if (form.authorization != null) {
      request.header("Authorization", form.authorization);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(what + " was interrupted");
    } catch (IOException e) {
      throw new NetworkException(
          what
              + " failed: could not reach "
              + endpoint(uri)
              + " ("
              + e.getClass().getSimpleName()
              + ")"
              + "; check the network and the API base URL");
    }
    JsonNode body = parse(response.body());
    int status = response.statusCode();
    if (status / 100 == 2 && body != null && body.isObject()) {
      return body;
    }
    throw error(uri, what, status, body, form.secrets);
  }

  /** POSTs a token request and checks the §5.1 fields. */
  TokenResponse token(URI uri, Form form, String what) throws OAuth2Exception, IOException {
    return tokenFrom(uri, post(uri, form, what), what);
  }

  /** Reads a 2xx token answer's fields, refusing one without a bearer access token. */
  static TokenResponse tokenFrom(URI uri, JsonNode body, String what) throws OAuth2Exception {
    String access = text(body, "access_token");
    if (access == null || access.isBlank()) {
      throw new OAuth2Exception(
          what
              + " failed: "
              + endpoint(uri)
              + " answered without an access_token; "
              + "check that the base URL points at the platform's API",
          200,
          OAuth2Exception.INVALID_RESPONSE,
          null,
          null,
          null);
    }
    String type = text(body, "token_type");
    if (type == null || !type.equalsIgnoreCase("bearer")) {
      throw new OAuth2Exception(
          what
              + " failed: "
              + endpoint(uri)
              + " issued a token of type '"
              + safe(type, List.of())
              + "', not 'bearer'; this client only uses bearer tokens",
          200,
          OAuth2Exception.INVALID_RESPONSE,
          null,
          null,
          null);
    }
    Long expiresIn = null;
    JsonNode e = body.get("expires_in");
    if (e != null && !e.isNull()) {
      if (e.canConvertToLong()) {
        expiresIn = e.asLong();
      } else if (e.isTextual() && e.asText().matches("\\d{1,12}")) {
        expiresIn = Long.parseLong(e.asText());
      }
    }
    return new TokenResponse(
        Secret.of(access),
        type.toLowerCase(Locale.ROOT),
        expiresIn,
        text(body, "scope"),
        Secret.ofNullable(text(body, "refresh_token")));
  }

  static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return null; // not JSON: reported by status alone, never quoted
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  /** Reads RFC 6749 §5.2, Twitter v1.1 {@code errors}, v2 problem details or Tumblr's meta. */
  static OAuth2Exception error(
      URI uri, String what, int status, JsonNode body, List<String> secrets) {
    String error = text(body, "error");
    String description = text(body, "error_description");
    String errorUri = text(body, "error_uri");
    Integer code = null;
    if (body != null && body.path("errors").isArray() && body.path("errors").size() > 0) {
      JsonNode first = body.path("errors").get(0);
      if (first.path("code").canConvertToInt()) {
        code = first.path("code").asInt();
      }
      if (description == null) {
        description = text(first, "message");
      }
    }
    if (description == null) {
      description = text(body, "detail");
    }
    if (description == null && body != null) {
      description = text(body.path("meta"), "msg");
    }
    if (error != null && error.isBlank()) {
      error = null;
    }
    description = description == null ? null : safe(description, secrets);
    StringBuilder m = new StringBuilder(what).append(" failed: ").append(endpoint(uri));
    m.append(" answered HTTP ").append(status);
    if (error != null) {
      m.append(' ').append(safe(error, secrets));
    }
    if (code != null) {
      m.append(" (code ").append(code).append(')');
    }
    if (description != null) {
      m.append(": ").append(description);
    }
    m.append("; ").append(fix(error, code, status));
    return new OAuth2Exception(
        m.toString(),
        status,
        error == null ? null : safe(error, secrets),
        description,
        errorUri == null ? null : safe(errorUri, secrets),
        code);
  }

  private static String fix(String error, Integer code, int status) {
    if ("invalid_client".equals(error) || (code != null && code == 99)) {
      return "check the app's client id and secret (or consumer key and secret) in the keychain";
    }
    if ("invalid_grant".equals(error) || "invalid_request".equals(error)) {
      return "the code or token is no longer valid; authorize again with"
          + " 'latchkey auth <platform> --oauth2'";
    }
    if ("unauthorized_client".equals(error)) {
      return "enable this grant type for the app in the developer portal";
    }
    if ("invalid_scope".equals(error)) {
      return "ask only for scopes the app is allowed";
    }
    if (status == 429) {
      return "wait for the rate limit to reset and try again";
    }
    if (status >= 500) {
      return "the platform had a problem; try again later";
    }
    return "see the platform's description of the error";
  }

  /** Printable, bounded, and with every secret we sent blanked out. */
  static String safe(String text, List<String> secrets) {
    if (text == null) {
      return "null";
    }
    String t = text;
    for (String s : secrets) {
      if (s != null && s.length() >= 6) { // shorter values are not real secrets and match anywhere
        t = t.replace(s, "…");
      }
    }
    StringBuilder b = new StringBuilder();
    t.codePoints()
        .limit(MAX_DESCRIPTION)
        .forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return b.toString();
  }

  /** Scheme, host and port: where we talked to, without path or query. */
  static String endpoint(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
  }
}
