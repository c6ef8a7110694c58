package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainOptions;
import dev.latchkey.keychain.PassphraseSource;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxOptions;
import dev.latchkey.sandbox.SandboxPlatform;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code latchkey rotate} end to end against the sandbox: an app whose secret leaked into a file,
 * used by the owner's account (user token and bearer) and by a second account authorized with the
 * PIN flow; the keys are regenerated in the sandbox halfway, as a person would in the portal.
 */
class RotateCommandTest {
  @TempDir Path home;
  @TempDir Path work;
  private Sandbox sandbox;
  private Cli cli;
  private SandboxKeys keys;
  private String ada;
  private String brook;
  private final List<String> transcript = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    sandbox = Sandbox.start(SandboxOptions.builder().port(0).seed(5).build());
    cli = new Cli(home);
    cli.env.put("LATCHKEY_SANDBOX", sandbox.baseUri().toString());
    cli.env.put("LATCHKEY_NO_BROWSER", "1");
    keys = sandbox.keys(SandboxPlatform.TWITTER);
    ada = sandbox.users(SandboxPlatform.TWITTER).get(0).screenName();
    brook = sandbox.users(SandboxPlatform.TWITTER).get(1).screenName();
    Path json =
        Files.writeString(
            work.resolve("ada.json"),
            "{\"consumer_key\":\""
                + keys.consumerKey()
                + "\",\"consumer_secret\":\""
                + keys.consumerSecret()
                + "\",\"access_token\":\""
                + keys.accessToken()
                + "\",\"access_token_secret\":\""
                + keys.accessTokenSecret()
                + "\"}");
    record(cli.run("keys", "add", "twitter/ada", "--from-json", json.toString())).assertOk();
    Files.delete(json);
    record(cli.run("auth", "twitter", "--bearer", "--account", "ada")).assertOk();
    BackgroundRun pin =
        new BackgroundRun(cli.env, "auth", "twitter", "--account", "brook", "--app", "twitter/ada");
    pin.type(approve(pin.awaitUrl("/oauth/authorize?oauth_token="), brook));
    record(pin.finish()).assertOk();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private Cli.Result record(Cli.Result r) {
    transcript.add(r.out());
    transcript.add(r.err());
    return r;
  }

  private String approve(URI authorize, String screenName) {
    String token = authorize.getQuery().replaceFirst(".*oauth_token=([^&]+).*", "$1");
    return sandbox.approve(SandboxPlatform.TWITTER, token, screenName);
  }

  private Account stored(String name) throws Exception {
    try (Keychain k =
        Keychain.open(
            KeychainOptions.builder(
                    home.resolve("keychain.age"), PassphraseSource.of(Cli.PASSPHRASE.toCharArray()))
                .createIfMissing(false)
                .build())) {
      return k.get(new AccountId("twitter", name)).orElseThrow();
    }
  }

  @Test
  void rotateWalksTheWholeRecoveryAndEveryAccountWorksAgain() throws Exception {
    Path leak =
        Files.writeString(work.resolve("config.py"), "SECRET = '" + keys.consumerSecret() + "'\n");
    assertThat(record(cli.run("scan", work.toString())).exitCode()).isEqualTo(ExitCode.FAILURE);

    BackgroundRun rotate = new BackgroundRun(cli.env, "rotate", "twitter/ada", "--no-browser");
    rotate.awaitOut("Regenerate the app's consumer key and secret");
    SandboxKeys fresh = sandbox.regenerateApp(SandboxPlatform.TWITTER, keys.consumerKey());
    rotate.type(fresh.consumerKey());
    rotate.type(fresh.consumerSecret());
    rotate.type(approve(rotate.awaitUrl("/oauth/authorize?oauth_token=", 1), ada));
    rotate.type(approve(rotate.awaitUrl("/oauth/authorize?oauth_token=", 2), brook));
    Cli.Result r = record(rotate.finish());
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCode.OK);
    assertThat(r.out())
        .contains("used by twitter/ada, twitter/brook")
        .contains("twitter/ada OAuth 1.0a user token invalidated")
        .contains("twitter/ada app-only bearer token invalidated")
        .contains("twitter/brook OAuth 1.0a user token invalidated")
        .contains("Keys and tokens")
        .contains("twitter/ada user token (PIN): done")
        .contains("twitter/ada app-only bearer token: done")
        .contains("twitter/brook user token (PIN): done")
        .contains("✓ twitter/ada: ok")
        .contains("✓ twitter/brook: ok")
        .contains(leak + " still holds the old (now dead) secrets")
        .contains("Rotation done:");

    Account newAda = stored("ada");
    Account newBrook = stored("brook");
    assertThat(newAda.app().consumerKey().reveal()).isEqualTo(fresh.consumerKey());
    assertThat(newBrook.app().consumerKey().reveal()).isEqualTo(fresh.consumerKey());
    assertThat(newAda.oauth1().screenName()).isEqualTo(ada);
    assertThat(newBrook.oauth1().screenName()).isEqualTo(brook);
    assertThat(newAda.bearer()).isNotNull();
    assertThat(
            record(
                    cli.run(
                        "api",
                        "--account",
                        "twitter/brook",
                        "/1.1/account/verify_credentials.json"))
                .exitCode())
        .isEqualTo(ExitCode.OK);

    String all = String.join("\n", transcript);
    for (String secret :
        List.of(
            keys.consumerSecret(),
            keys.accessTokenSecret(),
            fresh.consumerSecret(),
            fresh.consumerKey(),
            newAda.oauth1().tokenSecret().reveal(),
            newAda.bearer().token().reveal(),
            newBrook.oauth1().tokenSecret().reveal())) {
      assertThat(all).doesNotContain(secret);
    }
  }

  @Test
  void typingTheOldKeysAgainIsRefusedAndTheAccountsKeepTheirKeys() throws Exception {
    Cli.Result r =
        record(
            cli.runWithInput(
                keys.consumerKey() + "\n" + keys.consumerSecret() + "\n", "rotate", "twitter/ada"));
    r.assertFailure("old keys");
    assertThat(stored("brook").oauth1()).as("invalidated at step 1, so gone").isNull();
    assertThat(stored("brook").app().consumerKey().reveal()).isEqualTo(keys.consumerKey());
    assertThat(stored("ada").app().consumerKey().reveal()).isEqualTo(keys.consumerKey());
    assertThat(String.join("\n", transcript)).doesNotContain(keys.consumerSecret());
  }
}
