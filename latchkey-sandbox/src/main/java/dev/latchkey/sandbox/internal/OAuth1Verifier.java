package dev.latchkey.sandbox.internal;

import dev.latchkey.oauth1.HmacSha1Signature;
import dev.latchkey.oauth1.Parameter;
import dev.latchkey.oauth1.PercentEncoding;
import dev.latchkey.oauth1.SignatureBaseString;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Server-side OAuth 1.0a verification (RFC 5849 §3.2) in the order of security-notes §4: parse the
 * header strictly, merge protocol parameters, check method, version, timestamp and nonce, look up
 * consumer and token (dummies when unknown, same work), compare HMAC-SHA1 over every candidate base
 * URI in constant time, and only then record the nonce.
 */
public final class OAuth1Verifier {
  /** Which kind of token the endpoint expects. */
  public enum TokenKind {
    /** request_token: client credentials only. */
    NONE,
    /** access_token: a temporary credential from request_token. */
    REQUEST,
    /** API calls and invalidate_token: an access token. */
    ACCESS
  }

  /** The outcome of a successful verification. */
  public record Verified(
      App app,
      AccessToken accessToken,
      RequestToken requestToken,
      Map<String, String> protocol,
      SignedRequest request) {
    /** A protocol parameter ({@code oauth_*}) as received. */
    public String protocolParameter(String name) {
      return protocol.get(name);
    }

    /** A protocol parameter, else a query/form parameter of that name. */
    public String parameter(String name) {
      String p = protocol.get(name);
      return p != null ? p : request.parameter(name);
    }
  }

  static final int MAX_NONCE_LENGTH = 64;
  private static final Set<String> REQUIRED =
      Set.of(
          "oauth_consumer_key",
          "oauth_signature_method",
          "oauth_timestamp",
          "oauth_nonce",
          "oauth_signature");

  private final PlatformState state;
  private final Clock clock;
  private final long windowSeconds;
  private final ReplayCache replayCache;
  private final String dummyConsumerSecret;
  private final String dummyTokenSecret;

  public OAuth1Verifier(
      PlatformState state, Clock clock, long windowSeconds, RandomGenerator random) {
    this.state = state;
    this.clock = clock;
    this.windowSeconds = windowSeconds;
    this.replayCache = new ReplayCache(windowSeconds);
    this.dummyConsumerSecret = RandomStrings.alnum(random, 50);
    this.dummyTokenSecret = RandomStrings.alnum(random, 45);
  }

  public ReplayCache replayCache() {
    return replayCache;
  }

