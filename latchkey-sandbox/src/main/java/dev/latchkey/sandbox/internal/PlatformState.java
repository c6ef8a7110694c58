package dev.latchkey.sandbox.internal;

import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxPlatform;
import dev.latchkey.sandbox.internal.data.Population;
import dev.latchkey.sandbox.internal.data.World;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

/**
 * Everything one emulated platform knows: seeded users and their tweets or posts, registered apps,
 * request and access tokens. Thread-safe.
 */
public final class PlatformState {
  /** Request tokens not exchanged within this time are forgotten. */
  static final Duration REQUEST_TOKEN_LIFETIME = Duration.ofMinutes(15);

  private static final String[] FIRST = {"Ada", "Brook", "Cyd", "Dana"};
  private static final String[] LOCATIONS = {"Lisbon", "Oslo", "Nairobi", "Montréal"};

  /** Items per original user; also how many draws per user the old seed stream made. */
  static final int LEGACY_ITEMS = 240;

  private static final int LEGACY_WORDS = 29;

  private final PlatformDescription description;
  private final SandboxPlatform platform;
  private final World world;
  private final Map<String, App> apps = new ConcurrentHashMap<>();
  private final List<App> appOrder = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
  private final Map<String, RequestToken> requestTokens = new ConcurrentHashMap<>();
  private final RandomGenerator random;
  private final Clock clock;
  private volatile App defaultApp;
  private volatile AccessToken ownerToken;
  private final List<BiConsumer<App, App>> onRegenerate = new CopyOnWriteArrayList<>();

  /**
   * @param users how many users the platform has (named ones included)
   */
  public PlatformState(
      PlatformDescription description, long seed, RandomGenerator random, Clock clock, int users) {
    this.description = description;
    this.platform = description.platform();
    this.random = random;
    this.clock = clock;
    SplittableRandom seeded = new SplittableRandom(seed * 31 + platform.ordinal() + 1);
    List<World.Legacy> legacy = seedLegacyUsers(seeded);
    skipLegacyItems(seeded);
    SeedFacts style = description.seed();
    this.world =
        new World(
            seed * 0x5DEECE66DL + platform.ordinal(),
            users,
            legacy,
            style.roles(),
            style.separator(),
            style.idBase(),
            clock.millis(),
            LEGACY_ITEMS,
            platform.id());
    UserProfile owner = world.profile(0);
    this.defaultApp =
        addApp(
            seeded,
            description.defaultAppName(),
            AccessLevel.READ_WRITE,
            List.of("http://127.0.0.1/callback", "http://localhost/callback"));
    this.ownerToken = issueAccessToken(seeded, defaultApp, owner.id(), defaultApp.access());
  }

  /** The seeded data: users, follows, items, likes. */
  public World world() {
    return world;
  }

  public SandboxPlatform platform() {
    return platform;
  }

  /** What differs about this platform. */
  public PlatformDescription description() {
    return description;
  }

  /** The named users (the original four, then the roles); the first owns the apps. */
  public List<UserProfile> users() {
    return world.named();
  }

  public Optional<UserProfile> user(long id) {
    return profile(world.indexOfId(id));
  }

  public Optional<UserProfile> userByScreenName(String screenName) {
    return profile(world.indexOfScreenName(screenName));
  }

  public Optional<UserProfile> userByUuid(String uuid) {
    return profile(world.indexOfUuid(uuid));
  }

  private Optional<UserProfile> profile(OptionalInt index) {
    return index.isPresent() ? Optional.of(world.profile(index.getAsInt())) : Optional.empty();
  }

  public App defaultApp() {
    return defaultApp;
  }

  public AccessToken ownerToken() {
    return ownerToken;
  }

  public SandboxKeys defaultKeys() {
    return keysOf(defaultApp, ownerToken);
  }

  public static SandboxKeys keysOf(App app, AccessToken token) {
    return new SandboxKeys(app.consumerKey(), app.consumerSecret(), token.token(), token.secret());
  }

