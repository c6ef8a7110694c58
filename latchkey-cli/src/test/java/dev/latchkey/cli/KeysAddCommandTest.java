package dev.latchkey.cli;

import static dev.latchkey.cli.Secrets.ACCESS_TOKEN;
import static dev.latchkey.cli.Secrets.BEARER;
import static dev.latchkey.cli.Secrets.CONSUMER_KEY;
import static dev.latchkey.cli.Secrets.CONSUMER_SECRET;
import static dev.latchkey.cli.Secrets.PROMPT_ANSWERS;
import static dev.latchkey.cli.Secrets.TOKEN_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysAddCommandTest {
  @TempDir Path home;
  @TempDir Path files;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(home);
  }

  @Test
  void promptedCredentialsAreStoredAndTheFirstAccountBecomesDefault() {
    Cli.Result added =
        cli.runWithInput(PROMPT_ANSWERS, "keys", "add", "--no-verify", "twitter/alice").assertOk();
    assertThat(added.out())
        .isEqualTo(
            "added twitter/alice (app, oauth1; key ckAA…), the default twitter account, not"
                + " checked (--no-verify)\n");
    assertThat(added.err()).contains("Consumer key (API key): ").contains("Access token secret: ");
    Cli.Result shown = cli.run("keys", "show", "twitter/alice", "--reveal", "--json").assertOk();
    assertThat(shown.out())
        .contains("\"consumer_key\" : \"" + CONSUMER_KEY + "\"")
        .contains("\"consumer_secret\" : \"" + CONSUMER_SECRET + "\"")
        .contains("\"token\" : \"" + ACCESS_TOKEN + "\"")
        .contains("\"token_secret\" : \"" + TOKEN_SECRET + "\"")
        .contains("\"default\" : true");
    assertThat(Files.exists(home.resolve("keychain.age"))).isTrue();
  }

  @Test
  void blankAnswersSkipThatCredential() {
    cli.runWithInput(CONSUMER_KEY + "\n\n\n\n", "keys", "add", "--no-verify", "tumblr/blog")
        .assertOk();
    String out = cli.run("keys", "show", "tumblr/blog").assertOk().out();
    assertThat(out).contains("consumer key").doesNotContain("consumer secret");
    assertThat(out).doesNotContain("access token");
  }

  @Test
  void platformAloneStoresTheDefaultNamedAccount() {
    cli.runWithInput(PROMPT_ANSWERS, "keys", "add", "--no-verify", "twitter").assertOk();
    assertThat(cli.run("keys", "list").out()).contains("twitter/default");
  }

  @Test
  void everyAnswerBlankAddsNothing() {
    cli.runWithInput("\n\n\n\n", "keys", "add", "--no-verify", "twitter/alice")
        .assertFailure("nothing to add: every value was left blank");
  }

  @Test
  void tokenWithoutItsSecretIsRefused() {
    cli.runWithInput(
            CONSUMER_KEY + "\n" + CONSUMER_SECRET + "\n" + ACCESS_TOKEN + "\n\n",
            "keys",
            "add",
            "twitter/alice")
        .assertFailure("only one of the access token and its secret");
  }

  @Test
  void fromJsonFileReadsTheTwJsonShapeIncludingTheBearerToken() throws Exception {
    Path json = Secrets.twJson(files);
    cli.run(
            "keys",
            "add",
            "--no-verify",
            "twitter/bob",
            "--from-json",
            json.toString(),
            "--label",
            "lab laptop")
        .assertOk();
    String out = cli.run("keys", "show", "twitter/bob").assertOk().out();
    assertThat(out)
        .contains("label            lab laptop")
        .contains("consumer key     ckAA…")
        .contains("bearer token     AAAA…");
    assertThat(cli.run("keys", "show", "twitter/bob", "--reveal").out()).contains(BEARER);
  }

  @Test
  void fromJsonDashReadsStandardInput() {
    cli.runWithInput(
            Secrets.TW_JSON, "keys", "add", "--no-verify", "twitter/carol", "--from-json", "-")
        .assertOk();
    assertThat(cli.run("keys", "list").out()).contains("twitter/carol");
  }

  @Test
  void malformedJsonNamesTheLineAndNeverTheValue() throws Exception {
    Path json =
        Files.writeString(
            files.resolve("tw.json"), "{\n \"consumer_key\": \"" + CONSUMER_KEY + "\" oops\n}");
    Cli.Result result =
        cli.run("keys", "add", "--no-verify", "twitter/bob", "--from-json", json.toString());
    result.assertFailure(json + " line 2: not valid JSON");
    assertThat(result.err()).doesNotContain(CONSUMER_KEY);
  }

  @Test
  void jsonFieldOfTheWrongTypeIsNamed() throws Exception {
    Path json = Files.writeString(files.resolve("tw.json"), "{\"consumer_key\": 12}");
    cli.run("keys", "add", "--no-verify", "twitter/bob", "--from-json", json.toString())
        .assertFailure("\"consumer_key\" must be a string");
  }

  @Test
  void missingJsonFileIsReported() {
    cli.run(
            "keys",
            "add",
            "--no-verify",
            "twitter/bob",
            "--from-json",
            files.resolve("nope.json").toString())
        .assertFailure(files.resolve("nope.json") + ": does not exist");
  }

  @Test
  void existingAccountIsNotReplacedWithoutForce() throws Exception {
    cli.runWithInput(PROMPT_ANSWERS, "keys", "add", "--no-verify", "twitter/alice").assertOk();
    Path json =
        Files.writeString(
            files.resolve("tw.json"),
            "{\"consumer_key\": \"otherKEY1234567890\", \"consumer_secret\": \"otherSECRET12345678\"}");
    cli.run("keys", "add", "--no-verify", "twitter/alice", "--from-json", json.toString())
        .assertFailure("account twitter/alice exists (app, oauth1); add --force to replace it");
    assertThat(cli.run("keys", "show", "twitter/alice").out()).contains("ckAA…");

    cli.run(
            "keys",
            "add",
            "--no-verify",
            "twitter/alice",
            "--from-json",
            json.toString(),
            "--force")
        .assertOk();
    assertThat(cli.run("keys", "show", "twitter/alice").out())
        .contains("othe…")
        .doesNotContain("access token");
  }

  @Test
  void invalidPlatformIsAUsageError() {
    cli.run("keys", "add", "--no-verify", "Twit_ter/alice")
        .assertUsage("platform 'twit_ter' is not valid");
  }

  @Test
  void secretsCannotBeGivenAsArguments() {
    cli.run("keys", "add", "--no-verify", "twitter/alice", "--consumer-key", CONSUMER_KEY)
        .assertUsage("Unknown option");
  }
}
