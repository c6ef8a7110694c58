package dev.latchkey.sandbox.internal.twitter;

import dev.latchkey.sandbox.SandboxPlatform;
import dev.latchkey.sandbox.internal.CredentialFormats;
import dev.latchkey.sandbox.internal.OAuth1Facts;
import dev.latchkey.sandbox.internal.OAuth2Facts;
import dev.latchkey.sandbox.internal.PlatformDescription;
import dev.latchkey.sandbox.internal.PlatformModule;
import dev.latchkey.sandbox.internal.PlatformServices;
import dev.latchkey.sandbox.internal.PlatformState;
import dev.latchkey.sandbox.internal.RandomStrings;
import dev.latchkey.sandbox.internal.SeedFacts;
import io.javalin.router.JavalinDefaultRouting;
import java.nio.charset.StandardCharsets;
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
          "X (Twitter)",
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
              Set.of("dm.read", "dm.write")),
          List.of(new PlatformDescription.ErrorRoute("/2/", new XV2Problems())),
          new XV11Errors(),
          new SeedFacts(
              100_000_000L,
              2_000_000_000L,
              "_sandbox",
              (millis, r) -> PlatformState.snowflake(millis, r.nextInt(0, 4096))));

  @Override
  public PlatformDescription description() {
    return DESCRIPTION;
  }

  @Override
  public void register(JavalinDefaultRouting router, PlatformServices services) {
    new TwitterRoutes(services).register(router);
  }
}
