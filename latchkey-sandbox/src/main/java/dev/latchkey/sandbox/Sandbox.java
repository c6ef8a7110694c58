package dev.latchkey.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.sandbox.internal.AccessLevel;
import dev.latchkey.sandbox.internal.ApiError;
import dev.latchkey.sandbox.internal.ApiSettings;
import dev.latchkey.sandbox.internal.ControlRoutes;
import dev.latchkey.sandbox.internal.Errors;
import dev.latchkey.sandbox.internal.Json;
import dev.latchkey.sandbox.internal.OAuth1Verifier;
import dev.latchkey.sandbox.internal.PlatformDescription;
import dev.latchkey.sandbox.internal.PlatformModule;
import dev.latchkey.sandbox.internal.PlatformServices;
import dev.latchkey.sandbox.internal.PlatformState;
import dev.latchkey.sandbox.internal.RateWindows;
import dev.latchkey.sandbox.internal.ThreeLeggedEndpoints;
import dev.latchkey.sandbox.internal.UserProfile;
import dev.latchkey.sandbox.internal.oauth2.OAuth2Routes;
import dev.latchkey.sandbox.internal.oauth2.OAuth2State;
import dev.latchkey.sandbox.internal.tumblr.TumblrPlatform;
import dev.latchkey.sandbox.internal.twitter.TwitterPlatform;
import io.javalin.Javalin;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running offline emulator of the Twitter (X) and Tumblr APIs on 127.0.0.1: OAuth 1.0a
 * three-legged flow (RFC 5849) verified as strictly as the real services, identity and timeline
 * endpoints with realistic shapes, seeded deterministic users and a pre-registered app per
 * platform.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
 *   SandboxKeys keys = sandbox.keys(SandboxPlatform.TWITTER);
 *   URI api = sandbox.twitterBase(); // http://127.0.0.1:<port>/twitter
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {
  private static final String HOST = "127.0.0.1";

  private final Javalin server;
  private final Map<SandboxPlatform, PlatformState> states;
  private final Map<SandboxPlatform, OAuth2State> oauth2;
  private final URI baseUri;
  private final AtomicBoolean closing;

  private Sandbox(
      Javalin server,
      Map<SandboxPlatform, PlatformState> states,
      Map<SandboxPlatform, OAuth2State> oauth2,
      AtomicBoolean closing) {
    this.server = server;
    this.closing = closing;
    this.states = states;
    this.oauth2 = oauth2;
    this.baseUri = URI.create("http://" + HOST + ":" + server.port());
  }

  /**
   * Starts a sandbox bound to 127.0.0.1 only.
   *
   * @throws IllegalStateException when the port cannot be bound
   */
  public static Sandbox start(SandboxOptions options) {
    Objects.requireNonNull(options, "options");
    long window = options.timestampWindow().toSeconds();
    RateWindows windows = new RateWindows(options.clock());
    ApiSettings settings =
        new ApiSettings(
            options.seed(),
            options.rateWindow().toSeconds(),
            options.rateLimits(),
            options.streamKeepAlive());
    AtomicBoolean closing = new AtomicBoolean();
    Set<String> limitKeys = ConcurrentHashMap.newKeySet();
    Map<SandboxPlatform, PlatformState> states = new EnumMap<>(SandboxPlatform.class);
    Map<SandboxPlatform, OAuth2State> oauth2 = new EnumMap<>(SandboxPlatform.class);
    List<PlatformDescription> descriptions = new ArrayList<>();
    Map<SandboxPlatform, PlatformServices> services = new EnumMap<>(SandboxPlatform.class);
    for (PlatformModule module : modules()) {
      PlatformDescription d = module.description();
      PlatformState state =
          new PlatformState(d, options.seed(), options.random(), options.clock(), options.users());
      OAuth2State tokens =
          new OAuth2State(
              state,
              options.seed(),
              options.clock(),
              options.random(),
              options.accessTokenLifetime());
      states.put(d.platform(), state);
      oauth2.put(d.platform(), tokens);
      descriptions.add(d);
      services.put(
          d.platform(),
          new PlatformServices(
              state,
              new OAuth1Verifier(state, options.clock(), window, options.random()),
              tokens,
              windows,
              settings,
              options.clock(),
              closing,
              limitKeys));
    }
    Errors errors = new Errors(descriptions);
    ControlRoutes control = new ControlRoutes(Collections.unmodifiableMap(states), options.clock());
    Clock clock = options.clock();
    Javalin server =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.startupWatcherEnabled = false;
              config.http.maxRequestSize = 1_000_000L;
              config.jetty.modifyHttpConfiguration(
                  http -> {
                    // Large enough that an oversized nonce reaches the verifier and gets 400/215.
                    http.setRequestHeaderSize(32 * 1024);
                    // Date comes from the sandbox's clock (below), as rate-limit resets do.
                    http.setSendDateHeader(false);
                  });
              config.router.mount(
                  router -> {
                    router.before(
                        ctx ->
                            ctx.header(
                                "Date",
                                DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                    clock.instant().atZone(ZoneOffset.UTC))));
                    for (PlatformModule module : modules()) {
                      SandboxPlatform p = module.description().platform();
                      PlatformServices s = services.get(p);
                      new ThreeLeggedEndpoints(s.state(), s.verifier()).register(router);
                      new OAuth2Routes(oauth2.get(p)).register(router);
                      module.register(router, s);
                    }
                    control.register(router);
                    router.exception(ApiError.class, (e, ctx) -> errors.render(ctx, e));
                    router.exception(
                        Exception.class,
                        (e, ctx) -> errors.render(ctx, new ApiError(500, 131, "Internal error.")));
                    router.error(
                        404,
                        ctx -> {
                          if (!Errors.rendered(ctx)) {
                            errors.render(ctx, errors.notFound(ctx.path()));
                          }
                        });
                  });
            });
    try {
      server.start(HOST, options.port());
    } catch (RuntimeException e) {
      server.stop();
      throw new IllegalStateException(
          "cannot start the sandbox on "
              + HOST
              + ":"
              + options.port()
              + " (is the port in use? use --port 0 for a free one)");
    }
    for (String path : options.rateLimits().keySet()) {
      if (!limitKeys.contains(path)) {
        server.stop();
        throw new IllegalArgumentException(
            "no endpoint '"
                + path
                + "' to set a rate limit for; write the path as the platform's docs do, e.g."
                + " /1.1/statuses/user_timeline.json, /2/users/:id/tweets or tumblr/hour");
      }
    }
    return new Sandbox(server, states, oauth2, closing);
  }

  /** Every emulated platform, in the order of {@link SandboxPlatform}. */
  private static List<PlatformModule> modules() {
    return List.of(new TwitterPlatform(), new TumblrPlatform());
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI baseUri() {
    return baseUri;
  }

  /** The bound port. */
  public int port() {
    return server.port();
  }

  /** {@code baseUri()/twitter}: use it where a client expects {@code https://api.x.com}. */
  public URI twitterBase() {
    return base(SandboxPlatform.TWITTER);
  }

  /** {@code baseUri()/tumblr}: use it where a client expects {@code https://api.tumblr.com}. */
  public URI tumblrBase() {
    return base(SandboxPlatform.TUMBLR);
  }

  /** The base URI of one platform. */
  public URI base(SandboxPlatform platform) {
    return URI.create(baseUri + platform.pathPrefix());
  }

  /** The pre-registered read-write app of the platform and its owner's access token. */
  public SandboxKeys keys(SandboxPlatform platform) {
    return states.get(platform).defaultKeys();
  }

  /** {@link #keys(SandboxPlatform)} for every platform. */
  public Map<SandboxPlatform, SandboxKeys> keys() {
    Map<SandboxPlatform, SandboxKeys> out = new EnumMap<>(SandboxPlatform.class);
    for (SandboxPlatform p : SandboxPlatform.values()) {
      out.put(p, keys(p));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The keys as {@code {"twitter":{"consumer_key":…,"consumer_secret":…,"access_token":…,
   * "access_token_secret":…},"tumblr":{…}}}, unmasked: write it only to a private file.
   */
  public String printKeysJson() {
    ObjectNode root = Json.object();
    for (SandboxPlatform p : SandboxPlatform.values()) {
      ObjectNode platform = root.putObject(p.id());
      ControlRoutes.putKeys(platform, keys(p));
      platform.put("client_id", oauth2Client(p).clientId());
      platform.put("client_secret", oauth2Client(p).clientSecret());
    }
    return Json.write(root);
  }

  /** The seeded users of a platform; the first owns the pre-registered app. */
  public List<SandboxUser> users(SandboxPlatform platform) {
    List<SandboxUser> out = new ArrayList<>();
    for (UserProfile u : states.get(platform).users()) {
      out.add(new SandboxUser(u.id(), u.screenName(), u.name()));
    }
    return List.copyOf(out);
  }

  /**
   * Revokes every access token of a user, as the user would in their app settings; later calls with
   * those tokens get 401 code 89.
   *
   * @return how many live tokens were revoked
   * @throws IllegalArgumentException for an unknown screen name
   */
  public int revokeUserTokens(SandboxPlatform platform, String screenName) {
    return states.get(platform).revokeUserTokens(screenName);
  }

  /**
   * Approves a pending request token as the named user, as clicking "Authorize app" on the consent
   * page would (RFC 5849 §2.2), for tests that script the flow without HTML.
   *
   * @return the verifier: a 7-digit PIN for {@code oob}, else the value the callback would get
   * @throws IllegalArgumentException if the token is unknown, used or decided, or the user unknown
   */
  public String approve(SandboxPlatform platform, String requestToken, String screenName) {
    return states.get(platform).approve(requestToken, screenName);
  }

  /**
   * Registers another app owned by the first user, as {@code POST /sandbox/apps} does.
   *
   * @param access {@code read}, {@code read-write} or {@code read-write-directmessages}
   * @return its consumer key and secret and the owner's access token at that level
   */
  public SandboxKeys registerApp(
      SandboxPlatform platform, String name, String access, List<String> callbackUrls) {
    return states.get(platform).registerApp(name, AccessLevel.fromHeader(access), callbackUrls);
  }

  /**
   * Gives an app new keys, as {@code POST /sandbox/apps/regenerate} does: the old consumer key then
   * fails with 401 code 32 and every token issued to the app with code 89.
   *
   * @return the new consumer key and secret and the owner's new access token
   * @throws IllegalArgumentException when no app of the platform has that consumer key
   */
  public SandboxKeys regenerateApp(SandboxPlatform platform, String consumerKey) {
    return states.get(platform).regenerate(consumerKey);
  }

  /**
   * The OAuth 2 client of the pre-registered app (confidential: X's portal "Client ID" and "Client
   * Secret"; on Tumblr, the consumer key and secret).
   */
  public SandboxOAuth2Client oauth2Client(SandboxPlatform platform) {
    return oauth2.get(platform).defaultClient();
  }

  /**
   * Registers another OAuth 2 client of the pre-registered app: public (no secret, as X's "Native
   * App") or confidential, with its redirect URIs (loopback URIs on any port always work).
   */
  public SandboxOAuth2Client registerOAuth2Client(
      SandboxPlatform platform, boolean confidential, List<String> redirectUris) {
    return oauth2.get(platform).register(confidential, redirectUris);
  }

  /** Stops the server. */
  @Override
  public void close() {
    closing.set(true);
    server.stop();
  }

  @Override
  public String toString() {
    return "Sandbox[" + baseUri + "]";
  }
}
