package dev.latchkey.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.http.ApiClient;
import dev.latchkey.http.ApiRequest;
import dev.latchkey.http.ApiResponse;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainOptions;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.keychain.PassphraseSources;
import dev.latchkey.oauth1.AccessType;
import dev.latchkey.oauth1.OAuth1Credentials;
import dev.latchkey.oauth1.OAuth1Signer;
import dev.latchkey.oauth1.PinAuthorization;
import dev.latchkey.oauth1.TemporaryCredentials;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxOptions;
import dev.latchkey.sandbox.SandboxPlatform;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library example at the top of README.md, run against the sandbox. The README's lines sit
 * between the BEGIN/END markers with only the person's PIN typing replaced, so a change to the API
 * that breaks the example breaks this test.
 */
class ReadmeExampleTest {

  @Test
  void readmeLibraryExampleRunsAgainstTheSandbox(@TempDir Path home) throws Exception {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().seed(0).build())) {
      SandboxKeys keys = sandbox.keys(SandboxPlatform.TWITTER);
      String secondUser = sandbox.users(SandboxPlatform.TWITTER).get(1).screenName();
      Map<String, String> env =
          Map.of(
              "LATCHKEY_HOME", home.toString(),
              "LATCHKEY_PASSPHRASE", "correct horse battery staple",
              "LATCHKEY_SANDBOX", sandbox.baseUri().toString());
      String consumerKey = keys.consumerKey();
      String consumerSecret = keys.consumerSecret();
      String screenName;

      // BEGIN README example
      KeychainOptions options =
          KeychainOptions.builder(
                  Keychain.defaultLocation(env), PassphraseSources.fromEnvironment(env))
              .build();
      Platform twitter = Platforms.configured(env, Platforms.defaultConfigFile(env)).get("twitter");
      ApiClient client = ApiClient.create(twitter);

      try (Keychain keychain = Keychain.open(options)) {
        AppCredentials app = AppCredentials.of(consumerKey, consumerSecret);

        // Three-legged OAuth 1.0a with a PIN (RFC 5849 section 2)
        PinAuthorization flow = new PinAuthorization(client, app);
        TemporaryCredentials started = flow.start(AccessType.READ);
        System.out.println("Open " + started.authorizeUri() + " and type the PIN it shows");
        String pin = sandbox.approve(SandboxPlatform.TWITTER, started.token().reveal(), secondUser);
        OAuth1Token token = flow.complete(started, pin);
        keychain.put(
            Account.empty(AccountId.parse("twitter/" + token.screenName()))
                .withApp(app)
                .withOAuth1(token));

        // A signed call; failures throw ApiException with the platform's own code and limits
        ApiResponse me =
            client.send(
                ApiRequest.get("/1.1/account/verify_credentials.json").build(),
                OAuth1Signer.create().authorization(OAuth1Credentials.user(app, token)));
        screenName = me.json().orElseThrow().get("screen_name").asText();
        System.out.println(screenName + " " + me.rateLimit().orElseThrow());
      }
      // END README example

      assertThat(screenName).isEqualTo(secondUser);
      try (Keychain reopened = Keychain.open(options)) {
        assertThat(reopened.get(AccountId.parse("twitter/" + secondUser))).isPresent();
      }
    }
  }
}
