package dev.latchkey.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latchkey.http.NetworkException;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.keychain.Secret;
import dev.latchkey.platform.Hosts;
import dev.latchkey.platform.Platforms;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RefreshTokenGrantTest {
  static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  static final AccountId ALICE = AccountId.parse("twitter/alice");
  static final OAuth2Client CLIENT = OAuth2Client.publicClient("cid");

  final RecordingServer server;
  final HttpClient http = HttpClient.newHttpClient();
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  final MemoryTokenStore store = new MemoryTokenStore();

  RefreshTokenGrantTest() throws Exception {
    server = new RecordingServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  RefreshTokenGrant grant() {
    return new RefreshTokenGrant(
        http,
        Platforms.twitter().withHosts(Hosts.all(server.base())),
        store,
        clock,
        RefreshTokenGrant.DEFAULT_MARGIN);
  }

  static OAuth2Token token(String access, String refresh, Instant expiresAt) {
    return new OAuth2Token(
        Secret.of(access),
        Secret.ofNullable(refresh),
        expiresAt,
        Set.of("tweet.read", "users.read", "offline.access"),
        "cid");
  }

  /** A token endpoint like X's: each refresh token works once and is replaced by a new one. */
  void rotatingTokenEndpoint(String firstRefresh) {
    Set<String> valid = ConcurrentHashMap.newKeySet();
    valid.add(firstRefresh);
    AtomicInteger n = new AtomicInteger();
    server.handle(
        r -> {
          String rt = r.form().get("refresh_token");
          if (rt == null || !valid.remove(rt)) {
            return RecordingServer.Response.json(
                400,
                "{\"error\":\"invalid_request\",\"error_description\":\"Value passed for the token"
                    + " was invalid.\"}");
          }
          int i = n.incrementAndGet();
          valid.add("refresh-" + i);
          return RecordingServer.Response.json(
              200,
              "{\"token_type\":\"bearer\",\"expires_in\":7200,\"access_token\":\"access-"
                  + i
                  + "\",\"scope\":\"tweet.read users.read offline.access\",\"refresh_token\":\"refresh-"
                  + i
                  + "\"}");
        });
  }

  @Test
  void aTokenValidBeyondTheMarginIsUsedWithoutAnyRequest() throws Exception {
    OAuth2Token t = token("access-0", "refresh-0", NOW.plusSeconds(3600));
    store.tokens.put(ALICE, t);

    assertThat(grant().validToken(ALICE, CLIENT)).isSameAs(t);
    assertThat(server.requests()).isEmpty();
    assertThat(store.writes).hasValue(0);
  }

  @Test
  void aTokenExpiringWithinTheMarginIsRefreshedAndTheRotatedPairStoredFirst() throws Exception {
    store.tokens.put(ALICE, token("access-0", "refresh-0", NOW.plusSeconds(30)));
    rotatingTokenEndpoint("refresh-0");

    OAuth2Token fresh = grant().validToken(ALICE, CLIENT);

    assertThat(fresh.accessToken().reveal()).isEqualTo("access-1");
    assertThat(fresh.refreshToken().reveal()).isEqualTo("refresh-1");
    assertThat(fresh.expiresAt()).isEqualTo(NOW.plusSeconds(7200));
    assertThat(store.tokens.get(ALICE)).isEqualTo(fresh);
    RecordingServer.Request r = server.only();
    assertThat(r.path()).isEqualTo("/2/oauth2/token");
    assertThat(r.form())
        .containsEntry("grant_type", "refresh_token")
        .containsEntry("refresh_token", "refresh-0")
        .containsEntry("client_id", "cid");
  }

  @Test
  void aFresherTokenStoredByAnotherProcessIsReusedInsteadOfRefreshing() throws Exception {
    OAuth2Token stale = token("access-0", "refresh-0", NOW.minusSeconds(1));
    OAuth2Token fresher = token("access-9", "refresh-9", NOW.plusSeconds(7000));
    store.tokens.put(ALICE, stale);
    TokenStore racing =
        new TokenStore() {
          @Override
          public java.util.Optional<OAuth2Token> read(AccountId a) {
            return java.util.Optional.of(stale); // our snapshot, taken before the other refresh
          }

          @Override
          public OAuth2Token update(AccountId a, Update u)
              throws OAuth2Exception, java.io.IOException {
            store.tokens.put(a, fresher); // the other process wrote just before we got the lock
            return store.update(a, u);
          }
        };
    RefreshTokenGrant g =
        new RefreshTokenGrant(
            http,
            Platforms.twitter().withHosts(Hosts.all(server.base())),
            racing,
            clock,
            Duration.ofSeconds(60));

    assertThat(g.validToken(ALICE, CLIENT)).isEqualTo(fresher);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void eightConcurrentCallersWithAnExpiredTokenCauseExactlyOneRefresh() throws Exception {
    store.tokens.put(ALICE, token("access-0", "refresh-0", NOW.minusSeconds(5)));
    rotatingTokenEndpoint("refresh-0");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<OAuth2Token>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> grant().validToken(ALICE, CLIENT)));
      }
      for (Future<OAuth2Token> f : results) {
        assertThat(f.get().accessToken().reveal()).isEqualTo("access-1");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.requests()).hasSize(1);
    assertThat(store.tokens.get(ALICE).refreshToken().reveal()).isEqualTo("refresh-1");
  }

  @Test
  void aCallRejectedAsExpiredIsRefreshedOnceAndRetriedOnce() throws Exception {
    store.tokens.put(ALICE, token("access-0", "refresh-0", NOW.plusSeconds(3600)));
    rotatingTokenEndpoint("refresh-0");
    List<String> used = new ArrayList<>();

    int status =
        grant()
            .call(
                ALICE,
                CLIENT,
                t -> {
                  used.add(t.accessToken().reveal());
                  return t.accessToken().reveal().equals("access-0") ? 401 : 200;
                },
                s -> s == 401);

    assertThat(status).isEqualTo(200);
    assertThat(used).containsExactly("access-0", "access-1");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void aSecondRejectionIsReturnedWithoutASecondRefresh() throws Exception {
    store.tokens.put(ALICE, token("access-0", "refresh-0", NOW.plusSeconds(3600)));
    rotatingTokenEndpoint("refresh-0");
    AtomicInteger calls = new AtomicInteger();

    int status =
        grant()
            .call(
                ALICE,
                CLIENT,
                t -> {
                  calls.incrementAndGet();
                  return 401;
                },
                s -> s == 401);

    assertThat(status).isEqualTo(401);
    assertThat(calls).hasValue(2);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void anExpiredTokenWithoutRefreshTokenSaysToAuthorizeAgainWithOfflineAccess() {
    store.tokens.put(ALICE, token("access-0", null, NOW.minusSeconds(5)));

    OAuth2Exception e =
        catchThrowableOfType(() -> grant().validToken(ALICE, CLIENT), OAuth2Exception.class);

    assertThat(e.getMessage())
        .contains("twitter/alice", "offline.access", "latchkey auth twitter --oauth2");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aRefusedRefreshTokenLeavesTheStoreUntouchedAndSaysToAuthorizeAgain() {
    OAuth2Token t = token("access-0", "refresh-dead", NOW.minusSeconds(5));
    store.tokens.put(ALICE, t);
    rotatingTokenEndpoint("refresh-other");

    OAuth2Exception e =
        catchThrowableOfType(() -> grant().validToken(ALICE, CLIENT), OAuth2Exception.class);

    assertThat(e.error()).hasValue("invalid_request");
    assertThat(e.getMessage())
        .contains("twitter/alice", "authorize again")
        .doesNotContain("refresh-dead");
    assertThat(store.tokens.get(ALICE)).isSameAs(t);
    assertThat(store.writes).hasValue(0);
  }

  @Test
  void anUnreachableTokenEndpointIsANetworkExceptionNamingItAndTheStoreIsUntouched()
      throws Exception {
    OAuth2Token t = token("access-0", "refresh-0", NOW.minusSeconds(5));
    store.tokens.put(ALICE, t);
    URI nowhere;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      nowhere = URI.create("http://127.0.0.1:" + s.getLocalPort()); // closed once we leave
    }
    RefreshTokenGrant g =
        new RefreshTokenGrant(
            http,
            Platforms.twitter().withHosts(Hosts.all(nowhere)),
            store,
            clock,
            Duration.ofSeconds(60));

    NetworkException e =
        catchThrowableOfType(() -> g.validToken(ALICE, CLIENT), NetworkException.class);

    assertThat(e.getMessage())
        .contains("refreshing the OAuth 2 token of twitter/alice failed: could not reach")
        .contains(nowhere.getAuthority())
        .doesNotContain("refresh-0");
    assertThat(store.tokens.get(ALICE)).isSameAs(t);
  }

  @Test
  void anAccountWithoutTokenIsNamed() {
    OAuth2Exception e =
        catchThrowableOfType(() -> grant().validToken(ALICE, CLIENT), OAuth2Exception.class);
    assertThat(e.error()).hasValue("no_token");
    assertThat(e.getMessage()).contains("twitter/alice", "--oauth2");
  }

  @Test
  void aServerThatDoesNotRotateKeepsTheOldRefreshToken() throws Exception {
    store.tokens.put(ALICE, token("access-0", "refresh-0", NOW.minusSeconds(5)));
    server.enqueue(
        200, "{\"token_type\":\"bearer\",\"access_token\":\"access-1\",\"expires_in\":60}");

    OAuth2Token fresh = grant().validToken(ALICE, CLIENT);

    assertThat(fresh.refreshToken().reveal()).isEqualTo("refresh-0");
    assertThat(fresh.scopes()).contains("offline.access");
  }
}
