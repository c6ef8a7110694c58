package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainOptions;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxOptions;
import dev.latchkey.sandbox.SandboxPlatform;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code auth}, {@code status} and {@code api} end to end against the sandbox on a free loopback
 * port, with the test playing the person at the browser. Every run's output is searched for every
 * credential used.
 */
class AuthStatusApiTest {
  @TempDir Path home;

  private Sandbox sandbox;
  private Cli cli;
  private SandboxKeys twitter;
  private SandboxKeys tumblr;
  private String owner;
  private final List<String> transcript = new ArrayList<>();
  private final Person person = new Person();

  @BeforeEach
  void start() {
    sandbox = Sandbox.start(SandboxOptions.builder().port(0).seed(11).build());
    cli = new Cli(home);
    cli.env.put("LATCHKEY_SANDBOX", sandbox.baseUri().toString());
    cli.env.put("LATCHKEY_NO_BROWSER", "1");
    twitter = sandbox.keys(SandboxPlatform.TWITTER);
    tumblr = sandbox.keys(SandboxPlatform.TUMBLR);
    owner = sandbox.users(SandboxPlatform.TWITTER).get(0).screenName();
  }

  @AfterEach
  void stop() throws Exception {
    sandbox.close();
    assertNoSecretPrinted();
  }

  private Cli.Result run(String stdin, String... args) {
    Cli.Result r = cli.runWithInput(stdin, args);
    transcript.add(r.out());
    transcript.add(r.err());
    return r;
  }

  private Cli.Result record(Cli.Result r) {
    transcript.add(r.out());
    transcript.add(r.err());
    return r;
  }

  private static String lines(String... values) {
    return String.join("\n", values) + "\n";
  }

  /** Manual entry of the sandbox's own keys, as MassMine's twitter-auth does it. */
  private Cli.Result manualTwitter(String account) {
    return run(
        lines(
            twitter.consumerKey(),
            twitter.consumerSecret(),
            twitter.accessToken(),
            twitter.accessTokenSecret()),
        "auth",
        "twitter",
        "--manual",
        "--account",
        account);
  }

  @Test
  void aRejectedPinSaysSoAndNamesWhatToDo() throws Exception {
    BackgroundRun running = new BackgroundRun(cli.env, "auth", "twitter", "--account", "brook");
    running.type(twitter.consumerKey());
    running.type(twitter.consumerSecret());
    URI authorize = running.awaitUrl("/twitter/oauth/authorize?oauth_token=");
    person.allowAndReadPin(authorize);
    running.type("0000000");
    Cli.Result r = record(running.finish());
    r.assertFailure(
        "X (Twitter) rejected the PIN typed for twitter/brook: run the command again and type the"
            + " PIN the authorize page shows");
    assertThat(r.err()).doesNotContain("keys wrong").doesNotContain("Opening");
  }

  @Test
  void apiTakesThePlatformFromThePathWhenAccountsExistOnBoth() throws Exception {
    manualTwitter("alice").assertOk();
    run(lines(tumblr.consumerKey(), tumblr.consumerSecret(), "", ""), "keys", "add", "tumblr/blog")
        .assertOk();
    Cli.Result me = run("", "api", "/1.1/account/verify_credentials.json").assertOk();
    assertThat(me.out()).contains("\"screen_name\" : \"" + owner + "\"");
    Cli.Result info =
        run(
                "",
                "api",
                "/v2/blog/" + sandbox.users(SandboxPlatform.TUMBLR).get(0).screenName() + "/info")
            .assertOk();
    assertThat(info.out()).contains("\"blog\"");
    run("", "api", "/3/unknown").assertUsage("/3/unknown is not in any platform's endpoint table");
    run("", "api", "/1.1/account/verify_credentials.json", "--account", "alice").assertOk();
  }

  @Test
  void dataParametersGoInTheBodyOfAPostAsInTwurl() throws Exception {
    manualTwitter("alice").assertOk();
    Cli.Result posted =
        run("", "api", "-d", "status=posted with -d", "/1.1/statuses/update.json").assertOk();
    assertThat(posted.out()).contains("posted with -d");
    run("", "api", "-X", "GET", "-d", "a=b", "/1.1/statuses/update.json")
        .assertUsage("-d sends a body, which GET has not");
  }

