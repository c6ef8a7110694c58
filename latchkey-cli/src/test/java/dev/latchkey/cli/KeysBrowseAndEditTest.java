package dev.latchkey.cli;

import static dev.latchkey.cli.Secrets.CONSUMER_KEY;
import static dev.latchkey.cli.Secrets.PROMPT_ANSWERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.session.Session;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keys list, show, rm, rename, label, default} on a keychain with three accounts. */
class KeysBrowseAndEditTest {
  @TempDir Path home;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(home);
    cli.runWithInput(
            PROMPT_ANSWERS, "keys", "add", "--no-verify", "twitter/alice", "--label", "lab")
        .assertOk();
    cli.runWithInput(PROMPT_ANSWERS, "keys", "add", "--no-verify", "twitter/bob").assertOk();
    cli.runWithInput(CONSUMER_KEY + "\n\n\n\n", "keys", "add", "--no-verify", "tumblr/blog")
        .assertOk();
  }

  @Test
  void listPrintsATableWithDefaultMarksAndMaskedKeys() {
    assertThat(cli.run("keys", "list").assertOk().out())
        .isEqualTo(
            "ACCOUNT        DEFAULT  LABEL  HOLDS       KEY\n"
                + "tumblr/blog    *               app         ckAA…\n"
                + "twitter/alice  *        lab    app,oauth1  ckAA…\n"
                + "twitter/bob                    app,oauth1  ckAA…\n");
  }

  @Test
  void listOfOnePlatform() {
    assertThat(cli.run("keys", "list", "tumblr").assertOk().out())
        .contains("tumblr/blog")
        .doesNotContain("twitter/");
  }

  @Test
  void listJsonIsAnArrayWithMaskedKeys() throws Exception {
    String out = cli.run("keys", "list", "--json").assertOk().out();
    var array = Session.json().readTree(out);
    assertThat(array.size()).isEqualTo(3);
    assertThat(array.get(1).get("account").asText()).isEqualTo("twitter/alice");
    assertThat(array.get(1).get("default").asBoolean()).isTrue();
    assertThat(array.get(1).get("label").asText()).isEqualTo("lab");
    assertThat(array.get(1).get("holds").toString()).isEqualTo("[\"app\",\"oauth1\"]");
    assertThat(array.get(1).get("key").asText()).isEqualTo("ckAA…");
  }

  @Test
  void listWithoutAKeychainSaysHowToStart(@TempDir Path empty) {
    Cli fresh = new Cli(empty);
    assertThat(fresh.run("keys", "list").assertOk().out())
        .startsWith("no keychain at " + empty.resolve("keychain.age") + " yet");
    assertThat(fresh.run("keys", "list", "--json").assertOk().out()).isEqualTo("[ ]\n");
  }

  @Test
  void showMasksEverySecretByDefault() {
    String out = cli.run("keys", "show", "twitter/alice").assertOk().out();
    assertThat(out)
        .contains("account          twitter/alice (default)")
        .contains("label            lab")
        .contains("consumer key     ckAA…")
        .contains("consumer secret  csSE…")
        .contains("access token     1234…")
        .contains("token secret     atsS…");
    for (String secret : Secrets.ALL) {
      assertThat(out).doesNotContain(secret);
    }
  }

  @Test
  void showOfAPlatformMeansItsDefault() {
    assertThat(cli.run("keys", "show", "twitter").assertOk().out()).contains("twitter/alice");
  }

  @Test
  void showJsonRevealOnlyWhenAsked() throws Exception {
    var masked = Session.json().readTree(cli.run("keys", "show", "twitter/bob", "--json").out());
    assertThat(masked.get("app").get("consumer_secret").asText()).isEqualTo("csSE…");
    assertThat(masked.get("revealed").asBoolean()).isFalse();
    var revealed =
        Session.json().readTree(cli.run("keys", "show", "twitter/bob", "--json", "--reveal").out());
    assertThat(revealed.get("oauth1").get("token_secret").asText()).isEqualTo(Secrets.TOKEN_SECRET);
  }

  @Test
  void showOfAMissingAccountFailsWithTheFix() {
    cli.run("keys", "show", "twitter/zed")
        .assertFailure("there is no account twitter/zed; see: latchkey keys list");
  }

  @Test
  void showOfAPlatformWithoutAccountsSaysHowToAddOne() {
    cli.run("keys", "rm", "tumblr/blog").assertOk();
    cli.run("keys", "show", "tumblr")
        .assertFailure("there is no tumblr account; add one with: latchkey keys add tumblr/NAME");
    cli.run("keys", "show", "reddit")
        .assertFailure("there is no account named reddit; see: latchkey keys list");
  }

  @Test
  void aNameAloneFindsTheOneAccountHoldingIt() {
    assertThat(cli.run("keys", "show", "blog").assertOk().out()).contains("tumblr/blog");
    cli.runWithInput(PROMPT_ANSWERS, "keys", "add", "--no-verify", "tumblr/alice").assertOk();
    cli.run("keys", "show", "alice")
        .assertFailure("alice names accounts on tumblr and twitter; say which, like tumblr/alice");
  }

  @Test
  void rmRemovesAndReportsTheLostDefault() {
    Cli.Result result = cli.run("keys", "rm", "twitter/alice").assertOk();
    assertThat(result.out()).isEqualTo("removed twitter/alice\n");
    assertThat(result.err()).contains("twitter has no default account now");
    assertThat(cli.run("keys", "list", "twitter").out()).doesNotContain("alice");
    cli.run("keys", "show", "twitter")
        .assertFailure("twitter has no default account; name one, like twitter/bob");
    cli.run("keys", "rm", "twitter/alice").assertFailure("there is no account twitter/alice");
  }

  @Test
  void renameKeepsTheDefaultMark() {
    cli.run("keys", "rename", "twitter/alice", "alicia").assertOk();
    assertThat(cli.run("keys", "default", "twitter").assertOk().out())
        .isEqualTo("twitter/alicia\n");
    cli.run("keys", "rename", "twitter/alicia", "twitter/bob")
        .assertFailure("there is already an account twitter/bob");
    cli.run("keys", "rename", "twitter/bob", "bad name").assertUsage("is not valid");
  }

  @Test
  void labelSetsAndClears() {
    cli.run("keys", "label", "twitter/bob", "shared lab key").assertOk();
    assertThat(cli.run("keys", "show", "twitter/bob").out())
        .contains("label            shared lab key");
    cli.run("keys", "label", "twitter/bob", "").assertOk();
    assertThat(cli.run("keys", "show", "twitter/bob").out()).doesNotContain("label");
  }

  @Test
  void defaultMovesTheMark() {
    assertThat(cli.run("keys", "default", "twitter/bob").assertOk().out())
        .isEqualTo("twitter/bob is now the default twitter account\n");
    assertThat(cli.run("keys", "show", "twitter").out()).contains("twitter/bob (default)");
    cli.run("keys", "default", "twitter/zed").assertFailure("there is no account twitter/zed");
  }

  @Test
  void commandsOnAMissingKeychainSayHowToCreateOne(@TempDir Path empty) {
    new Cli(empty)
        .run("keys", "show", "twitter")
        .assertFailure("no keychain at " + empty.resolve("keychain.age") + " yet");
  }
}
