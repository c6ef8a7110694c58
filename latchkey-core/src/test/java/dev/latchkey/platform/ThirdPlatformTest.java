package dev.latchkey.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A platform with no OAuth 1.0a, an OAuth 2 client alone for its app and rate-limit resets as
 * ISO-8601 times (Mastodon's shape) is described with data alone, and the platform model answers
 * for it as for the built-in ones.
 */
class ThirdPlatformTest {
  static Platform mastodonLike(URI base) {
    return Platform.builder("mastodon", "Mastodon")
        .hosts(Hosts.all(base))
        .oauth2(
            new OAuth2Endpoints(
                "/oauth/authorize",
                "/oauth/token",
                "/oauth/revoke",
                null,
                null,
                ClientAuthentication.BODY,
                "/api/v1/instance",
                List.of("read"),
                false))
        .identity(new IdentityEndpoint("/api/v1/accounts/verify_credentials", "/id", "/acct"))
        .rateLimitHeaders(
            new RateLimitHeaders(
                "x-ratelimit-limit",
                "x-ratelimit-remaining",
                "x-ratelimit-reset",
                RateLimitHeaders.Reset.ISO_8601))
        .developerPortal(URI.create("https://mastodon.example/settings/applications"))
        .endpoints(
            List.of(
                new Endpoint(
                    "GET",
                    "/api/v1/accounts/verify_credentials",
                    Set.of(CredentialKind.OAUTH2_USER),
                    Set.of("read"),
                    Pagination.none(""),
                    RateLimitFamily.perQuarterHour("all", 300, 300))))
        .build();
  }

  @Test
  void aPlatformWithoutOAuth1IsDescribedAndSaysSo() {
    Platform m = mastodonLike(URI.create("https://mastodon.example"));
    assertThat(m.oauth1()).isEmpty();
    assertThat(m.oauth2()).isPresent();
    assertThatThrownBy(m::requestTokenUri)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Mastodon has no OAuth 1.0a endpoints");
    assertThat(m.endpoint("GET", "/api/v1/accounts/verify_credentials").orElseThrow().scopes())
        .containsExactly("read");
    assertThat(m.problem(429, List.of(), null, null, null, "/x")).isEqualTo(ProblemKind.UNKNOWN);
  }

  @Test
  void builtInPlatformsSurviveARoundTripThroughTheirBuilder() {
    for (Platform p : Platforms.builtIn().all()) {
      Platform again = p.toBuilder().build();
      assertThat(again.endpoints()).isEqualTo(p.endpoints());
      assertThat(again.rateLimitWindows()).isEqualTo(p.rateLimitWindows());
      assertThat(again.errors()).isEqualTo(p.errors());
      assertThat(again.oauth1()).isEqualTo(p.oauth1());
      assertThat(again.oauth2()).isEqualTo(p.oauth2());
    }
  }

  @Test
  void pathsUnderTheSandboxPrefixAreNamedWithoutIt() {
    Platform x = Platforms.twitter().withHosts(Hosts.all(URI.create("http://127.0.0.1:9/twitter")));
    assertThat(x.pathUnderBase(URI.create("http://127.0.0.1:9/twitter/oauth/access_token?a=b")))
        .isEqualTo("/oauth/access_token");
    assertThat(x.pathUnderBase(URI.create("https://elsewhere.example/twitter/2/users/me")))
        .isEqualTo("/twitter/2/users/me");
  }
}
