package dev.latchkey.sandbox.internal.oauth2;

import dev.latchkey.sandbox.SandboxOAuth2Client;
import dev.latchkey.sandbox.SandboxPlatform;
import dev.latchkey.sandbox.internal.App;
import dev.latchkey.sandbox.internal.AuthType;
import dev.latchkey.sandbox.internal.BearerTokens;
import dev.latchkey.sandbox.internal.Caller;
import dev.latchkey.sandbox.internal.CredentialFormats;
import dev.latchkey.sandbox.internal.OAuth2Facts;
import dev.latchkey.sandbox.internal.PlatformState;
import dev.latchkey.sandbox.internal.RandomStrings;
import dev.latchkey.sandbox.internal.UserProfile;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The OAuth 2 side of one emulated platform: clients, app-only tokens (one stable token per app),
 * authorization codes (30 s, one use), access tokens (configurable lifetime) and rotating refresh
 * tokens. Thread-safe; every exchange of a code or refresh token is atomic.
 */
public final class OAuth2State implements BearerTokens {
  static final Duration CODE_LIFETIME = Duration.ofSeconds(30);

  /** A registered OAuth 2 client of an app. */
  record Client(String id, String secret, App app, List<String> redirectUris) {
    SandboxOAuth2Client view() {
      return new SandboxOAuth2Client(id, secret, app.consumerKey(), redirectUris);
    }
  }

  /** A pending authorization shown on the consent page. */
  record Pending(
      String id,
      Client client,
      String redirectUri,
      Set<String> scopes,
      String state,
      String challenge,
      String method,
      long createdAt) {}

  record Code(
      Client client,
      long userId,
      Set<String> scopes,
      String redirectUri,
      String challenge,
      String method,
      long issuedAt) {}

  /** An issued user access token. */
  static final class UserToken {
    final Client client;
    final long userId;
    final Set<String> scopes;
    final long expiresAt;
    final String family;
    volatile boolean revoked;

    UserToken(Client client, long userId, Set<String> scopes, long expiresAt, String family) {
      this.client = client;
      this.userId = userId;
      this.scopes = Set.copyOf(scopes);
      this.expiresAt = expiresAt;
      this.family = family;
    }
  }

  /** An issued refresh token: one use, then replaced. */
  static final class RefreshToken {
    final Client client;
    final long userId;
    final Set<String> scopes;
    final String family;
    volatile boolean spent;

    RefreshToken(Client client, long userId, Set<String> scopes, String family) {
      this.client = client;
      this.userId = userId;
      this.scopes = Set.copyOf(scopes);
      this.family = family;
    }
  }

  private final PlatformState platform;
  private final CredentialFormats formats;
  private final OAuth2Facts facts;
  private final Clock clock;
  private final RandomGenerator random;
  private final Duration accessLifetime;
  private final Map<String, Client> clients = new ConcurrentHashMap<>();
  private final Map<String, String> appTokenByApp = new ConcurrentHashMap<>();
  private final Map<String, App> appTokens = new ConcurrentHashMap<>();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, Code> codes = new ConcurrentHashMap<>();
  private final Map<String, UserToken> accessTokens = new ConcurrentHashMap<>();
  private final Map<String, RefreshToken> refreshTokens = new ConcurrentHashMap<>();
  private volatile Client defaultClient;

  public OAuth2State(
      PlatformState platform, long seed, Clock clock, RandomGenerator random, Duration lifetime) {
    this.platform = platform;
    this.clock = clock;
    this.random = random;
    this.accessLifetime = lifetime;
    this.formats = platform.description().credentials();
    this.facts = platform.description().oauth2();
    App app = platform.defaultApp();
    SplittableRandom seeded = new SplittableRandom(seed * 131 + platform.platform().ordinal() + 7);
    if (formats.clientIsTheConsumer()) {
      this.defaultClient =
          addClient(app.consumerKey(), app.consumerSecret(), app, app.callbackUrls());
    } else {
      this.defaultClient =
          addClient(
              formats.clientId().apply(seeded),
              RandomStrings.alnum(seeded, 50),
              app,
              app.callbackUrls());
    }
    platform.onRegenerate(this::regenerated);
  }

