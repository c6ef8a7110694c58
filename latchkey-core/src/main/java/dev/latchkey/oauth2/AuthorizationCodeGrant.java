package dev.latchkey.oauth2;

import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.platform.Platform;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Authorization Code grant with PKCE (RFC 6749 §4.1, RFC 7636), as X API v2 and Tumblr use it
 * for user tokens: build the authorize URL, receive the code (see {@link LoopbackReceiver}, or a
 * pasted redirect URL), exchange it for an access token and, with {@code offline.access}, a refresh
 * token.
 *
 * <p>See <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1">RFC 6749 §4.1</a> and <a
 * href="https://www.rfc-editor.org/rfc/rfc7636">RFC 7636</a>.
 */
public final class AuthorizationCodeGrant {
  private final TokenEndpoint endpoint;
  private final Endpoints endpoints;
  private final OAuth2Client client;
  private final Clock clock;
  private final SecureRandom random;

  /**
   * A grant for {@code client} at {@code platform}'s endpoints; {@code random} makes the state and
   * the PKCE verifier, {@code clock} turns {@code expires_in} into an expiry.
   */
  public AuthorizationCodeGrant(
      HttpClient http, Platform platform, OAuth2Client client, Clock clock, SecureRandom random) {
    this.endpoint = new TokenEndpoint(http);
    this.endpoints = Endpoints.of(Objects.requireNonNull(platform, "platform"));
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Starts an attempt: a fresh state and PKCE pair, and the authorize URL carrying {@code
   * response_type=code}, {@code client_id}, {@code redirect_uri}, {@code scope} (space-separated),
   * {@code state}, {@code code_challenge} and {@code code_challenge_method=S256}.
   */
  public AuthorizationRequest request(URI redirectUri, Collection<String> scopes) {
    Objects.requireNonNull(redirectUri, "redirectUri");
    Set<String> scopeSet = new LinkedHashSet<>(scopes);
    byte[] stateBytes = new byte[24];
    random.nextBytes(stateBytes);
    String state = Base64.getUrlEncoder().withoutPadding().encodeToString(stateBytes);
    Pkce pkce = Pkce.generate(random);
    Map<String, String> q = new LinkedHashMap<>();
    q.put("response_type", "code");
    q.put("client_id", client.id());
    q.put("redirect_uri", redirectUri.toString());
    q.put("scope", String.join(" ", scopeSet));
    q.put("state", state);
    q.put("code_challenge", pkce.challenge());
    q.put("code_challenge_method", Pkce.METHOD);
    StringBuilder url = new StringBuilder(endpoints.authorize().toString());
    url.append(endpoints.authorize().getRawQuery() == null ? '?' : '&');
    boolean first = true;
    for (Map.Entry<String, String> e : q.entrySet()) {
      if (!first) {
        url.append('&');
      }
      first = false;
      // %20 for spaces, as X's docs show; PercentEncoding-style, not '+'.
      url.append(e.getKey())
          .append('=')
          .append(TokenEndpoint.formEncode(e.getValue()).replace("+", "%20"));
    }
    return new AuthorizationRequest(URI.create(url.toString()), redirectUri, state, pkce, scopeSet);
  }

  /**
   * Exchanges the code for a token at the token endpoint, sending the PKCE verifier, with the
   * client id in the body (public clients) or the platform's client authentication (confidential).
   * The expiry is computed from {@code expires_in} with this grant's clock.
   *
   * @throws OAuth2Exception when the platform refuses (an expired or reused code, a wrong verifier)
   */
  public OAuth2Token exchange(AuthorizationRequest request, String code)
      throws OAuth2Exception, IOException {
    if (code == null || code.isBlank()) {
      throw OAuth2Exception.local("invalid_request", "no authorization code was given; try again");
    }
    TokenEndpoint.Form form =
        new TokenEndpoint.Form()
            .put("grant_type", "authorization_code")
            .putSecret("code", dev.latchkey.keychain.Secret.of(code.trim()))
            .put("redirect_uri", request.redirectUri().toString())
            .putSecret("code_verifier", dev.latchkey.keychain.Secret.of(request.pkce().verifier()));
    Grants.authenticate(form, client, endpoints);
    TokenResponse response =
        endpoint.token(
            endpoints.token(),
            form,
            "exchanging the " + endpoints.platform() + " authorization code");
    return response.toOAuth2Token(clock, request.scopes(), client);
  }

  /**
   * Reads the code from what the person pasted: the whole redirect URL (whose {@code state} is
   * checked and whose {@code error} is reported), or the bare code.
   *
   * @throws OAuth2Exception {@link OAuth2Exception#STATE_MISMATCH} when the URL's state is not the
   *     request's; the RFC 6749 §4.1.2.1 error when the platform refused
   */
  public static String codeFromRedirect(AuthorizationRequest request, String pasted)
      throws OAuth2Exception {
    String text = pasted == null ? "" : pasted.trim();
    if (text.isEmpty()) {
      throw OAuth2Exception.local(
          "invalid_request",
          "nothing was pasted; paste the address the"
              + " browser went to after you approved, or the code");
    }
    int q = text.indexOf('?');
    boolean looksLikeUrl = q >= 0 || text.contains("code=") || text.contains("error=");
    if (!looksLikeUrl) {
      return text;
    }
    String query = q >= 0 ? text.substring(q + 1) : text;
    int hash = query.indexOf('#');
    if (hash >= 0) {
      query = query.substring(0, hash);
    }
    return codeFromQuery(request.state(), parseQuery(query));
  }

  /** Checks a redirect's parameters: error first, then state, then the code. */
  static String codeFromQuery(String expectedState, Map<String, String> params)
      throws OAuth2Exception {
    String error = params.get("error");
    if (error != null) {
      String description = params.get("error_description");
      throw new OAuth2Exception(
          "authorization was not granted: "
              + TokenEndpoint.safe(error, java.util.List.of())
              + (description == null
                  ? ""
                  : " (" + TokenEndpoint.safe(description, java.util.List.of()) + ")")
              + "; run the command again and approve the request",
          0,
          TokenEndpoint.safe(error, java.util.List.of()),
          description == null ? null : TokenEndpoint.safe(description, java.util.List.of()),
          null,
          null);
    }
    String state = params.get("state");
    if (state == null || !constantTimeEquals(state, expectedState)) {
      throw OAuth2Exception.local(
          OAuth2Exception.STATE_MISMATCH,
          "the authorization answer's state does not match this request (a stale or forged"
              + " redirect); start the authorization again");
    }
    String code = params.get("code");
    if (code == null || code.isBlank()) {
      throw OAuth2Exception.local(
          "invalid_request", "the redirect carried no code; start the authorization again");
    }
    return code;
  }

  static Map<String, String> parseQuery(String query) {
    Map<String, String> out = new LinkedHashMap<>();
    if (query == null) {
      return out;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        out.putIfAbsent(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // a malformed escape: skip the pair rather than guess
      }
    }
    return out;
  }

  static boolean constantTimeEquals(String a, String b) {
    return java.security.MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