  public App app(String consumerKey) {
    return consumerKey == null ? null : apps.get(consumerKey);
  }

  public List<App> apps() {
    synchronized (appOrder) {
      return List.copyOf(appOrder);
    }
  }

  /** Registers an app owned by the first user and issues the owner's token. */
  public SandboxKeys registerApp(String name, AccessLevel access, List<String> callbackUrls) {
    App app = addApp(random, name, access, callbackUrls);
    AccessToken token = issueAccessToken(random, app, world.people().id(0), access);
    return keysOf(app, token);
  }

  /** Calls {@code listener} with the old and new app each time an app's keys are regenerated. */
  public void onRegenerate(BiConsumer<App, App> listener) {
    onRegenerate.add(listener);
  }

  /**
   * Gives an app a new consumer key and secret, as the developer portal's "Regenerate" does: the
   * old key is then unknown (401 code 32), every token issued to the app is revoked (401 code 89
   * with the new keys), and the owner gets a new access token.
   *
   * @return the new keys and the owner's new token
   * @throws IllegalArgumentException when no app has that consumer key
   */
  public synchronized SandboxKeys regenerate(String consumerKey) {
    App old = app(consumerKey);
    if (old == null) {
      throw new IllegalArgumentException(
          "no " + platform.id() + " sandbox app has that consumer key");
    }
    CredentialFormats formats = description.credentials();
    App fresh =
        new App(
            RandomStrings.alnum(random, formats.consumerKeyLength()),
            RandomStrings.alnum(random, formats.consumerSecretLength()),
            old.name(),
            old.access(),
            old.callbackUrls(),
            old.ownerId());
    apps.remove(old.consumerKey());
    apps.put(fresh.consumerKey(), fresh);
    synchronized (appOrder) {
      appOrder.replaceAll(a -> a == old ? fresh : a);
    }
    for (AccessToken t : accessTokens.values()) {
      if (t.consumerKey().equals(old.consumerKey())) {
        AccessToken revoked =
            new AccessToken(t.token(), t.secret(), fresh.consumerKey(), t.userId(), t.access());
        revoked.revoke();
        accessTokens.put(t.token(), revoked);
      }
    }
    AccessToken owner = issueAccessToken(random, fresh, old.ownerId(), fresh.access());
    if (old == defaultApp) {
      defaultApp = fresh;
      ownerToken = owner;
    }
    onRegenerate.forEach(l -> l.accept(old, fresh));
    return keysOf(fresh, owner);
  }

  public AccessToken accessToken(String token) {
    return token == null ? null : accessTokens.get(token);
  }

  public AccessToken issueAccessToken(App app, long userId, AccessLevel access) {
    return issueAccessToken(random, app, userId, access);
  }

  public RequestToken requestToken(String token) {
    if (token == null) {
      return null;
    }
    RequestToken rt = requestTokens.get(token);
    if (rt != null && clock.millis() - rt.issuedAt() > REQUEST_TOKEN_LIFETIME.toMillis()) {
      requestTokens.remove(token);
      return null;
    }
    return rt;
  }

  public RequestToken issueRequestToken(App app, String callback, AccessLevel access) {
    purgeOldRequestTokens();
    String token = RandomStrings.alnum(random, description.credentials().requestTokenLength());
    RequestToken rt =
        new RequestToken(
            token,
            RandomStrings.alnum(random, 32),
            app.consumerKey(),
            callback,
            access,
            clock.millis());
    requestTokens.put(token, rt);
    return rt;
  }

  /** Forgets a used or denied request token. */
  public void forgetRequestToken(String token) {
    requestTokens.remove(token);
  }

  /** A fresh verifier: a 7-digit PIN for out-of-band, else a 32-character string. */
  public String newVerifier(boolean outOfBand) {
    return outOfBand ? RandomStrings.digits(random, 7) : RandomStrings.alnum(random, 32);
  }