  /**
   * Follows an app whose keys were regenerated: its app-only token is retired; a client that is the
   * consumer (Tumblr) becomes the new key and secret and its tokens are revoked; other clients (X's
   * separate client id and secret) now belong to the new app.
   */
  private void regenerated(App old, App fresh) {
    String bearer = appTokenByApp.remove(old.consumerKey());
    if (bearer != null) {
      appTokens.remove(bearer);
    }
    for (Client c : List.copyOf(clients.values())) {
      if (!c.app().consumerKey().equals(old.consumerKey())) {
        continue;
      }
      Client moved;
      if (c.id().equals(old.consumerKey())) {
        clients.remove(c.id());
        moved = addClient(fresh.consumerKey(), fresh.consumerSecret(), fresh, c.redirectUris());
        for (UserToken t : accessTokens.values()) {
          if (t.client.id().equals(c.id())) {
            t.revoked = true;
          }
        }
        for (RefreshToken r : refreshTokens.values()) {
          if (r.client.id().equals(c.id())) {
            r.spent = true;
          }
        }
      } else {
        moved = new Client(c.id(), c.secret(), fresh, c.redirectUris());
        clients.put(c.id(), moved);
      }
      if (defaultClient.id().equals(c.id())) {
        defaultClient = moved;
      }
    }
  }

  /** The platform's OAuth 2 endpoints and rules. */
  OAuth2Facts facts() {
    return facts;
  }

  public SandboxPlatform platform() {
    return platform.platform();
  }

  PlatformState platformState() {
    return platform;
  }

  public SandboxOAuth2Client defaultClient() {
    return defaultClient.view();
  }

  /** Registers a client of the default app; public when {@code confidential} is false. */
  public SandboxOAuth2Client register(boolean confidential, List<String> redirectUris) {
    Client c =
        addClient(
            formats.clientIsTheConsumer()
                ? RandomStrings.alnum(random, formats.consumerKeyLength())
                : formats.clientId().apply(random),
            confidential ? RandomStrings.alnum(random, 50) : null,
            platform.defaultApp(),
            redirectUris);
    return c.view();
  }

  private Client addClient(String id, String secret, App app, List<String> redirectUris) {
    Client c = new Client(id, secret, app, List.copyOf(redirectUris));
    clients.put(id, c);
    return c;
  }

  Client client(String id) {
    return id == null ? null : clients.get(id);
  }

