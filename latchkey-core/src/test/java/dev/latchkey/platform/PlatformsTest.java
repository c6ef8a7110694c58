package dev.latchkey.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformsTest {
  @TempDir Path home;

  private Path missingConfig() {
    return home.resolve("config.json");
  }

  @Test
  void defaultsAreTheRealHosts() {
    Platforms p = Platforms.configured(Map.of(), missingConfig());
    Platform twitter = p.get("twitter");
    assertThat(twitter.requestTokenUri())
        .isEqualTo(URI.create("https://api.x.com/oauth/request_token"));
    assertThat(twitter.api("/2/users/me")).isEqualTo(URI.create("https://api.x.com/2/users/me"));
    assertThat(twitter.web(twitter.oauth2().orElseThrow().authorizePath()))
        .isEqualTo(URI.create("https://x.com/i/oauth2/authorize"));
    Platform tumblr = p.get("TUMBLR");
    assertThat(tumblr.accessTokenUri())
        .isEqualTo(URI.create("https://www.tumblr.com/oauth/access_token"));
    assertThat(tumblr.api("/v2/user/info"))
        .isEqualTo(URI.create("https://api.tumblr.com/v2/user/info"));
    assertThat(tumblr.api(tumblr.oauth2().orElseThrow().tokenPath()))
        .isEqualTo(URI.create("https://api.tumblr.com/v2/oauth2/token"));
  }

  @Test
  void sandboxVariablePointsEveryPlatformUnderItsPrefix() {
    Platforms p =
        Platforms.configured(Map.of("LATCHKEY_SANDBOX", "http://127.0.0.1:4567/"), missingConfig());
    assertThat(p.get("twitter").requestTokenUri())
        .isEqualTo(URI.create("http://127.0.0.1:4567/twitter/oauth/request_token"));
    assertThat(p.get("tumblr").api("/v2/user/info"))
        .isEqualTo(URI.create("http://127.0.0.1:4567/tumblr/v2/user/info"));
  }

  @Test
  void perPlatformVariablesBeatTheSandboxAndTheConfigFile() throws Exception {
    Files.writeString(
        missingConfig(),
        "{\"sandbox\":\"http://127.0.0.1:1\",\"platforms\":{\"twitter\":{\"apiBase\":\"http://config.example\"}}}");
    Platforms p =
        Platforms.configured(
            Map.of(
                "LATCHKEY_SANDBOX", "http://127.0.0.1:2",
                "LATCHKEY_TWITTER_API_BASE", "https://proxy.example/x",
                "LATCHKEY_TUMBLR_OAUTH_BASE", "https://oauth.example"),
            missingConfig());
    assertThat(p.get("twitter").api("/2/users/me"))
        .isEqualTo(URI.create("https://proxy.example/x/2/users/me"));
    assertThat(p.get("twitter").requestTokenUri())
        .isEqualTo(URI.create("http://127.0.0.1:2/twitter/oauth/request_token"));
    assertThat(p.get("tumblr").requestTokenUri())
        .isEqualTo(URI.create("https://oauth.example/oauth/request_token"));
  }

  @Test
  void configFileSetsHostsWhenTheEnvironmentDoesNot() throws Exception {
    Files.writeString(
        missingConfig(),
        "{\"platforms\":{\"twitter\":{\"hosts\":\"legacy\"},\"tumblr\":{\"apiBase\":\"http://127.0.0.1:9/t\"}}}");
    Platforms p = Platforms.configured(Map.of(), missingConfig());
    assertThat(p.get("twitter").api("/1.1/x.json"))
        .isEqualTo(URI.create("https://api.twitter.com/1.1/x.json"));
    assertThat(p.get("tumblr").api("/v2/x")).isEqualTo(URI.create("http://127.0.0.1:9/t/v2/x"));
  }

  @Test
  void legacyTwitterHostsAreSelectableByVariable() {
    Platforms p = Platforms.configured(Map.of("LATCHKEY_TWITTER_HOSTS", "legacy"), missingConfig());
    assertThat(p.get("twitter").requestTokenUri())
        .isEqualTo(URI.create("https://api.twitter.com/oauth/request_token"));
    assertThatThrownBy(
            () -> Platforms.configured(Map.of("LATCHKEY_TUMBLR_HOSTS", "legacy"), missingConfig()))
        .hasMessage("environment: tumblr has no host set 'legacy'; choose one of (none)");
  }

  @Test
  void badValuesAreNamedWithTheirSource() throws Exception {
    assertThatThrownBy(
            () ->
                Platforms.configured(
                    Map.of("LATCHKEY_TWITTER_API_BASE", "ftp://x"), missingConfig()))
        .hasMessageContaining("LATCHKEY_TWITTER_API_BASE")
        .hasMessageContaining("https://api.x.com");
    Files.writeString(missingConfig(), "{\"platforms\":{\"myspace\":{}}}");
    assertThatThrownBy(() -> Platforms.configured(Map.of(), missingConfig()))
        .hasMessageContaining("unknown platform 'myspace'");
    Files.writeString(missingConfig(), "{\"sandbx\":\"http://x\"}");
    assertThatThrownBy(() -> Platforms.configured(Map.of(), missingConfig()))
        .hasMessageStartingWith("config file " + missingConfig() + " is not valid");
    assertThatThrownBy(() -> Platforms.builtIn().get("facebook"))
        .hasMessage("unknown platform 'facebook'; choose one of twitter, tumblr");
  }

  @Test
  void aConfigFileThatIsADeviceOrTooLargeIsRefusedNamingIt() throws Exception {
    assertThatThrownBy(
            () ->
                assertTimeoutPreemptively(
                    Duration.ofSeconds(5),
                    () -> Platforms.configured(Map.of(), Path.of("/dev/zero"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("config file /dev/zero is a device, not a regular file");
    Files.writeString(missingConfig(), "{\"sandbox\": \"" + "x".repeat(1 << 20) + "\"}");
    assertThatThrownBy(() -> Platforms.configured(Map.of(), missingConfig()))
        .hasMessageStartingWith("config file " + missingConfig() + " is larger than 1 MiB");
  }

  @Test
  void configFileLivesUnderLatchkeyHomeThenXdg() {
    assertThat(Platforms.defaultConfigFile(Map.of("LATCHKEY_HOME", "/lk", "XDG_CONFIG_HOME", "/x")))
        .isEqualTo(Path.of("/lk/config.json"));
    assertThat(Platforms.defaultConfigFile(Map.of("XDG_CONFIG_HOME", "/x", "HOME", "/h")))
        .isEqualTo(Path.of("/x/latchkey/config.json"));
    assertThat(Platforms.defaultConfigFile(Map.of("HOME", "/h")))
        .isEqualTo(Path.of("/h/.config/latchkey/config.json"));
  }

  @Test
  void everyPlatformIsDescribedByDataAlone() {
    for (Platform p : Platforms.builtIn().all()) {
      assertThat(p.identity()).isNotEmpty();
      assertThat(p.errorStyles()).isNotEmpty();
      assertThat(p.oauth1().orElseThrow().accessTokenMethod()).isIn("GET", "POST");
      assertThat(p.environmentPrefix()).isEqualTo("LATCHKEY_" + p.name().toUpperCase() + "_");
    }
  }
}
