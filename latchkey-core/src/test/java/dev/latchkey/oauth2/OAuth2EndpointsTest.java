package dev.latchkey.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.platform.ClientAuthentication;
import dev.latchkey.platform.Hosts;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import java.net.URI;
import org.junit.jupiter.api.Test;

class OAuth2EndpointsTest {

  @Test
  void twitterDescriptionGivesTheSameEndpointsAsTheTwitterFactory() {
    OAuth2Endpoints fromPlatform = OAuth2Endpoints.of(Platforms.twitter());
    assertThat(fromPlatform)
        .isEqualTo(OAuth2Endpoints.twitter(OAuth2Endpoints.X_API, OAuth2Endpoints.X_WEB));
    assertThat(fromPlatform.authorize()).hasToString("https://x.com/i/oauth2/authorize");
    assertThat(fromPlatform.appTokenInvalidate())
        .hasToString("https://api.x.com/oauth2/invalidate_token");
  }

  @Test
  void tumblrDescriptionGivesTheTumblrEndpoints() {
    assertThat(OAuth2Endpoints.of(Platforms.tumblr()))
        .isEqualTo(OAuth2Endpoints.tumblr(OAuth2Endpoints.TUMBLR_API, OAuth2Endpoints.TUMBLR_WEB));
  }

  @Test
  void sandboxHostsKeepTheirPathPrefix() {
    URI base = URI.create("http://127.0.0.1:4567/twitter");
    OAuth2Endpoints e = OAuth2Endpoints.of(Platforms.twitter().withHosts(Hosts.all(base)));
    assertThat(e.token()).hasToString("http://127.0.0.1:4567/twitter/2/oauth2/token");
    assertThat(e.authorize()).hasToString("http://127.0.0.1:4567/twitter/i/oauth2/authorize");
    assertThat(e.appToken()).hasToString("http://127.0.0.1:4567/twitter/oauth2/token");
  }

  @Test
  void invalidatePathAndClientAuthenticationComeFromTheDescriptionNotFromConvention() {
    Platform t = Platforms.twitter();
    Platform changed =
        new Platform(
            t.name(),
            t.displayName(),
            t.hosts(),
            t.alternateHosts(),
            t.oauth1(),
            new dev.latchkey.platform.OAuth2Endpoints(
                "/i/oauth2/authorize",
                "/2/oauth2/token",
                null,
                "/oauth2/token",
                "/oauth2/app/forget",
                ClientAuthentication.BODY,
                null,
                java.util.List.of("tweet.read"),
                false),
            t.identity(),
            t.accessLevelHeader(),
            t.errorStyles(),
            t.rateLimitHeaders(),
            t.developerPortal());

    OAuth2Endpoints e = OAuth2Endpoints.of(changed);

    assertThat(e.appTokenInvalidate()).hasToString("https://api.x.com/oauth2/app/forget");
    assertThat(e.clientAuthentication()).isEqualTo(ClientAuthentication.BODY);
    assertThat(e.appTokenAuthentication()).isEqualTo(ClientAuthentication.BODY);
    assertThat(e.revoke()).isNull();
    assertThat(OAuth2Endpoints.of(Platforms.tumblr()).appTokenInvalidate()).isNull();
  }
}
