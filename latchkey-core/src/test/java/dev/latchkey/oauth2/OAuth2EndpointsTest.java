package dev.latchkey.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.platform.Hosts;
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
}
