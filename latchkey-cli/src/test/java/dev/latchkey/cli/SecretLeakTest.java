package dev.latchkey.cli;

import static dev.latchkey.cli.Secrets.CONSUMER_KEY;
import static dev.latchkey.cli.Secrets.TOKEN_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a whole session of commands, errors included, and checks that no secret and no passphrase
 * was printed anywhere, except by the two commands whose job is to print them.
 */
class SecretLeakTest {
  @TempDir Path home;
  @TempDir Path files;

  @Test
  void noSecretReachesAnyOutputUnlessRevealWasAsked() throws Exception {
    Cli cli = new Cli(home);
    FakeKeyring keyring = FakeKeyring.working();
    cli.keyring = keyring;
    Path twJson = Secrets.twJson(files);
    Path twurlrc = Files.writeString(files.resolve(".twurlrc"), KeysImportExportTest.TWURLRC);
    Path broken =
        Files.writeString(
            files.resolve("broken.json"),
            "{\"consumer_key\": \"" + CONSUMER_KEY + "\", \"consumer_secret\": " + TOKEN_SECRET);

    cli.run("keys", "add", "--no-verify", "twitter/alice", "--from-json", twJson.toString())
        .assertOk();
    cli.runWithInput(
            Secrets.TW_JSON, "keys", "add", "--no-verify", "twitter/stdin", "--from-json", "-")
        .assertOk();
    cli.runWithInput(Secrets.PROMPT_ANSWERS, "keys", "add", "--no-verify", "tumblr/blog")
        .assertOk();
    cli.run("keys", "list").assertOk();
    cli.run("keys", "list", "--json").assertOk();
    cli.run("keys", "show", "twitter/alice").assertOk();
    cli.run("keys", "show", "twitter", "--json").assertOk();
    cli.run("keys", "import", twurlrc.toString(), "--account", "bob").assertOk();
    cli.run("keys", "label", "twitter/bob", "from twurl").assertOk();
    cli.run("keys", "rename", "twitter/bob", "robert").assertOk();
    cli.run("keys", "default", "twitter/robert").assertOk();
    cli.run("keys", "remember").assertOk();
    cli.run("keys", "export", "twitter/alice", "--format", "tw-json", "-o", "-")
        .assertUsage("--reveal");
    cli.run(
            "--verbose",
            "keys",
            "add",
            "--no-verify",
            "twitter/x",
            "--from-json",
            broken.toString())
        .assertVerboseFailure("broken.json");
    cli.run("--verbose", "keys", "import", broken.toString()).assertVerboseFailure("broken.json");
    cli.run("keys", "add", "--no-verify", "twitter/alice", "--from-json", twJson.toString())
        .assertFailure("exists");
    cli.run("keys", "show", "twitter/nobody").assertFailure("no account");
    cli.env.put("LATCHKEY_PASSPHRASE", "a wrong passphrase");
    cli.run("--verbose", "keys", "list").assertVerboseFailure("passphrase");
    cli.env.put("LATCHKEY_PASSPHRASE", Cli.PASSPHRASE);
    cli.run("keys", "rm", "twitter/stdin").assertOk();

    List<String> forbidden = new ArrayList<>(List.of(Secrets.ALL));
    forbidden.addAll(
        List.of(
            Cli.PASSPHRASE,
            "a wrong passphrase",
            KeysImportExportTest.BOB_KEY,
            KeysImportExportTest.BOB_SECRET));
    String transcript = cli.transcript();
    for (String secret : forbidden) {
      assertThat(transcript).as("output of the whole session").doesNotContain(secret);
    }

    String revealed = cli.run("keys", "show", "twitter/alice", "--reveal").assertOk().out();
    String exported =
        cli.run("keys", "export", "twitter/alice", "--format", "tw-json", "--reveal", "-o", "-")
            .assertOk()
            .out();
    for (String secret : Secrets.ALL) {
      assertThat(revealed).contains(secret);
      assertThat(exported).contains(secret);
    }
  }
}