  /**
   * Verifies the request or throws the {@link ApiError} the platform would send.
   *
   * @throws ApiError 400/215, 401/135, 401/32 or 401/89
   */
  public Verified verify(SignedRequest request, TokenKind kind) {
    // 1. The header, strictly; then protocol parameters from query and form.
    Map<String, String> protocol = new LinkedHashMap<>();
    if (request.authorization() != null && OAuthHeader.isOAuth(request.authorization())) {
      try {
        for (Parameter p : OAuthHeader.parse(request.authorization())) {
          protocol.put(p.name(), p.value());
        }
      } catch (OAuthHeaderException e) {
        throw ApiError.badAuthenticationData();
      }
    }
    List<Parameter> signed = new ArrayList<>();
    mergeInto(protocol, signed, request.query());
    mergeInto(protocol, signed, request.form());
    for (String name : REQUIRED) {
      if (isBlank(protocol.get(name))) {
        throw ApiError.badAuthenticationData();
      }
    }
    String token = protocol.get("oauth_token");
    if (kind != TokenKind.NONE && isBlank(token)) {
      throw ApiError.badAuthenticationData();
    }
    // 2. Method and version.
    if (!HmacSha1Signature.METHOD.equals(protocol.get("oauth_signature_method"))) {
      throw ApiError.badAuthenticationData();
    }
    String version = protocol.get("oauth_version");
    if (version != null && !version.equals("1.0")) {
      throw ApiError.badAuthenticationData();
    }
    // 3. Timestamp: 1-10 digits, inside the window.
    String ts = protocol.get("oauth_timestamp");
    if (!isDigits(ts, 10)) {
      throw ApiError.timestampOutOfBounds();
    }
    long timestamp = Long.parseLong(ts);
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - timestamp) > windowSeconds) {
      throw ApiError.timestampOutOfBounds();
    }
    // 4. Nonce: printable ASCII, at most 64 characters.
    String nonce = protocol.get("oauth_nonce");
    if (nonce.length() > MAX_NONCE_LENGTH || !isPrintableAscii(nonce)) {
      throw ApiError.badAuthenticationData();
    }
    // 5. Consumer and token, with dummies so unknown ones cost the same work.
    String consumerKey = protocol.get("oauth_consumer_key");
    App app = state.app(consumerKey);
    boolean known = app != null;
    String consumerSecret = known ? app.consumerSecret() : dummyConsumerSecret;
    String tokenSecret = "";
    AccessToken accessToken = null;
    RequestToken requestToken = null;
    switch (kind) {
      case NONE -> tokenSecret = isBlank(token) ? "" : dummyTokenSecret;
      case REQUEST -> {
        requestToken = state.requestToken(token);
        if (requestToken != null && known && requestToken.consumerKey().equals(consumerKey)) {
          tokenSecret = requestToken.secret();
        } else {
          known = false;
          tokenSecret = dummyTokenSecret;
        }
      }
      case ACCESS -> {
        accessToken = state.accessToken(token);
        if (accessToken != null && known && accessToken.consumerKey().equals(consumerKey)) {
          tokenSecret = accessToken.secret();
        } else {
          known = false;
          tokenSecret = dummyTokenSecret;
        }
      }
      default -> throw new IllegalStateException("unknown token kind");
    }
    if (kind == TokenKind.NONE && !isBlank(token)) {
      // A token on request_token is not expected; treat it like an unknown one.
      known = false;
    }
    // 6. Signature over each candidate base URI, compared in constant time.
    byte[] claimed = decodeSignature(protocol.get("oauth_signature"));
    String method = request.method().toUpperCase(Locale.ROOT);
    for (Map.Entry<String, String> e : protocol.entrySet()) {
      if (!e.getKey().equals("oauth_signature")) {
        signed.add(new Parameter(e.getKey(), e.getValue()));
      }
    }
    String encodedParams = PercentEncoding.encode(SignatureBaseString.normalizedParameters(signed));
    boolean match = false;
    for (URI uri : request.baseUris()) {
      String base =
          method
              + '&'
              + PercentEncoding.encode(SignatureBaseString.baseStringUri(uri))
              + '&'
              + encodedParams;
      byte[] expected = HmacSha1Signature.mac(base, consumerSecret, tokenSecret);
      match |= MessageDigest.isEqual(expected, claimed);
    }
    if (!match || !known) {
      throw ApiError.couldNotAuthenticate();
    }
    if (accessToken != null && accessToken.revoked()) {
      throw ApiError.invalidOrExpiredToken();
    }
    // 7. Only now record the nonce.
    if (!replayCache.firstUse(consumerKey, token == null ? "" : token, timestamp, nonce, now)) {
      throw ApiError.couldNotAuthenticate();
    }
    return new Verified(app, accessToken, requestToken, Map.copyOf(protocol), request);
  }

  /**
   * Adds query or form parameters: protocol parameters ({@code oauth_*}, or any name the header
   * carried) join the protocol map, dropped when repeated with the same value (twitter-api-v2 sends
   * {@code oauth_token} in header and body), rejected with 215 when the values differ.
   */
  private static void mergeInto(
      Map<String, String> protocol, List<Parameter> signed, List<Parameter> source) {
    for (Parameter p : source) {
      if (p.name().startsWith("oauth_") || protocol.containsKey(p.name())) {
        String existing = protocol.putIfAbsent(p.name(), p.value());
        if (existing != null && !existing.equals(p.value())) {
          throw ApiError.badAuthenticationData();
        }
      } else {
        signed.add(p);
      }
    }
  }

  /** The Base64-decoded signature, or an empty array (which never matches) when malformed. */
  private static byte[] decodeSignature(String signature) {
    try {
      return Base64.getDecoder().decode(signature.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isEmpty();
  }

  private static boolean isDigits(String s, int maxLength) {
    if (s == null || s.isEmpty() || s.length() > maxLength) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isPrintableAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }
}