  private String token(String kind) {
    return b64(RandomStrings.alnum(random, 45) + ":" + clock.millis() + ":1:1:" + kind + ":1");
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.US_ASCII));
  }

  // ---- app-only -------------------------------------------------------------------------------

  /** The app's one bearer token, issued on first request and kept until invalidated. */
  String appToken(App app) {
    return appTokenByApp.computeIfAbsent(
        app.consumerKey(),
        k -> {
          String t = formats.appOnlyToken().apply(random);
          appTokens.put(t, app);
          return t;
        });
  }

  /** Invalidates the app's bearer token; false when {@code token} is not its current one. */
  boolean invalidateAppToken(App app, String token) {
    String current = appTokenByApp.get(app.consumerKey());
    if (current == null || !current.equals(token)) {
      return false;
    }
    appTokenByApp.remove(app.consumerKey(), token);
    appTokens.remove(token);
    return true;
  }

  App appForToken(String token) {
    return token == null ? null : appTokens.get(token);
  }

  // ---- authorization code ---------------------------------------------------------------------

  Pending startAuthorization(
      Client client,
      String redirectUri,
      Set<String> scopes,
      String state,
      String challenge,
      String method) {
    long now = clock.millis();
    pending.values().removeIf(p -> now - p.createdAt() > Duration.ofMinutes(15).toMillis());
    Pending p =
        new Pending(
            RandomStrings.alnum(random, 32),
            client,
            redirectUri,
            scopes,
            state,
            challenge,
            method,
            now);
    pending.put(p.id(), p);
    return p;
  }

  Pending takePending(String id) {
    return id == null ? null : pending.remove(id);
  }

  String issueCode(Pending p, long userId) {
    String code = token("ac");
    codes.put(
        code,
        new Code(
            p.client(),
            userId,
            p.scopes(),
            p.redirectUri(),
            p.challenge(),
            p.method(),
            clock.millis()));
    return code;
  }

  /** Removes and returns a code that is still within its 30 s, else null. */
  Code redeemCode(String code) {
    Code c = code == null ? null : codes.remove(code);
    if (c == null || clock.millis() - c.issuedAt() > CODE_LIFETIME.toMillis()) {
      return null;
    }
    return c;
  }

  // ---- user tokens ----------------------------------------------------------------------------

  /** The issued pair: access token, lifetime, and refresh token (null without offline access). */
  record Issued(String accessToken, long expiresIn, String refreshToken, Set<String> scopes) {}

  Issued issue(Client client, long userId, Set<String> scopes, String family) {
    String fam = family == null ? RandomStrings.alnum(random, 16) : family;
    String access = token("at");
    long lifetime = accessLifetime.toSeconds();
    accessTokens.put(
        access, new UserToken(client, userId, scopes, clock.millis() + lifetime * 1000L, fam));
    String refresh = null;
    if (scopes.contains(offlineScope())) {
      refresh = token("rt");
      refreshTokens.put(refresh, new RefreshToken(client, userId, scopes, fam));
    }
    return new Issued(access, lifetime, refresh, scopes);
  }

  String offlineScope() {
    return facts.offlineScope();
  }

  /** Spends a refresh token atomically: the first caller gets it, every later one null. */
  RefreshToken spendRefreshToken(String token, Client client) {
    RefreshToken r = token == null ? null : refreshTokens.get(token);
    if (r == null || !r.client.id().equals(client.id())) {
      return null;
    }
    synchronized (r) {
      if (r.spent) {
        return null;
      }
      r.spent = true;
    }
    return r;
  }

  /** A live (unexpired, unrevoked) user access token, or null. */
  UserToken userToken(String token) {
    UserToken t = token == null ? null : accessTokens.get(token);
    if (t == null || t.revoked || clock.millis() >= t.expiresAt) {
      return null;
    }
    return t;
  }

  /** RFC 7009: revokes an access or refresh token of this client; unknown tokens are ignored. */
  void revoke(String token, Client client) {
    UserToken at = accessTokens.get(token);
    if (at != null && at.client.id().equals(client.id())) {
      at.revoked = true;
    }
    RefreshToken rt = refreshTokens.get(token);
    if (rt != null && rt.client.id().equals(client.id())) {
      rt.spent = true;
      for (UserToken t : accessTokens.values()) {
        if (t.family.equals(rt.family)) {
          t.revoked = true;
        }
      }
    }
  }

  long now() {
    return clock.millis();
  }

  /**
   * The caller behind a bearer token for {@link Authentication}: the app for an app-only token (no
   * user), the user with an access level from the granted scopes for a user token.
   */
  @Override
  public Caller resolve(String token) {
    App app = appForToken(token);
    if (app != null) {
      return Caller.app(app, AuthType.APP_ONLY);
    }
    UserToken user = userToken(token);
    if (user == null) {
      return null;
    }
    UserProfile profile = platform.user(user.userId).orElse(null);
    return profile == null
        ? null
        : new Caller(
            user.client.app(),
            profile,
            facts.access(user.scopes),
            null,
            AuthType.OAUTH2_USER,
            user.scopes);
  }
}