  /** Authorizes a pending request token for a user and returns its new verifier. */
  public String approve(String requestToken, String screenName) {
    RequestToken rt = requestToken(requestToken);
    UserProfile user =
        userByScreenName(screenName)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no " + platform.id() + " sandbox user '" + screenName + "'"));
    String verifier = newVerifier(rt != null && rt.isOutOfBand());
    if (rt == null || !rt.authorize(user.id(), verifier)) {
      throw new IllegalArgumentException(
          "the request token is unknown, expired or already used; get a new one");
    }
    return verifier;
  }

  /** Revokes every access token of the user; returns how many were live. */
  public int revokeUserTokens(String screenName) {
    UserProfile user =
        userByScreenName(screenName)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no " + platform.id() + " sandbox user '" + screenName + "'"));
    int n = 0;
    for (AccessToken t : accessTokens.values()) {
      if (t.userId() == user.id() && !t.revoked()) {
        t.revoke();
        n++;
      }
    }
    return n;
  }

  private void purgeOldRequestTokens() {
    long now = clock.millis();
    requestTokens.values().removeIf(rt -> now - rt.issuedAt() > REQUEST_TOKEN_LIFETIME.toMillis());
  }

  private App addApp(
      RandomGenerator r, String name, AccessLevel access, List<String> callbackUrls) {
    CredentialFormats formats = description.credentials();
    App app =
        new App(
            RandomStrings.alnum(r, formats.consumerKeyLength()),
            RandomStrings.alnum(r, formats.consumerSecretLength()),
            name,
            access,
            callbackUrls,
            world.people().id(0));
    apps.put(app.consumerKey(), app);
    appOrder.add(app);
    return app;
  }

  private AccessToken issueAccessToken(
      RandomGenerator r, App app, long userId, AccessLevel access) {
    CredentialFormats formats = description.credentials();
    String token = formats.accessToken().make(userId, r);
    String secret = RandomStrings.alnum(r, formats.accessTokenSecretLength());
    AccessToken t = new AccessToken(token, secret, app.consumerKey(), userId, access);
    accessTokens.put(token, t);
    return t;
  }

  /** The original four users, drawn from the seed stream as they always were. */
  private List<World.Legacy> seedLegacyUsers(SplittableRandom r) {
    List<World.Legacy> out = new ArrayList<>();
    SeedFacts style = description.seed();
    long created = Instant.parse("2012-03-01T09:00:00Z").getEpochSecond();
    for (int i = 0; i < FIRST.length; i++) {
      String first = FIRST[i];
      long id = r.nextLong(style.legacyIdMin(), style.legacyIdMax()) + i;
      String screen = first.toLowerCase(Locale.ROOT) + style.legacySuffix();
      created += r.nextLong(86_400L * 30, 86_400L * 700);
      r.nextInt(10, 5000); // followers, now from the follow graph
      r.nextInt(10, 800); // friends, likewise
      int listed = r.nextInt(0, 40);
      int likes = r.nextInt(0, 3000);
      String uuid = "t:" + RandomStrings.alnum(r, 22);
      out.add(
          new World.Legacy(
              new Population.Named(id, screen, first + " Sandbox", uuid),
              first + " is a made-up " + platform.id() + " user of the Latchkey sandbox.",
              LOCATIONS[i],
              Instant.ofEpochSecond(created),
              listed,
              likes));
    }
    return out;
  }

  /**
   * Advances the stream past the draws the original users' items made, so the pre-registered app's
   * keys stay what they were for every seed.
   */
  private void skipLegacyItems(SplittableRandom r) {
    int idBound = description.seed().legacyIdDrawBound();
    for (int u = 0; u < FIRST.length; u++) {
      r.nextLong(0, 3_600_000L);
      for (int i = 0; i < LEGACY_ITEMS; i++) {
        int words = r.nextInt(5, 16);
        for (int w = 0; w < words; w++) {
          r.nextInt(LEGACY_WORDS);
        }
        r.nextInt(0, idBound);
        r.nextInt(LEGACY_WORDS);
        r.nextLong(600_000L, 12 * 3_600_000L);
      }
    }
  }
}