  @Test
  void keysAddTriesTheKeysFirstAndStoresNothingWhenThePlatformRefuses() {
    run(
            lines(
                twitter.consumerKey(),
                "wrong-consumer-secret-value",
                twitter.accessToken(),
                twitter.accessTokenSecret()),
            "keys",
            "add",
            "twitter/bad")
        .assertFailure(
            "the OAuth 1.0a user token entered for twitter/bad did not work: twitter GET"
                + " /twitter/1.1/account/verify_credentials.json failed: HTTP 401, code 32");
    run("", "keys", "list");
    assertThat(transcript.get(transcript.size() - 2)).doesNotContain("twitter/bad");
  }

  @Test
  void keysAddWithThePlatformAloneNamesTheAccountAfterTheScreenName() {
    Cli.Result r =
        run(
                lines(
                    twitter.consumerKey(),
                    twitter.consumerSecret(),
                    twitter.accessToken(),
                    twitter.accessTokenSecret()),
                "keys",
                "add",
                "twitter")
            .assertOk();
    assertThat(r.out())
        .isEqualTo(
            "added twitter/"
                + owner
                + " (app, oauth1; key "
                + twitter.consumerKey().substring(0, 4)
                + "…), the default twitter account, checked: @"
                + owner
                + "\n");
  }

  @Test
  void keysAddForceSaysItReplacedAndWhatItKeptOrDropped() throws Exception {
    manualTwitter("alice").assertOk();
    run("", "auth", "twitter", "--account", "alice", "--bearer").assertOk();
    Cli.Result same =
        run(
                lines(
                    twitter.consumerKey(),
                    twitter.consumerSecret(),
                    twitter.accessToken(),
                    twitter.accessTokenSecret()),
                "keys",
                "add",
                "twitter/alice",
                "--force")
            .assertOk();
    assertThat(same.out())
        .startsWith("unchanged twitter/alice (app, oauth1, bearer;")
        .endsWith("; kept: app keys, OAuth 1.0a user token, app-only bearer token\n");
    SandboxKeys other =
        sandbox.registerApp(SandboxPlatform.TWITTER, "other", "read-write", List.of());
    Cli.Result changed =
        run(
                lines(other.consumerKey(), other.consumerSecret(), "", ""),
                "keys",
                "add",
                "twitter/alice",
                "--force")
            .assertOk();
    assertThat(changed.out())
        .contains("replaced: app keys")
        .contains(
            "dropped: OAuth 1.0a user token (issued to the old app keys), app-only bearer token"
                + " (of the old app keys)");
  }

