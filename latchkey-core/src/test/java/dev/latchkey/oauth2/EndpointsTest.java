package dev.latchkey.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.platform.ClientAuthentication;
import dev.latchkey.platform.Hosts;
import dev.latchkey.platform.OAuth2Endpoints;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointsTest {

  @Test
  void twitterEndpointsAreTheRealHostsByDefault() {
    Endpoints e = Endpoints.of(Platforms.twitter());
    assertThat(e.authorize()).hasToString("https://x.com/i/oauth2/authorize");
    assertThat(e.token()).hasToString("https://api.x.com/2/oauth2/token");
    assertThat(e.revoke()).hasToString("https://api.x.com/2/oauth2/revoke");
    assertThat(e.appToken()).hasToString("https://api.x.com/oauth2/token");
    assertThat(e.appTokenInvalidate()).hasToString("https://api.x.com/oauth2/invalidate_token");
    assertThat(e.clientAuthentication()).isEqualTo(ClientAuthentication.BASIC);
  }

  @Test
  void tumblrUsesOneTokenEndpointAndHasNoRevocation() {
    Endpoints e = Endpoints.of(Platforms.tumblr());
    assertThat(e.authorize()).hasToString("https://www.tumblr.com/oauth2/authorize");
    assertThat(e.token()).hasToString("https://api.tumblr.com/v2/oauth2/token");
    assertThat(e.appToken()).isEqualTo(e.token());
    assertThat(e.revoke()).isNull();
    assertThat(e.appTokenInvalidate()).isNull();
    assertThat(e.clientAuthentication()).isEqualTo(ClientAuthentication.BODY);
  }

  @Test
  void sandboxHostsKeepTheirPathPrefix() {
    URI base = URI.create("http://127.0.0.1:4567/twitter");
    Endpoints e = Endpoints.of(Platforms.twitter().withHosts(Hosts.all(base)));
    assertThat(e.token()).hasToString("http://127.0.0.1:4567/twitter/2/oauth2/token");
    assertThat(e.authorize()).hasToString("http://127.0.0.1:4567/twitter/i/oauth2/authorize");
    assertThat(e.appToken()).hasToString("http://127.0.0.1:4567/twitter/oauth2/token");
  }

  @Test
  void invalidatePathAndClientAuthenticationComeFromTheDescriptionNotFromConvention() {
    Platform t = Platforms.twitter();
    Platform changed =
        t.toBuilder()
            .oauth2(
                new OAuth2Endpoints(
                    "/i/oauth2/authorize",
                    "/2/oauth2/token",
                    null,
                    "/oauth2/token",
                    "/oauth2/app/forget",
                    ClientAuthentication.BODY,
                    null,
                    List.of("tweet.read"),
                    false))
            .build();

    Endpoints e = Endpoints.of(changed);

    assertThat(e.appTokenInvalidate()).hasToString("https://api.x.com/oauth2/app/forget");
    assertThat(e.clientAuthentication()).isEqualTo(ClientAuthentication.BODY);
    assertThat(e.revoke()).isNull();
  }

  @Test
  void aPlatformWithoutOAuth2IsRefusedByName() {
    Platform t = Platforms.twitter();
    Platform none = t.toBuilder().oauth2(null).build();
    assertThatThrownBy(() -> Endpoints.of(none))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("X (Twitter) has no OAuth 2 endpoints");
  }
}
