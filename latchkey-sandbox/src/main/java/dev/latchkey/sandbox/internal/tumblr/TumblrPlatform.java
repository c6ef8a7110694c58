package dev.latchkey.sandbox.internal.tumblr;

import dev.latchkey.sandbox.SandboxPlatform;
import dev.latchkey.sandbox.internal.CredentialFormats;
import dev.latchkey.sandbox.internal.EndpointRouter;
import dev.latchkey.sandbox.internal.OAuth1Facts;
import dev.latchkey.sandbox.internal.OAuth2Facts;
import dev.latchkey.sandbox.internal.PlatformDescription;
import dev.latchkey.sandbox.internal.PlatformModule;
import dev.latchkey.sandbox.internal.PlatformServices;
import dev.latchkey.sandbox.internal.RandomStrings;
import dev.latchkey.sandbox.internal.SeedFacts;
import dev.latchkey.sandbox.internal.data.Role;
import io.javalin.router.JavalinDefaultRouting;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tumblr as the sandbox emulates it: API v2 under {@code /tumblr/v2} in the {@code meta}/{@code
 * response} envelope, OAuth 1.0a on {@code /oauth/*} (access token by GET or POST), OAuth 2 on
 * {@code /oauth2/authorize} and {@code /v2/oauth2/token} where the client is the consumer key
 * (protocol-facts G).
 */
public final class TumblrPlatform implements PlatformModule {
  /** The description of Tumblr. */
  public static final PlatformDescription DESCRIPTION =
      new PlatformDescription(
          SandboxPlatform.TUMBLR,
          Set.of("www.tumblr.com", "api.tumblr.com"),
          "Latchkey Sandbox Blog",
          new CredentialFormats(
              50,
              50,
              50,
              (userId, r) -> RandomStrings.alnum(r, 50),
              50,
              r -> RandomStrings.alnum(r, 64),
              null),
          new OAuth1Facts(
              "/oauth/request_token",
              List.of("/oauth/authorize"),
              "/oauth/access_token",
              true,
              false,
              List.of()),
          new OAuth2Facts(
              "/oauth2/authorize",
              "/v2/oauth2/token",
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.of("basic"),
              "/v2/",
              false,
              false,
              true,
              false,
              "offline_access",
              Set.of("write"),
              Set.of(),
              128),
          List.of(new PlatformDescription.ErrorRoute("/oauth/", TumblrErrors.plainText())),
          TumblrErrors.envelope(),
          new SeedFacts(
              10_000_000L,
              900_000_000L,
              "-sandbox",
              1000,
              '-',
              1_000_000_000L,
              List.of(
                  new Role(
                      "blog with 100,000 followers",
                      "popular-sandbox",
                      "Popular Sandbox",
                      100_000,
                      2_500,
                      false,
                      false),
                  new Role(
                      "blog with 4,000 posts",
                      "prolific-sandbox",
                      "Prolific Sandbox",
                      0,
                      4_000,
                      false,
                      false))),
          "api_key");

  @Override
  public PlatformDescription description() {
    return DESCRIPTION;
  }

  @Override
  public void register(JavalinDefaultRouting router, PlatformServices services) {
    Posts posts =
        new Posts(services.state().world(), services.settings().seed() * 0x2545F491L + 11);
    TumblrRateLimits limits =
        new TumblrRateLimits(
            DESCRIPTION,
            services.windows(),
            services.settings().rateWindowSeconds(),
            services.settings().rateLimits());
    services.limitKeys().add(TumblrRateLimits.HOUR);
    services.limitKeys().add(TumblrRateLimits.DAY);
    new EndpointRouter(services, limits, (ctx, caller) -> {})
        .register(router, TumblrEndpoints.table(new TumblrRoutes(posts)));
  }
}
