package dev.latchkey.sandbox;

import dev.latchkey.oauth1.HmacSha1Signature;
import dev.latchkey.oauth1.Parameter;
import dev.latchkey.oauth1.PercentEncoding;
import dev.latchkey.oauth1.SignatureBaseString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/** A test-side OAuth 1.0a client: signs with core's primitives and sends over loopback. */
final class SignedCall {
  /** The header layouts of protocol-facts A.7. */
  enum Style {
    /** X docs: sorted, {@code ", "}. */
    X_DOCS,
    /** oauthlib/tweepy: fixed unsorted order, {@code ", "}, signature before callback/verifier. */
    OAUTHLIB,
    /** twitter-api-v2: sorted, {@code ","}. */
    SORTED_COMPACT,
    /** node-oauth/tumblr.js: sorted, signature last, {@code ","}. */
    SIGNATURE_LAST
  }

  static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static final AtomicLong NONCES = new AtomicLong();

  private final String method;
  private final URI uri;
  private URI signFor;
  private final List<Parameter> query = new ArrayList<>();
  private final List<Parameter> form = new ArrayList<>();
  private final Map<String, String> oauth = new LinkedHashMap<>();
  private final Map<String, String> oauthInQuery = new LinkedHashMap<>();
  private final Map<String, String> oauthInForm = new LinkedHashMap<>();
  private String consumerSecret = "";
  private String tokenSecret = "";
  private Style style = Style.X_DOCS;
  private String contentType;
  private String rawBody;
  private UnaryOperator<String> headerRewrite = UnaryOperator.identity();
  private UnaryOperator<String> signatureRewrite = UnaryOperator.identity();
  private boolean signQueryAndForm = true;

  private SignedCall(String method, URI uri) {
    this.method = method;
    this.uri = uri;
    this.signFor = uri;
    oauth.put("oauth_nonce", "n" + System.nanoTime() + "x" + NONCES.incrementAndGet());
    oauth.put("oauth_timestamp", Long.toString(System.currentTimeMillis() / 1000));
    oauth.put("oauth_version", "1.0");
    oauth.put("oauth_signature_method", "HMAC-SHA1");
  }

  static SignedCall get(URI uri) {
    return new SignedCall("GET", uri);
  }

  static SignedCall post(URI uri) {
    return new SignedCall("POST", uri);
  }

  static SignedCall of(String method, URI uri) {
    return new SignedCall(method, uri);
  }

  SignedCall consumer(String key, String secret) {
    oauth.put("oauth_consumer_key", key);
    consumerSecret = secret;
    return this;
  }

  SignedCall token(String token, String secret) {
    oauth.put("oauth_token", token);
    tokenSecret = secret;
    return this;
  }

  SignedCall keys(SandboxKeys k) {
    return consumer(k.consumerKey(), k.consumerSecret())
        .token(k.accessToken(), k.accessTokenSecret());
  }

  /** Sets (or with null removes) a protocol parameter sent in the header. */
  SignedCall oauth(String name, String value) {
    if (value == null) {
      oauth.remove(name);
    } else {
      oauth.put(name, value);
    }
    return this;
  }

  /** A protocol parameter sent in the query (signed once). */
  SignedCall oauthInQuery(String name, String value) {
    oauthInQuery.put(name, value);
    return this;
  }

  /** A protocol parameter sent in the form body (signed once). */
  SignedCall oauthInForm(String name, String value) {
    oauthInForm.put(name, value);
    return this;
  }

  SignedCall timestamp(long epochSeconds) {
    return oauth("oauth_timestamp", Long.toString(epochSeconds));
  }

  SignedCall nonce(String nonce) {
    return oauth("oauth_nonce", nonce);
  }

  SignedCall query(String name, String value) {
    query.add(new Parameter(name, value));
    return this;
  }

  SignedCall form(String name, String value) {
    form.add(new Parameter(name, value));
    return this;
  }

