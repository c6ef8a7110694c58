package dev.latchkey.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.BearerToken;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.keychain.Secret;
import dev.latchkey.oauth2.AuthorizationCodeGrant;
import dev.latchkey.oauth2.AuthorizationRequest;
import dev.latchkey.oauth2.ClientCredentialsGrant;
import dev.latchkey.oauth2.LoopbackReceiver;
import dev.latchkey.oauth2.OAuth2Client;
import dev.latchkey.oauth2.OAuth2Exception;
import dev.latchkey.oauth2.RefreshTokenGrant;
import dev.latchkey.oauth2.TokenRevocation;
import dev.latchkey.oauth2.TokenStore;
import dev.latchkey.platform.Hosts;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OAuth 2 library against the sandbox's OAuth 2 routes, end to end over loopback HTTP. */
class OAuth2FlowTest {
  static final List<String> SCOPES = List.of("tweet.read", "users.read", "offline.access");

  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();
  Sandbox sandbox;
  Platform x;

  @BeforeEach
  void start() {
    sandbox = Sandbox.start(SandboxOptions.builder().clock(clock).build());
    x = Platforms.twitter().withHosts(Hosts.all(sandbox.twitterBase()));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  AppCredentials twitterApp() {
    SandboxKeys k = sandbox.keys(SandboxPlatform.TWITTER);
    return AppCredentials.of(k.consumerKey(), k.consumerSecret());
  }

  HttpResponse<String> get(URI uri, String bearer) throws java.io.IOException {
    try {
      return http.send(
          HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + bearer).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException();
    }
  }

  URI usersMe() {
    return URI.create(sandbox.twitterBase() + "/2/users/me");
  }

  /** Runs the PKCE flow through the consent page and a loopback receiver. */
  OAuth2Token authorize(OAuth2Client client, List<String> scopes) throws Exception {
    AuthorizationCodeGrant grant =
        new AuthorizationCodeGrant(http, x, client, clock, new SecureRandom());
    try (LoopbackReceiver receiver = LoopbackReceiver.open(0, "/callback")) {
      AuthorizationRequest req = grant.request(receiver.redirectUri(), scopes);
      URI back = OAuth2Browser.approve(req.uri(), null, true);
      CompletableFuture<HttpResponse<String>> page =
          OAuth2Browser.HTTP.sendAsync(
              HttpRequest.newBuilder(back).build(), HttpResponse.BodyHandlers.ofString());
      String code = receiver.awaitCode(req, Duration.ofSeconds(10));
      assertThat(page.get().statusCode()).isEqualTo(200);
      return grant.exchange(req, code);
    }
  }

  @Test
  void bearerIsFetchedOnceReusedAndInvalidated() throws Exception {
    ClientCredentialsGrant grant = new ClientCredentialsGrant(http, x, clock);
    BearerToken first = grant.fetch(twitterApp());
    BearerToken again = grant.fetch(twitterApp());
    assertThat(first.token().reveal()).startsWith("AAAA").contains("%2B", "%3D");
    assertThat(again.token()).isEqualTo(first.token());

    new TokenRevocation(http, x).invalidate(twitterApp(), first);

    BearerToken next = grant.fetch(twitterApp());
    assertThat(next.token()).isNotEqualTo(first.token());
    OAuth2Exception e =
        catchThrowableOfType(
            () -> new TokenRevocation(http, x).invalidate(twitterApp(), first),
            OAuth2Exception.class);
    assertThat(e.platformCode()).hasValue(99);
  }

  @Test
  void wrongConsumerSecretGets403Code99() {
    SandboxKeys k = sandbox.keys(SandboxPlatform.TWITTER);
    OAuth2Exception e =
        catchThrowableOfType(
            () ->
                new ClientCredentialsGrant(http, x, clock)
                    .fetch(AppCredentials.of(k.consumerKey(), "wrong-secret-value")),
            OAuth2Exception.class);
    assertThat(e.httpStatus()).isEqualTo(403);
    assertThat(e.platformCode()).hasValue(99);
  }

  @Test
  void usersByUsernameAcceptsAppOnlyUntilTheTokenIsInvalidated() throws Exception {
    BearerToken bearer = new ClientCredentialsGrant(http, x, clock).fetch(twitterApp());
    String name = sandbox.users(SandboxPlatform.TWITTER).get(0).screenName();
    URI lookup = URI.create(sandbox.twitterBase() + "/2/users/by/username/" + name);

    HttpResponse<String> ok = get(lookup, bearer.token().reveal());
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(json.readTree(ok.body()).at("/data/username").asText()).isEqualTo(name);

    new TokenRevocation(http, x).invalidate(twitterApp(), bearer);
    HttpResponse<String> refused = get(lookup, bearer.token().reveal());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(json.readTree(refused.body()).get("title").asText()).isEqualTo("Unauthorized");
  }

  @Test
  void usersMeRefusesAppOnlyWithTheUnsupportedAuthenticationProblem() throws Exception {
    BearerToken bearer = new ClientCredentialsGrant(http, x, clock).fetch(twitterApp());

    HttpResponse<String> r = get(usersMe(), bearer.token().reveal());

    assertThat(r.statusCode()).isEqualTo(403);
    JsonNode body = json.readTree(r.body());
    assertThat(body.get("title").asText()).isEqualTo("Unsupported Authentication");
    assertThat(body.get("type").asText()).endsWith("/2/problems/unsupported-authentication");
    assertThat(body.get("detail").asText()).contains("OAuth 2.0 Application-Only is forbidden");
  }

  @Test
  void pkceWithLoopbackGivesAUserTokenThatUsersMeAccepts() throws Exception {
    SandboxOAuth2Client pub =
        sandbox.registerOAuth2Client(SandboxPlatform.TWITTER, false, List.of());

    OAuth2Token token = authorize(OAuth2Client.publicClient(pub.clientId()), SCOPES);

    assertThat(token.refreshToken()).isNotNull();
    assertThat(token.scopes()).containsExactlyInAnyOrderElementsOf(SCOPES);
    assertThat(token.expiresAt()).isEqualTo(clock.instant().plusSeconds(7200));
    HttpResponse<String> me = get(usersMe(), token.accessToken().reveal());
    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    assertThat(json.readTree(me.body()).at("/data/username").asText())
        .isEqualTo(sandbox.users(SandboxPlatform.TWITTER).get(0).screenName());
  }

  @Test
  void pkceWithAPastedRedirectAndAConfidentialClientUsingBasic() throws Exception {
    SandboxOAuth2Client conf = sandbox.oauth2Client(SandboxPlatform.TWITTER);
    OAuth2Client client = new OAuth2Client(conf.clientId(), Secret.of(conf.clientSecret()));
    AuthorizationCodeGrant grant =
        new AuthorizationCodeGrant(http, x, client, clock, new SecureRandom());
    AuthorizationRequest req =
        grant.request(
            URI.create("http://127.0.0.1:9/callback"), List.of("tweet.read", "users.read"));
    String second = sandbox.users(SandboxPlatform.TWITTER).get(1).screenName();

    URI back = OAuth2Browser.approve(req.uri(), second, true);
    String code = AuthorizationCodeGrant.codeFromRedirect(req, back.toString());
    OAuth2Token token = grant.exchange(req, code);

    assertThat(token.refreshToken()).isNull(); // no offline.access, no refresh token
    HttpResponse<String> me = get(usersMe(), token.accessToken().reveal());
    assertThat(json.readTree(me.body()).at("/data/username").asText()).isEqualTo(second);
  }

  @Test
  void aRedirectWithAnotherStateIsAnswered400AtTheLoopbackReceiverWhichGoesOnWaiting()
      throws Exception {
    SandboxOAuth2Client pub =
        sandbox.registerOAuth2Client(SandboxPlatform.TWITTER, false, List.of());
    AuthorizationCodeGrant grant =
        new AuthorizationCodeGrant(
            http, x, OAuth2Client.publicClient(pub.clientId()), clock, new SecureRandom());
    try (LoopbackReceiver receiver = LoopbackReceiver.open(0, "/callback")) {
      AuthorizationRequest req = grant.request(receiver.redirectUri(), SCOPES);
      URI back = OAuth2Browser.approve(req.uri(), null, true);
      URI forged = URI.create(back.toString().replace("state=" + req.state(), "state=forged"));
      CompletableFuture<HttpResponse<String>> page =
          OAuth2Browser.HTTP.sendAsync(
              HttpRequest.newBuilder(forged).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(page.get().statusCode()).isEqualTo(400);

      OAuth2Browser.HTTP.sendAsync(
          HttpRequest.newBuilder(back).build(), HttpResponse.BodyHandlers.ofString());
      String code = receiver.awaitCode(req, Duration.ofSeconds(10));
      assertThat(grant.exchange(req, code).accessToken()).isNotNull();
    }
  }

  @Test
  void deniedConsentComesBackAsAccessDenied() throws Exception {
    SandboxOAuth2Client pub =
        sandbox.registerOAuth2Client(SandboxPlatform.TWITTER, false, List.of());
    AuthorizationCodeGrant grant =
        new AuthorizationCodeGrant(
            http, x, OAuth2Client.publicClient(pub.clientId()), clock, new SecureRandom());
    AuthorizationRequest req = grant.request(URI.create("http://localhost:9/cb"), SCOPES);

    URI back = OAuth2Browser.approve(req.uri(), null, false);

    OAuth2Exception e =
        catchThrowableOfType(
            () -> AuthorizationCodeGrant.codeFromRedirect(req, back.toString()),
            OAuth2Exception.class);
    assertThat(e.error()).hasValue("access_denied");
  }

  @Test
  void codesExpireAfter30SecondsAndWorkOnlyOnce() throws Exception {
    SandboxOAuth2Client pub =
        sandbox.registerOAuth2Client(SandboxPlatform.TWITTER, false, List.of());
    AuthorizationCodeGrant grant =
        new AuthorizationCodeGrant(
            http, x, OAuth2Client.publicClient(pub.clientId()), clock, new SecureRandom());
    AuthorizationRequest req = grant.request(URI.create("http://127.0.0.1:9/cb"), SCOPES);
    String code =
        AuthorizationCodeGrant.codeFromRedirect(
            req, OAuth2Browser.approve(req.uri(), null, true).toString());
    clock.advance(Duration.ofSeconds(31));

    OAuth2Exception late =
        catchThrowableOfType(() -> grant.exchange(req, code), OAuth2Exception.class);
    assertThat(late.errorDescription())
        .hasValue("Value passed for the authorization code was invalid.");

    AuthorizationRequest req2 = grant.request(URI.create("http://127.0.0.1:9/cb"), SCOPES);
    String code2 =
        AuthorizationCodeGrant.codeFromRedirect(
            req2, OAuth2Browser.approve(req2.uri(), null, true).toString());
    grant.exchange(req2, code2);
    OAuth2Exception twice =
        catchThrowableOfType(() -> grant.exchange(req2, code2), OAuth2Exception.class);
    assertThat(twice.error()).hasValue("invalid_request");
  }

  @Test
  void aWrongCodeVerifierIsRejected() throws Exception {
    SandboxOAuth2Client pub =
        sandbox.registerOAuth2Client(SandboxPlatform.TWITTER, false, List.of());
    AuthorizationCodeGrant grant =
        new AuthorizationCodeGrant(
            http, x, OAuth2Client.publicClient(pub.clientId()), clock, new SecureRandom());
    AuthorizationRequest req = grant.request(URI.create("http://127.0.0.1:9/cb"), SCOPES);
    AuthorizationRequest other = grant.request(URI.create("http://127.0.0.1:9/cb"), SCOPES);
    String code =
        AuthorizationCodeGrant.codeFromRedirect(
            req, OAuth2Browser.approve(req.uri(), null, true).toString());
    AuthorizationRequest mixed =
        new AuthorizationRequest(
            req.uri(), req.redirectUri(), req.state(), other.pkce(), req.scopes());

    OAuth2Exception e =
        catchThrowableOfType(() -> grant.exchange(mixed, code), OAuth2Exception.class);

    assertThat(e.errorDescription()).hasValue("Value passed for the code verifier was invalid.");
  }

  /** A token store in memory, standing in for the keychain. */
  static final class Store implements TokenStore {
    final Map<AccountId, OAuth2Token> tokens = new ConcurrentHashMap<>();

    @Override
    public Optional<OAuth2Token> read(AccountId a) {
      return Optional.ofNullable(tokens.get(a));
    }

    @Override
    public synchronized OAuth2Token update(AccountId a, Update u)
        throws OAuth2Exception, java.io.IOException {
      OAuth2Token next = u.apply(tokens.get(a));
      tokens.put(a, next);
      return next;
    }
  }

  @Test
  void anExpiredAccessTokenIsRefreshedTransparentlyAndTheOldRefreshTokenStopsWorking()
      throws Exception {
    SandboxOAuth2Client pub =
        sandbox.registerOAuth2Client(SandboxPlatform.TWITTER, false, List.of());
    OAuth2Client client = OAuth2Client.publicClient(pub.clientId());
    OAuth2Token first = authorize(client, SCOPES);
    AccountId alice = AccountId.parse("twitter/alice");
    Store store = new Store();
    store.tokens.put(alice, first);
    // Our clock says the token is fine; the sandbox's says it expired: only the 401 reveals it.
    RefreshTokenGrant refresh =
        new RefreshTokenGrant(
            http,
            x,
            store,
            java.time.Clock.fixed(clock.instant(), java.time.ZoneOffset.UTC),
            Duration.ofSeconds(60));
    clock.advance(Duration.ofSeconds(7201));

    HttpResponse<String> me =
        refresh.call(
            alice,
            client,
            t -> get(usersMe(), t.accessToken().reveal()),
            r -> r.statusCode() == 401);

    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    OAuth2Token second = store.tokens.get(alice);
    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
    // The spent refresh token is refused; the rotated one still works.
    OAuth2Exception reused =
        catchThrowableOfType(
            () ->
                new RefreshTokenGrant(http, x, singleton(first), clock, Duration.ZERO)
                    .refreshAfter(alice, client, first),
            OAuth2Exception.class);
    assertThat(reused.error()).hasValue("invalid_request");
    Store again = new Store();
    again.tokens.put(alice, second);
    OAuth2Token third =
        new RefreshTokenGrant(http, x, again, clock, Duration.ZERO)
            .refreshAfter(alice, client, second);
    assertThat(third.accessToken()).isNotEqualTo(second.accessToken());
  }

  static TokenStore singleton(OAuth2Token t) {
    Store s = new Store();
    s.tokens.put(AccountId.parse("twitter/alice"), t);
    return s;
  }

  @Test
  void revokedTokensStopWorking() throws Exception {
    SandboxOAuth2Client pub =
        sandbox.registerOAuth2Client(SandboxPlatform.TWITTER, false, List.of());
    OAuth2Client client = OAuth2Client.publicClient(pub.clientId());
    OAuth2Token token = authorize(client, SCOPES);
    assertThat(get(usersMe(), token.accessToken().reveal()).statusCode()).isEqualTo(200);

    new TokenRevocation(http, x).revoke(client, token);

    assertThat(get(usersMe(), token.accessToken().reveal()).statusCode()).isEqualTo(401);
    OAuth2Exception e =
        catchThrowableOfType(
            () ->
                new RefreshTokenGrant(http, x, singleton(token), clock, Duration.ZERO)
                    .refreshAfter(AccountId.parse("twitter/alice"), client, token),
            OAuth2Exception.class);
    assertThat(e.error()).hasValue("invalid_request");
  }

  @Test
  void aTokenWithoutUsersReadIsRefusedByUsersMe() throws Exception {
    SandboxOAuth2Client pub =
        sandbox.registerOAuth2Client(SandboxPlatform.TWITTER, false, List.of());
    OAuth2Token token = authorize(OAuth2Client.publicClient(pub.clientId()), List.of("tweet.read"));

    HttpResponse<String> r = get(usersMe(), token.accessToken().reveal());

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("users.read");
  }

  @Test
  void theTokenEndpointAcceptsJsonBodiesAsTwitterApiV2Sends() throws Exception {
    SandboxOAuth2Client conf = sandbox.oauth2Client(SandboxPlatform.TWITTER);
    AuthorizationCodeGrant grant =
        new AuthorizationCodeGrant(
            http, x, OAuth2Client.publicClient(conf.clientId()), clock, new SecureRandom());
    AuthorizationRequest req = grant.request(URI.create("http://127.0.0.1:9/cb"), SCOPES);
    String code =
        AuthorizationCodeGrant.codeFromRedirect(
            req, OAuth2Browser.approve(req.uri(), null, true).toString());
    String body =
        json.writeValueAsString(
            Map.of(
                "code", code,
                "code_verifier", req.pkce().verifier(),
                "redirect_uri", req.redirectUri().toString(),
                "grant_type", "authorization_code",
                "client_id", conf.clientId(),
                "client_secret", conf.clientSecret()));

    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(sandbox.twitterBase() + "/2/oauth2/token"))
                .header("Content-Type", "application/json;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode t = json.readTree(r.body());
    assertThat(t.get("token_type").asText()).isEqualTo("bearer");
    assertThat(t.get("expires_in").asLong()).isEqualTo(7200);
    assertThat(t.has("refresh_token")).isTrue();
  }

  @Test
  void aConfidentialClientWithoutItsSecretIsInvalidClient() throws Exception {
    SandboxOAuth2Client conf = sandbox.oauth2Client(SandboxPlatform.TWITTER);
    AuthorizationCodeGrant grant =
        new AuthorizationCodeGrant(
            http, x, OAuth2Client.publicClient(conf.clientId()), clock, new SecureRandom());
    AuthorizationRequest req = grant.request(URI.create("http://127.0.0.1:9/cb"), SCOPES);
    String code =
        AuthorizationCodeGrant.codeFromRedirect(
            req, OAuth2Browser.approve(req.uri(), null, true).toString());

    OAuth2Exception e =
        catchThrowableOfType(() -> grant.exchange(req, code), OAuth2Exception.class);

    assertThat(e.httpStatus()).isEqualTo(401);
    assertThat(e.error()).hasValue("invalid_client");
  }

  @Test
  void tumblrClientCredentialsAndAuthorizationCodeWithOfflineAccess() throws Exception {
    Platform tumblr = Platforms.tumblr().withHosts(Hosts.all(sandbox.tumblrBase()));
    SandboxKeys k = sandbox.keys(SandboxPlatform.TUMBLR);
    BearerToken app =
        new ClientCredentialsGrant(http, tumblr, clock)
            .fetch(AppCredentials.of(k.consumerKey(), k.consumerSecret()));
    assertThat(app.token().reveal()).isNotBlank();
    String blog = sandbox.users(SandboxPlatform.TUMBLR).get(1).screenName();
    HttpResponse<String> blogInfo =
        get(URI.create(sandbox.tumblrBase() + "/v2/blog/" + blog + "/info"), app.token().reveal());
    assertThat(blogInfo.statusCode()).as(blogInfo.body()).isEqualTo(200);

    OAuth2Client client = new OAuth2Client(k.consumerKey(), Secret.of(k.consumerSecret()));
    AuthorizationCodeGrant grant =
        new AuthorizationCodeGrant(http, tumblr, client, clock, new SecureRandom());
    AuthorizationRequest req =
        grant.request(
            URI.create("http://127.0.0.1:9/cb"), List.of("basic", "write", "offline_access"));
    assertThat(req.uri().getPath()).isEqualTo("/tumblr/oauth2/authorize");
    String code =
        AuthorizationCodeGrant.codeFromRedirect(
            req, OAuth2Browser.approve(req.uri(), null, true).toString());
    OAuth2Token token = grant.exchange(req, code);
    assertThat(token.refreshToken()).isNotNull();

    HttpResponse<String> info =
        get(URI.create(sandbox.tumblrBase() + "/v2/user/info"), token.accessToken().reveal());
    assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
    assertThat(info.body()).contains(sandbox.users(SandboxPlatform.TUMBLR).get(0).screenName());
  }

  @Test
  void printedKeysCarryTheOAuth2ClientIdAndSecret() throws Exception {
    JsonNode keys = json.readTree(sandbox.printKeysJson());
    SandboxOAuth2Client c = sandbox.oauth2Client(SandboxPlatform.TWITTER);
    assertThat(keys.at("/twitter/client_id").asText()).isEqualTo(c.clientId());
    assertThat(keys.at("/twitter/client_secret").asText()).isEqualTo(c.clientSecret());
    assertThat(keys.at("/tumblr/client_id").asText())
        .isEqualTo(sandbox.keys(SandboxPlatform.TUMBLR).consumerKey());
  }
}
