package dev.latchkey.collect;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.platform.Hosts;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxPlatform;
import java.util.List;

/** The sandbox's pre-registered app and owner token as a keychain account, and a gateway. */
final class SandboxAccount {
  private SandboxAccount() {}

  static Account account(Sandbox sandbox, SandboxPlatform platform) {
    SandboxKeys k = sandbox.keys(platform);
    String name = platform == SandboxPlatform.TWITTER ? "twitter/ada_sandbox" : "tumblr/ada";
    return Account.empty(AccountId.parse(name))
        .withApp(AppCredentials.of(k.consumerKey(), k.consumerSecret()))
        .withOAuth1(OAuth1Token.of(k.accessToken(), k.accessTokenSecret()));
  }

  static Platform platform(Sandbox sandbox, SandboxPlatform platform) {
    Platform p = platform == SandboxPlatform.TWITTER ? Platforms.twitter() : Platforms.tumblr();
    return p.withHosts(Hosts.all(sandbox.base(platform)));
  }

  /** The app-only bearer token of the pre-registered app (POST /oauth2/token). */
  static String bearer(Sandbox sandbox) throws Exception {
    SandboxKeys k = sandbox.keys(SandboxPlatform.TWITTER);
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString(
                (k.consumerKey() + ":" + k.consumerSecret())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(sandbox.twitterBase() + "/oauth2/token"))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                            "grant_type=client_credentials"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(response.body())
        .get("access_token")
        .asText();
  }

  /**
   * A gateway whose account holds the app's keys and its app-only bearer token but no user token,
   * so that every endpoint that takes app-only tokens gets one.
   */
  static AccountGateway gatewayWithBearer(Sandbox sandbox) throws Exception {
    SandboxKeys k = sandbox.keys(SandboxPlatform.TWITTER);
    Account app =
        Account.empty(AccountId.parse("twitter/app"))
            .withApp(AppCredentials.of(k.consumerKey(), k.consumerSecret()))
            .withBearer(dev.latchkey.keychain.BearerToken.of(bearer(sandbox)));
    return TestGateways.of(platform(sandbox, SandboxPlatform.TWITTER), app);
  }

  /** A gateway sending as the sandbox app's owner, with the credential each endpoint takes. */
  static AccountGateway gateway(Sandbox sandbox, SandboxPlatform platform) {
    return TestGateways.of(platform(sandbox, platform), account(sandbox, platform));
  }

  /** Every secret of the sandbox app, to grep output for. */
  static List<String> secrets(Sandbox sandbox, SandboxPlatform platform) {
    SandboxKeys k = sandbox.keys(platform);
    return List.of(k.consumerKey(), k.consumerSecret(), k.accessToken(), k.accessTokenSecret());
  }
}
