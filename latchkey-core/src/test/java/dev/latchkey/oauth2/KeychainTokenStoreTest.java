package dev.latchkey.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainOptions;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.keychain.PassphraseSource;
import dev.latchkey.keychain.Secret;
import dev.latchkey.platform.Hosts;
import dev.latchkey.platform.Platforms;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refresh flow against the real keychain, with one Keychain instance per simulated process. */
class KeychainTokenStoreTest {
  static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  static final AccountId ALICE = AccountId.parse("twitter/alice");

  @TempDir Path dir;
  final RecordingServer server;
  final HttpClient http = HttpClient.newHttpClient();
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  KeychainTokenStoreTest() throws Exception {
    server = new RecordingServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Keychain open() throws Exception {
    return Keychain.open(
        KeychainOptions.builder(
                dir.resolve("keychain.age"), PassphraseSource.of("pw".toCharArray()))
            .weakWorkFactorForTesting(4)
            .build());
  }

  void rotatingTokenEndpoint() {
    Set<String> valid = ConcurrentHashMap.newKeySet();
    valid.add("refresh-0");
    AtomicInteger n = new AtomicInteger();
    server.handle(
        r -> {
          if (!valid.remove(r.form().getOrDefault("refresh_token", ""))) {
            return RecordingServer.Response.json(400, "{\"error\":\"invalid_request\"}");
          }
          int i = n.incrementAndGet();
          valid.add("refresh-" + i);
          return RecordingServer.Response.json(
              200,
              "{\"token_type\":\"bearer\",\"expires_in\":7200,\"access_token\":\"access-"
                  + i
                  + "\",\"refresh_token\":\"refresh-"
                  + i
                  + "\"}");
        });
  }

  void seed() throws Exception {
    try (Keychain k = open()) {
      k.put(
          Account.empty(ALICE)
              .withApp(AppCredentials.of("ckey", "csecret"))
              .withOAuth2(
                  new OAuth2Token(
                      Secret.of("access-0"),
                      Secret.of("refresh-0"),
                      NOW.minusSeconds(1),
                      Set.of("tweet.read", "users.read", "offline.access"),
                      "cid")));
    }
  }

  RefreshTokenGrant grant(Keychain k) {
    return new RefreshTokenGrant(
        http,
        Platforms.twitter().withHosts(Hosts.all(server.base())),
        new KeychainTokenStore(k),
        clock,
        RefreshTokenGrant.DEFAULT_MARGIN);
  }

  @Test
  void theRotatedRefreshTokenIsOnDiskWhenTheNewAccessTokenIsReturned() throws Exception {
    seed();
    rotatingTokenEndpoint();
    OAuth2Token fresh;
    try (Keychain k = open()) {
      fresh = grant(k).validToken(ALICE, OAuth2Client.publicClient("cid"));
    }
    assertThat(fresh.accessToken().reveal()).isEqualTo("access-1");
    try (Keychain again = open()) {
      Account a = again.get(ALICE).orElseThrow();
      assertThat(a.oauth2().refreshToken().reveal()).isEqualTo("refresh-1");
      assertThat(a.app().consumerKey().reveal()).isEqualTo("ckey"); // the rest of the account kept
    }
  }

  @Test
  void eightKeychainInstancesRefreshingAtOnceSpendTheRefreshTokenOnce() throws Exception {
    seed();
    rotatingTokenEndpoint();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Keychain> keychains = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        keychains.add(open()); // each has its own snapshot, taken before anyone refreshed
      }
      List<Future<OAuth2Token>> results = new ArrayList<>();
      for (Keychain k : keychains) {
        results.add(
            pool.submit(() -> grant(k).validToken(ALICE, OAuth2Client.publicClient("cid"))));
      }
      for (Future<OAuth2Token> f : results) {
        assertThat(f.get().accessToken().reveal()).isEqualTo("access-1");
      }
    } finally {
      pool.shutdownNow();
      for (Keychain k : keychains) {
        k.close();
      }
    }
    assertThat(server.requests()).hasSize(1);
    try (Keychain k = open()) {
      assertThat(k.get(ALICE).orElseThrow().oauth2().refreshToken().reveal())
          .isEqualTo("refresh-1");
    }
  }

  @Test
  void aStalledTokenEndpointDelaysNoOtherWriterAndTheRefreshStillLands() throws Exception {
    seed();
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    stalledTokenEndpoint(arrived, answer);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Keychain refresher = open();
        Keychain other = open()) {
      Future<OAuth2Token> refreshed =
          pool.submit(() -> grant(refresher).validToken(ALICE, OAuth2Client.publicClient("cid")));
      assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();

      long start = System.nanoTime();
      other.put(other.get(ALICE).orElseThrow().withLabel("main"));
      other.put(Account.empty(AccountId.parse("twitter/bob")));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(refreshed).isNotDone();
      assertThat(took).isLessThan(Duration.ofSeconds(5));
      answer.countDown();
      assertThat(refreshed.get(30, TimeUnit.SECONDS).accessToken().reveal()).isEqualTo("access-1");
    } finally {
      answer.countDown();
      pool.shutdownNow();
    }
    try (Keychain k = open()) {
      Account alice = k.get(ALICE).orElseThrow();
      assertThat(alice.label()).isEqualTo("main"); // the other writer's change survived
      assertThat(alice.oauth2().refreshToken().reveal()).isEqualTo("refresh-1");
      assertThat(k.get(AccountId.parse("twitter/bob"))).isPresent();
    }
  }

  /**
   * A token endpoint that answers only when {@code answer} opens, counting down {@code arrived}.
   */
  void stalledTokenEndpoint(CountDownLatch arrived, CountDownLatch answer) {
    server.handle(
        r -> {
          arrived.countDown();
          try {
            answer.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return RecordingServer.Response.json(
              200,
              "{\"token_type\":\"bearer\",\"expires_in\":7200,\"access_token\":\"access-1\","
                  + "\"refresh_token\":\"refresh-1\"}");
        });
  }

  @Test
  void anAccountRenamedDuringTheRefreshGetsTheRotatedTokenUnderItsNewName() throws Exception {
    seed();
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    stalledTokenEndpoint(arrived, answer);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    AccountId renamed = AccountId.parse("twitter/alice-main");
    try (Keychain refresher = open();
        Keychain other = open()) {
      Future<OAuth2Token> refreshed =
          pool.submit(() -> grant(refresher).validToken(ALICE, OAuth2Client.publicClient("cid")));
      assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();
      other.rename(ALICE, renamed);
      answer.countDown();
      assertThat(refreshed.get(30, TimeUnit.SECONDS).accessToken().reveal()).isEqualTo("access-1");
    } finally {
      answer.countDown();
      pool.shutdownNow();
    }
    try (Keychain k = open()) {
      assertThat(k.get(ALICE)).isEmpty();
      assertThat(k.get(renamed).orElseThrow().oauth2().refreshToken().reveal())
          .isEqualTo("refresh-1");
    }
  }

  @Test
  void anAccountRemovedDuringTheRefreshIsNotBroughtBack() throws Exception {
    seed();
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    stalledTokenEndpoint(arrived, answer);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Keychain refresher = open();
        Keychain other = open()) {
      Future<OAuth2Token> refreshed =
          pool.submit(() -> grant(refresher).validToken(ALICE, OAuth2Client.publicClient("cid")));
      assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(other.remove(ALICE)).isTrue();
      answer.countDown();
      ExecutionException e =
          catchThrowableOfType(() -> refreshed.get(30, TimeUnit.SECONDS), ExecutionException.class);
      assertThat(e.getCause()).isInstanceOf(OAuth2Exception.class);
      assertThat(e.getCause().getMessage())
          .contains("twitter/alice", "removed", "nothing was stored");
    } finally {
      answer.countDown();
      pool.shutdownNow();
    }
    try (Keychain k = open()) {
      assertThat(k.accounts()).isEmpty();
    }
  }

  @Test
  void aRefusedRefreshWritesNothing() throws Exception {
    seed();
    server.enqueue(400, "{\"error\":\"invalid_request\"}");
    long before = java.nio.file.Files.getLastModifiedTime(dir.resolve("keychain.age")).toMillis();
    byte[] bytes = java.nio.file.Files.readAllBytes(dir.resolve("keychain.age"));
    try (Keychain k = open()) {
      OAuth2Exception e =
          catchThrowableOfType(
              () -> grant(k).validToken(ALICE, OAuth2Client.publicClient("cid")),
              OAuth2Exception.class);
      assertThat(e.error()).hasValue("invalid_request");
    }
    assertThat(java.nio.file.Files.readAllBytes(dir.resolve("keychain.age"))).isEqualTo(bytes);
    assertThat(java.nio.file.Files.getLastModifiedTime(dir.resolve("keychain.age")).toMillis())
        .isEqualTo(before);
  }
}
