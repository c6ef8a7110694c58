package dev.latchkey.collect;

import dev.latchkey.http.ApiClient;
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

  static AccountGateway gateway(Sandbox sandbox, SandboxPlatform platform) {
    return new ApiClientGateway(
        ApiClient.create(platform(sandbox, platform)), account(sandbox, platform));
  }

  /** Every secret of the sandbox app, to grep output for. */
  static List<String> secrets(Sandbox sandbox, SandboxPlatform platform) {
    SandboxKeys k = sandbox.keys(platform);
    return List.of(k.consumerKey(), k.consumerSecret(), k.accessToken(), k.accessTokenSecret());
  }
}