  @Test
  void revokeInvalidatesTheOAuth1TokenAtThePlatformAndAKeptCopyIsRefusedAfterwards()
      throws Exception {
    manualTwitter("alice").assertOk();
    manualTwitter("copy").assertOk();

    Cli.Result r = run("", "revoke", "alice").assertOk();

    assertThat(r.out())
        .isEqualTo(
            "revoked the OAuth 1.0a user token of twitter/alice at X (Twitter)\n"
                + "removed them from the keychain; the app's keys stay\n");
    Cli.Result status = run("", "status", "twitter/copy");
    assertThat(status.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(status.out()).contains("code 89").contains("--account twitter/copy");
    Cli.Result local = run("", "revoke", "twitter/copy", "--local-only").assertOk();
    assertThat(local.out()).contains("did not ask X (Twitter) to revoke the OAuth 1.0a user token");
    run("", "revoke", "twitter/copy")
        .assertFailure("twitter/copy holds no token to revoke (only app keys");
  }

  @Test
  void pinFlowSavesAVerifiedTokenUnderTheScreenName() throws Exception {
    BackgroundRun running = new BackgroundRun(cli.env, "auth", "twitter", "--access", "read");
    running.type(twitter.consumerKey());
    running.type(twitter.consumerSecret());
    URI authorize = running.awaitUrl("/twitter/oauth/authorize?oauth_token=");
    String pin = person.allowAndReadPin(authorize);
    running.type(pin);
    Cli.Result r = record(running.finish()).assertOk();

    assertThat(r.out())
        .startsWith("authorized twitter/" + owner + " as @" + owner + " (id ")
        .contains(", access read; saved in " + home.resolve("keychain.age"))
        .contains("(the default twitter account)");
    Account saved = keychainAccount(new AccountId("twitter", owner));
    assertThat(saved.oauth1().screenName()).isEqualTo(owner);
    assertThat(saved.oauth1().accessLevel()).isEqualTo("read");
    assertThat(saved.app().consumerKey().reveal()).isEqualTo(twitter.consumerKey());
  }

  @Test
  void tumblrPinFlowUsesTheAppOfTheDefaultAccount() throws Exception {
    run(lines(tumblr.consumerKey(), tumblr.consumerSecret(), "", ""), "keys", "add", "tumblr/myapp")
        .assertOk();
    BackgroundRun running = new BackgroundRun(cli.env, "auth", "tumblr", "--account", "blog");
    URI authorize = running.awaitUrl("/tumblr/oauth/authorize?oauth_token=");
    running.type(person.allowAndReadPin(authorize));
    Cli.Result r = record(running.finish()).assertOk();
    String blog = sandbox.users(SandboxPlatform.TUMBLR).get(0).screenName();
    assertThat(r.err()).contains("using the app of tumblr/myapp");
    assertThat(r.out()).startsWith("authorized tumblr/blog as @" + blog + ";");
  }

  @Test
  void callbackFlowReceivesTheVerifierOnLoopback() throws Exception {
    BackgroundRun running =
        new BackgroundRun(
            cli.env, "auth", "twitter", "--callback", "--port", "0", "--account", "cb");
    running.type(twitter.consumerKey());
    running.type(twitter.consumerSecret());
    URI authorize = running.awaitUrl("/twitter/oauth/authorize?oauth_token=");
    HttpResponse<String> page = person.allowAndFollowCallback(authorize);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("You can close this tab");
    Cli.Result r = record(running.finish()).assertOk();
    assertThat(r.err())
        .containsPattern("waiting for the callback at http://127\\.0\\.0\\.1:\\d+/callback");
    assertThat(r.out()).startsWith("authorized twitter/cb as @" + owner);
  }

  @Test
  void deniedAuthorizationFailsWithOneLine() throws Exception {
    BackgroundRun running =
        new BackgroundRun(cli.env, "auth", "twitter", "--callback", "--port", "0");
    running.type(twitter.consumerKey());
    running.type(twitter.consumerSecret());
    URI authorize = running.awaitUrl("oauth_token=");
    HttpResponse<String> redirect = person.decide(authorize, "cancel");
    java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    URI.create(redirect.headers().firstValue("Location").orElseThrow()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    record(running.finish())
        .assertFailure(
            "the authorization was denied on twitter; run the command again and choose Authorize");
  }

  @Test
  void wrongConsumerSecretIsReportedAsWrongKeys() {
    run(lines(twitter.consumerKey(), "not-the-consumer-secret-at-all"), "auth", "twitter")
        .assertFailure("code 32")
        .assertFailure(
            "X (Twitter) could not authenticate the new account: check its consumer key");
  }

  @Test
  void manualEntryIsVerifiedAndSaved() throws Exception {
    manualTwitter("bob").assertOk();
    assertThat(keychainAccount(new AccountId("twitter", "bob")).oauth1().accessLevel())
        .isEqualTo("read-write");
  }

  @Test
  void massMineTaskOptionIsManualAuth() throws Exception {
    Cli.Result r =
        run(
                lines(
                    "yes",
                    twitter.consumerKey(),
                    twitter.consumerSecret(),
                    twitter.accessToken(),
                    twitter.accessTokenSecret()),
                "--task=twitter-auth")
            .assertOk();
    assertThat(r.err())
        .startsWith("Would you like to setup your Twitter credentials?\n")
        .contains("Warning: continuing will over-write any previous credentials")
        .contains("Consumer key: ");
    assertThat(r.out())
        .isEqualTo(
            "Authentication setup finished!\nsaved as twitter/"
                + owner
                + " (@"
                + owner
                + "), checked with X (Twitter)\n");
    run("", "--task=facebook-auth").assertUsage("--task facebook-auth is not known");
  }

  @Test
  void manualEntryOfARevokedTokenIsNotSaved() {
    sandbox.revokeUserTokens(SandboxPlatform.TWITTER, owner);
    manualTwitter("bob")
        .assertFailure(
            "nothing was saved; the OAuth 1.0a user token of twitter/bob was revoked or has"
                + " expired: run latchkey auth twitter --account twitter/bob");
    run("", "keys", "list");
    assertThat(transcript.get(transcript.size() - 2)).doesNotContain("twitter/bob");
  }

  @Test
  void statusReportsGoodTokensThenTheRevokedOneWithItsFix() throws Exception {
    manualTwitter("alice").assertOk();
    run(
            lines(
                tumblr.consumerKey(),
                tumblr.consumerSecret(),
                tumblr.accessToken(),
                tumblr.accessTokenSecret()),
            "auth",
            "tumblr",
            "--manual",
            "--account",
            "blog")
        .assertOk();
    Cli.Result ok = run("", "status").assertOk();
    assertThat(ok.out())
        .contains("twitter/alice (default)\n  ok: logged in as @" + owner + " (id ")
        .contains("access read-write")
        .contains("  keys: consumer key " + twitter.consumerKey().substring(0, 4) + "…")
        .contains("  stored in: " + home.resolve("keychain.age"))
        .contains("tumblr/blog (default)\n  ok: logged in as @");

    sandbox.revokeUserTokens(SandboxPlatform.TWITTER, owner);
    Cli.Result failed = run("", "status");
    assertThat(failed.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(failed.out())
        .contains(
            "twitter/alice (default)\n  FAILED: twitter GET /twitter/1.1/account/verify_credentials.json failed: HTTP 401, code 89")
        .contains(
            "  fix: the OAuth 1.0a user token of twitter/alice was revoked or has expired: run"
                + " latchkey auth twitter --account twitter/alice")
        .contains("tumblr/blog (default)\n  ok:");

    Cli.Result json = run("", "status", "twitter/alice", "--json");
    assertThat(json.exitCode()).isEqualTo(ExitCode.FAILURE);
    JsonNode node = new ObjectMapper().readTree(json.out());
    assertThat(node).hasSize(1);
    assertThat(node.get(0).get("state").asText()).isEqualTo("failed");
    assertThat(node.get(0).get("code").asInt()).isEqualTo(89);
    assertThat(node.get(0).get("status").asInt()).isEqualTo(401);
    assertThat(node.get(0).get("consumerKey").asText()).endsWith("…");
  }

  @Test
  void statusChecksAppOnlyAccountsWithARequestToken() {
    run(
            lines(twitter.consumerKey(), twitter.consumerSecret(), "", ""),
            "keys",
            "add",
            "twitter/app")
        .assertOk();
    assertThat(run("", "status").assertOk().out()).contains("ok: app keys accepted");
    run(
            lines(twitter.consumerKey(), "wrong-consumer-secret-value", "", ""),
            "keys",
            "add",
            "--no-verify",
            "twitter/bad")
        .assertOk();
    Cli.Result r = run("", "status", "twitter/bad");
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.out())
        .contains("code 32")
        .contains("fix: X (Twitter) could not authenticate twitter/bad: check its consumer key");
  }

  @Test
  void apiPrintsPrettyJsonAndHeadersButNeverTheAuthorization() throws Exception {
    manualTwitter("alice").assertOk();
    Cli.Result me = run("", "api", "/1.1/account/verify_credentials.json").assertOk();
    assertThat(new ObjectMapper().readTree(me.out()).get("screen_name").asText()).isEqualTo(owner);
    assertThat(me.out()).contains("\n  \"");
    run("", "api", sandbox.twitterBase() + "/1.1/account/verify_credentials.json").assertOk();

    Cli.Result included =
        run("", "api", "--include", "/2/users/me", "--account", "twitter/alice").assertOk();
    assertThat(included.out()).startsWith("HTTP 200\n").contains("x-access-level: read-write");
    assertThat(included.out().toLowerCase())
        .doesNotContain("authorization")
        .doesNotContain("oauth_");

    Cli.Result posted =
        run(
                "",
                "api",
                "-X",
                "POST",
                "/1.1/statuses/update.json",
                "-p",
                "status=Hello Ladies + Gentlemen, a signed OAuth request!")
            .assertOk();
    assertThat(new ObjectMapper().readTree(posted.out()).get("text").asText())
        .isEqualTo("Hello Ladies + Gentlemen, a signed OAuth request!");

    Cli.Result timeline =
        run("", "api", "/1.1/statuses/user_timeline.json", "-p", "count=1", "--platform", "twitter")
            .assertOk();
    assertThat(new ObjectMapper().readTree(timeline.out()).isArray()).isTrue();
  }

  @Test
  void apiErrorsExitOneWithThePlatformsCodeAndMessage() {
    manualTwitter("alice").assertOk();
    run("", "api", "/1.1/no/such/thing.json")
        .assertFailure("HTTP 404, code 34: Sorry, that page does not exist.");
    sandbox.revokeUserTokens(SandboxPlatform.TWITTER, owner);
    run("", "api", "/1.1/account/verify_credentials.json")
        .assertFailure(
            "HTTP 401, code 89: Invalid or expired token.; the OAuth 1.0a user token of"
                + " twitter/alice was revoked or has expired: run latchkey auth twitter --account"
                + " twitter/alice");
    // API v2 answers with problem details, and no code.
    run("", "api", "/2/users/me")
        .assertFailure(
            "HTTP 401, Unauthorized; X (Twitter) refused the OAuth 1.0a user token of"
                + " twitter/alice: run latchkey auth twitter --account twitter/alice");
    run("", "api", "/2/users/me", "-p", "nonsense").assertUsage("-p takes NAME=VALUE");
    run("", "api", "https://evil.example/2/users/me")
        .assertUsage("URL https://evil.example is not one of twitter's hosts");
  }

  @Test
  void apiBaseFlagPointsTheCallElsewhere() {
    manualTwitter("alice").assertOk();
    run("", "api", "/2/users/me", "--api-base", "http://127.0.0.1:1/twitter")
        .assertFailure("cannot reach twitter at http://127.0.0.1:1");
    run("", "api", "/2/users/me", "--hosts", "nowhere")
        .assertUsage("twitter has no host set 'nowhere'; choose one of");
  }

  private Account keychainAccount(AccountId id) throws Exception {
    try (Keychain keychain =
        Keychain.open(
            KeychainOptions.builder(
                    home.resolve("keychain.age"), creating -> Cli.PASSPHRASE.toCharArray())
                .build())) {
      return keychain.get(id).orElseThrow();
    }
  }

  private void assertNoSecretPrinted() throws Exception {
    List<String> secrets = new ArrayList<>();
    for (SandboxKeys k : List.of(twitter, tumblr)) {
      secrets.addAll(
          List.of(k.consumerKey(), k.consumerSecret(), k.accessToken(), k.accessTokenSecret()));
    }
    if (home.resolve("keychain.age").toFile().exists()) {
      try (Keychain keychain =
          Keychain.open(
              KeychainOptions.builder(
                      home.resolve("keychain.age"), creating -> Cli.PASSPHRASE.toCharArray())
                  .build())) {
        for (Account a : keychain.accounts()) {
          if (a.oauth1() != null) {
            secrets.add(a.oauth1().token().reveal());
            secrets.add(a.oauth1().tokenSecret().reveal());
          }
        }
      }
    }
    String all = String.join("\n", transcript);
    for (String s : secrets) {
      assertThat(all).as("output leaks a credential").doesNotContain(s);
    }
  }
}
