package dev.latchkey.sandbox.internal.twitter;

import dev.latchkey.sandbox.SandboxPlatform;
import dev.latchkey.sandbox.internal.CredentialFormats;
import dev.latchkey.sandbox.internal.Endpoint;
import dev.latchkey.sandbox.internal.EndpointRouter;
import dev.latchkey.sandbox.internal.OAuth1Facts;
import dev.latchkey.sandbox.internal.OAuth2Facts;
import dev.latchkey.sandbox.internal.PlatformDescription;
import dev.latchkey.sandbox.internal.PlatformModule;
import dev.latchkey.sandbox.internal.PlatformServices;
import dev.latchkey.sandbox.internal.PlatformState;
import dev.latchkey.sandbox.internal.RandomStrings;
import dev.latchkey.sandbox.internal.RateWindows;
import dev.latchkey.sandbox.internal.SeedFacts;
import dev.latchkey.sandbox.internal.data.Role;
import io.javalin.router.JavalinDefaultRouting;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * X (Twitter) as the sandbox emulates it: API v1.1 and v2 under {@code /twitter}, OAuth 1.0a on
 * {@code /oauth/*}, app-only tokens on {@code /oauth2/token}, OAuth 2 with required PKCE on {@code
 * /i/oauth2/authorize} and {@code /2/oauth2/*} (protocol-facts B, C, D, F).
 */
public final class TwitterPlatform implements PlatformModule {
  /** X's client ids: base64url of 20 characters and {@code :1:ci} (facts D). */
  private static String clientId(java.util.random.RandomGenerator r) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((RandomStrings.alnum(r, 20) + ":1:ci").getBytes(StandardCharsets.US_ASCII));
  }

  /** Bearer tokens with X's literal {@code %2B} and {@code %3D} (facts C). */
  private static String appOnlyToken(java.util.random.RandomGenerator r) {
    return "AAAAAAAAAAAAAAAAAAAAA"
        + RandomStrings.alnum(r, 20)
        + "%2B"
        + RandomStrings.alnum(r, 20)
        + "%3D"
        + RandomStrings.alnum(r, 50);
  }

  /** The description of X. */
  public static final PlatformDescription DESCRIPTION =
      new PlatformDescription(
          SandboxPlatform.TWITTER,
          Set.of("api.twitter.com", "api.x.com", "twitter.com", "x.com"),
          "Latchkey Sandbox Bot",
          new CredentialFormats(
              25,
              50,
              27,
              (userId, r) -> userId + "-" + RandomStrings.alnum(r, 40),
              45,
              TwitterPlatform::appOnlyToken,
              TwitterPlatform::clientId),
          new OAuth1Facts(
              "/oauth/request_token",
              List.of("/oauth/authorize", "/oauth/authenticate"),
              "/oauth/access_token",
              false,
              true,
              List.of(
                  "/oauth/invalidate_token",
                  "/1.1/oauth/invalidate_token",
                  "/1.1/oauth/invalidate_token.json")),
          new OAuth2Facts(
              "/i/oauth2/authorize",
              "/2/oauth2/token",
              Optional.of("/2/oauth2/revoke"),
              Optional.of("/oauth2/token"),
              Optional.of("/oauth2/invalidate_token"),
              Optional.empty(),
              "/2/",
              true,
              true,
              false,
              true,
              "offline.access",
              Set.of("tweet.write"),
              Set.of("dm.read", "dm.write"),
              256),
          List.of(new PlatformDescription.ErrorRoute("/2/", new XV2Problems())),
          new XV11Errors(),
          new SeedFacts(
              100_000_000L,
              2_000_000_000L,
              "_sandbox",
              4096,
              '_',
              3_000_000_000L,
              List.of(
                  new Role(
                      "account with 100,000 followers",
                      "popular_sandbox",
                      "Popular Sandbox",
                      100_000,
                      2_500,
                      false,
                      false),
                  new Role(
                      "timeline past the 3,200 cap (4,000 tweets)",
                      "capped_sandbox",
                      "Capped Sandbox",
                      0,
                      4_000,
                      false,
                      false),
                  new Role(
                      "protected account (followers only)",
                      "private_sandbox",
                      "Private Sandbox",
                      0,
                      300,
                      true,
                      false),
                  new Role(
                      "suspended account (code 63)",
                      "banned_sandbox",
                      "Banned Sandbox",
                      0,
                      150,
                      false,
                      true))),
          null);

  @Override
  public PlatformDescription description() {
    return DESCRIPTION;
  }

  @Override
  public void register(JavalinDefaultRouting router, PlatformServices services) {
    PlatformState state = services.state();
    Tweets tweets = new Tweets(state.world(), services.settings().seed() * 0x2545F491L + 7);
    XRateLimits limits =
        new XRateLimits(
            DESCRIPTION,
            services.windows(),
            services.settings().rateWindowSeconds(),
            services.settings().rateLimits());
    Posting posting = new Posting(tweets);
    List<Endpoint> table = new ArrayList<>();
    V11Routes v1 = new V11Routes(tweets, limits, () -> table, posting);
    V2Routes v2 = new V2Routes(tweets, posting);
    XStreams streams =
        new XStreams(
            tweets,
            v2.json(),
            services.clock(),
            services.settings().keepAlive(),
            services.closing());
    table.addAll(XEndpoints.table(v1, v2, streams));
    new EndpointRouter(
            services,
            limits,
            (ctx, caller) -> {
              if (caller.app() != null) {
                ctx.header("x-access-level", caller.access().header());
              }
            })
        .register(router, table);
    RateWindows windows = services.windows();
    long window = limits.scaled(900);
    // Every X response carries the rate-limit headers (protocol-facts F), OAuth endpoints and
    // refusals too: those count against an anonymous window that never refuses.
    router.after(
        DESCRIPTION.prefix() + "/*",
        ctx -> {
          if (ctx.res().getHeader("x-rate-limit-limit") == null) {
            XRateLimits.headers(ctx, windows.count("oauth\n-", 180, window));
          }
        });
  }
}
