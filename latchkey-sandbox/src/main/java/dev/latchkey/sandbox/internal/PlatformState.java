package dev.latchkey.sandbox.internal;

import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxPlatform;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Everything one emulated platform knows: seeded users and their tweets or posts, registered apps,
 * request and access tokens. Thread-safe.
 */
public final class PlatformState {
  /** Request tokens not exchanged within this time are forgotten. */
  static final Duration REQUEST_TOKEN_LIFETIME = Duration.ofMinutes(15);

  private static final long TWITTER_EPOCH_MS = 1288834974657L;
  private static final Instant DATA_END = Instant.parse("2026-06-01T12:00:00Z");
  private static final String[] FIRST = {"Ada", "Brook", "Cyd", "Dana"};
  private static final String[] WORDS = {
    "sandbox", "coffee", "release", "notes", "weekend", "garden", "build", "green", "test",
    "morning", "keys", "rotated", "latch", "offline", "quiet", "train", "window", "river",
    "reading", "about", "the", "a", "new", "old", "again", "today", "with", "small", "bright"
  };
  static final int ITEMS_PER_USER = 240;

  private final PlatformDescription description;
  private final SandboxPlatform platform;
  private final List<UserProfile> users;
  private final Map<Long, List<Item>> timelines = new ConcurrentHashMap<>();
  private final Map<String, App> apps = new ConcurrentHashMap<>();
  private final List<App> appOrder = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
  private final Map<String, RequestToken> requestTokens = new ConcurrentHashMap<>();
  private final RandomGenerator random;
  private final Clock clock;
  private final App defaultApp;
  private final AccessToken ownerToken;

  public PlatformState(
      PlatformDescription description, long seed, RandomGenerator random, Clock clock) {
    this.description = description;
    this.platform = description.platform();
    this.random = random;
    this.clock = clock;
    SplittableRandom seeded = new SplittableRandom(seed * 31 + platform.ordinal() + 1);
    this.users = List.copyOf(seedUsers(seeded));
    for (UserProfile u : users) {
      timelines.put(u.id(), Collections.synchronizedList(seedItems(seeded, u)));
    }
    UserProfile owner = users.get(0);
    this.defaultApp =
        addApp(
            seeded,
            description.defaultAppName(),
            AccessLevel.READ_WRITE,
            List.of("http://127.0.0.1/callback", "http://localhost/callback"));
    this.ownerToken = issueAccessToken(seeded, defaultApp, owner.id(), defaultApp.access());
  }

  public SandboxPlatform platform() {
    return platform;
  }

  /** What differs about this platform. */
  public PlatformDescription description() {
    return description;
  }

  public List<UserProfile> users() {
    return users;
  }

  public Optional<UserProfile> user(long id) {
    return users.stream().filter(u -> u.id() == id).findFirst();
  }

  public Optional<UserProfile> userByScreenName(String screenName) {
    if (screenName == null) {
      return Optional.empty();
    }
    String wanted = screenName.startsWith("@") ? screenName.substring(1) : screenName;
    return users.stream().filter(u -> u.screenName().equalsIgnoreCase(wanted)).findFirst();
  }

  public Optional<UserProfile> userByUuid(String uuid) {
    return users.stream().filter(u -> u.uuid().equals(uuid)).findFirst();
  }

  /** The user's items, newest first (a copy). */
  public List<Item> items(long userId) {
    List<Item> list = timelines.get(userId);
    if (list == null) {
      return List.of();
    }
    synchronized (list) {
      return List.copyOf(list);
    }
  }

  /** Adds a new item at the top of the user's timeline, with an id newer than every other. */
  public Item post(long userId, String title, String text, List<String> tags) {
    List<Item> list = timelines.get(userId);
    synchronized (list) {
      Instant now = clock.instant();
      long id =
          Math.max(snowflake(now.toEpochMilli(), 0), list.isEmpty() ? 0 : list.get(0).id() + 1);
      Item item = new Item(id, userId, title, text, now, tags);
      list.add(0, item);
      return item;
    }
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
    AccessToken token = issueAccessToken(random, app, users.get(0).id(), access);
    return keysOf(app, token);
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

  /** Twitter's id scheme (protocol-facts E.2): milliseconds since its epoch, shifted by 22. */
  public static long snowflake(long epochMillis, int sequence) {
    return ((epochMillis - TWITTER_EPOCH_MS) << 22) | (sequence & 0x3FFFFF);
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
            users.get(0).id());
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

  private List<UserProfile> seedUsers(SplittableRandom r) {
    List<UserProfile> out = new ArrayList<>();
    SeedFacts style = description.seed();
    long created = Instant.parse("2012-03-01T09:00:00Z").getEpochSecond();
    for (int i = 0; i < FIRST.length; i++) {
      String first = FIRST[i];
      long id = r.nextLong(style.userIdMin(), style.userIdMax()) + i;
      String screen = first.toLowerCase(Locale.ROOT) + style.screenNameSuffix();
      created += r.nextLong(86_400L * 30, 86_400L * 700);
      out.add(
          new UserProfile(
              id,
              screen,
              first + " Sandbox",
              first + " is a made-up " + platform.id() + " user of the Latchkey sandbox.",
              new String[] {"Lisbon", "Oslo", "Nairobi", "Montréal"}[i],
              Instant.ofEpochSecond(created),
              r.nextInt(10, 5000),
              r.nextInt(10, 800),
              r.nextInt(0, 40),
              r.nextInt(0, 3000),
              "t:" + RandomStrings.alnum(r, 22)));
    }
    return out;
  }

  private List<Item> seedItems(SplittableRandom r, UserProfile user) {
    List<Item> out = new ArrayList<>(ITEMS_PER_USER);
    long t = DATA_END.toEpochMilli() - r.nextLong(0, 3_600_000L);
    for (int i = 0; i < ITEMS_PER_USER; i++) {
      int words = r.nextInt(5, 16);
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < words; w++) {
        if (w > 0) {
          text.append(' ');
        }
        text.append(WORDS[r.nextInt(WORDS.length)]);
      }
      text.setCharAt(0, Character.toUpperCase(text.charAt(0)));
      text.append('.');
      long id = description.seed().itemIds().make(t, r);
      List<String> tags = List.of(WORDS[r.nextInt(WORDS.length)], "sandbox");
      out.add(
          new Item(
              id,
              user.id(),
              "Post " + (ITEMS_PER_USER - i) + " by " + user.name(),
              text.toString(),
              Instant.ofEpochMilli(t),
              tags));
      t -= r.nextLong(600_000L, 12 * 3_600_000L);
    }
    return out;
  }
}
