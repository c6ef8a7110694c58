package dev.latchkey.sandbox.internal.tumblr;

import dev.latchkey.sandbox.SandboxPlatform;
import dev.latchkey.sandbox.internal.CredentialFormats;
import dev.latchkey.sandbox.internal.OAuth1Facts;
import dev.latchkey.sandbox.internal.OAuth2Facts;
import dev.latchkey.sandbox.internal.PlatformDescription;
import dev.latchkey.sandbox.internal.PlatformModule;
import dev.latchkey.sandbox.internal.PlatformServices;
import dev.latchkey.sandbox.internal.RandomStrings;
import dev.latchkey.sandbox.internal.SeedFacts;
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
          "Tumblr",
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
              Set.of()),
          List.of(new PlatformDescription.ErrorRoute("/oauth/", new PlainTextErrors())),
          new TumblrEnvelopeErrors(),
          new SeedFacts(
              10_000_000L,
              900_000_000L,
              "-sandbox",
              (millis, r) -> 600_000_000_000_000_000L + millis / 1000 * 1000 + r.nextInt(0, 1000)));

  @Override
  public PlatformDescription description() {
    return DESCRIPTION;
  }

  @Override
  public void register(JavalinDefaultRouting router, PlatformServices services) {
    new TumblrRoutes(services).register(router);
  }
}