  SignedCall style(Style style) {
    this.style = style;
    return this;
  }

  /** Signs for a different URL than the one the request goes to (a rewriting transport). */
  SignedCall signFor(URI uri) {
    this.signFor = uri;
    return this;
  }

  SignedCall rewriteHeader(UnaryOperator<String> rewrite) {
    this.headerRewrite = rewrite;
    return this;
  }

  SignedCall rewriteSignature(UnaryOperator<String> rewrite) {
    this.signatureRewrite = rewrite;
    return this;
  }

  /** Sends a raw body of the given type, which is not signed. */
  SignedCall body(String contentType, String body) {
    this.contentType = contentType;
    this.rawBody = body;
    return this;
  }

  String authorizationHeader() {
    List<Parameter> signed = new ArrayList<>(query);
    signed.addAll(form);
    Map<String, String> protocol = new LinkedHashMap<>(oauth);
    protocol.putAll(oauthInQuery);
    protocol.putAll(oauthInForm);
    protocol.forEach((k, v) -> signed.add(new Parameter(k, v)));
    String base = SignatureBaseString.of(method, signFor, signed);
    String signature =
        signatureRewrite.apply(HmacSha1Signature.sign(base, consumerSecret, tokenSecret));
    List<Map.Entry<String, String>> items = new ArrayList<>(oauth.entrySet());
    String sep = ", ";
    switch (style) {
      case X_DOCS -> {
        items.add(Map.entry("oauth_signature", signature));
        items.sort(Map.Entry.comparingByKey());
      }
      case OAUTHLIB -> {
        List<String> order =
            List.of(
                "oauth_nonce",
                "oauth_timestamp",
                "oauth_version",
                "oauth_signature_method",
                "oauth_consumer_key",
                "oauth_token",
                "oauth_signature",
                "oauth_callback",
                "oauth_verifier");
        items.add(Map.entry("oauth_signature", signature));
        items.sort(
            Comparator.comparingInt(
                (Map.Entry<String, String> e) ->
                    order.indexOf(e.getKey()) < 0 ? 99 : order.indexOf(e.getKey())));
      }
      case SORTED_COMPACT -> {
        items.add(Map.entry("oauth_signature", signature));
        items.sort(Map.Entry.comparingByKey());
        sep = ",";
      }
      case SIGNATURE_LAST -> {
        items.sort(Map.Entry.comparingByKey());
        items.add(Map.entry("oauth_signature", signature));
        sep = ",";
      }
      default -> throw new IllegalStateException();
    }
    StringBuilder h = new StringBuilder("OAuth ");
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        h.append(sep);
      }
      h.append(PercentEncoding.encode(items.get(i).getKey()))
          .append("=\"")
          .append(PercentEncoding.encode(items.get(i).getValue()))
          .append('"');
    }
    return headerRewrite.apply(h.toString());
  }

  HttpResponse<String> send() {
    return send(request());
  }

  /** The signed request, for a client of the test's own (a proxied one, say). */
  HttpRequest request() {
    String header = authorizationHeader();
    List<Parameter> sentQuery = new ArrayList<>(query);
    oauthInQuery.forEach((k, v) -> sentQuery.add(new Parameter(k, v)));
    List<Parameter> sentForm = new ArrayList<>(form);
    oauthInForm.forEach((k, v) -> sentForm.add(new Parameter(k, v)));
    String q = Parameter.formEncode(sentQuery);
    URI target = URI.create(uri + (q.isEmpty() ? "" : "?" + q));
    HttpRequest.Builder b = HttpRequest.newBuilder(target);
    if (header != null) {
      b.header("Authorization", header);
    }
    if (rawBody != null) {
      b.header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofString(rawBody));
    } else if (!sentForm.isEmpty() || method.equals("POST")) {
      b.header("Content-Type", "application/x-www-form-urlencoded")
          .method(method, HttpRequest.BodyPublishers.ofString(Parameter.formEncode(sentForm)));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return b.build();
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
