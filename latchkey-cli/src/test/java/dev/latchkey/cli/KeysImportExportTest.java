package dev.latchkey.cli;

import static dev.latchkey.cli.Secrets.ACCESS_TOKEN;
import static dev.latchkey.cli.Secrets.CONSUMER_KEY;
import static dev.latchkey.cli.Secrets.CONSUMER_SECRET;
import static dev.latchkey.cli.Secrets.PROMPT_ANSWERS;
import static dev.latchkey.cli.Secrets.TOKEN_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.session.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysImportExportTest {
  static final String BOB_KEY = "bobKEY0000111122223333";
  static final String BOB_SECRET = "bobSECRET444455556666";
  static final String TWURLRC =
      "---\n"
          + "profiles:\n"
          + "  alice:\n"
          + "    "
          + CONSUMER_KEY
          + ":\n"
          + "      username: alice\n"
          + "      consumer_key: "
          + CONSUMER_KEY
          + "\n      consumer_secret: "
          + CONSUMER_SECRET
          + "\n      token: "
          + ACCESS_TOKEN
          + "\n      secret: "
          + TOKEN_SECRET
          + "\n  bob:\n"
          + "    "
          + BOB_KEY
          + ":\n"
          + "      username: bob\n"
          + "      consumer_key: "
          + BOB_KEY
          + "\n      consumer_secret: "
          + BOB_SECRET
          + "\n      token: 999-bobTOKENtoken5555\n"
          + "      secret: bobTOKENsecret66667777\n"
          + "configuration:\n"
          + "  default_profile:\n"
          + "  - bob\n"
          + "  - "
          + BOB_KEY
          + "\n";

  @TempDir Path home;
  @TempDir Path files;
  @TempDir Path otherHome;
  Cli cli;
  Cli fresh;
  Path twurlrc;

  @BeforeEach
  void setUp() throws Exception {
    cli = new Cli(home);
    fresh = new Cli(otherHome);
    twurlrc = Files.writeString(files.resolve(".twurlrc"), TWURLRC);
  }

  @Test
  void importAddsEveryProfileAndTheFilesDefault() {
    Cli.Result result = cli.run("keys", "import", twurlrc.toString()).assertOk();
    assertThat(result.out())
        .isEqualTo(
            "imported 2 accounts (twurlrc):\n"
                + "  twitter/alice (app, oauth1; key ckAA…)\n"
                + "  twitter/bob (app, oauth1; key bobK…), default\n");
    assertThat(cli.run("keys", "default", "twitter").out()).isEqualTo("twitter/bob\n");
  }

  @Test
  void importKeepsTheDefaultTheKeychainAlreadyHas() {
    cli.runWithInput(PROMPT_ANSWERS, "keys", "add", "--no-verify", "twitter/carol").assertOk();
    cli.run("keys", "import", twurlrc.toString()).assertOk();
    assertThat(cli.run("keys", "default", "twitter").out()).isEqualTo("twitter/carol\n");
  }

  @Test
  void importRefusesExistingAccountsAndAddsNothing() {
    cli.runWithInput(PROMPT_ANSWERS, "keys", "add", "--no-verify", "twitter/bob").assertOk();
    cli.run("keys", "import", twurlrc.toString())
        .assertFailure("already in the keychain: twitter/bob; add --force to replace");
    assertThat(cli.run("keys", "list").out()).doesNotContain("alice");

    Cli.Result forced = cli.run("keys", "import", twurlrc.toString(), "--force").assertOk();
    assertThat(forced.out()).contains("twitter/bob (app, oauth1; key bobK…), replaced");
    assertThat(cli.run("keys", "show", "twitter/bob").out()).contains("bobK…");
  }

  @Test
  void importWithAccountNamePicksOneProfile() {
    cli.run("keys", "import", twurlrc.toString(), "--account", "alice").assertOk();
    assertThat(cli.run("keys", "list").out()).contains("twitter/alice").doesNotContain("bob");
  }

  @Test
  void importFromStandardInputWithAFormat() {
    cli.runWithInput(
            "TWITTER_CONSUMER_KEY=" + CONSUMER_KEY + "\nTWITTER_CONSUMER_SECRET=" + CONSUMER_SECRET,
            "keys",
            "import",
            "-",
            "--format",
            "dotenv")
        .assertOk();
    assertThat(cli.run("keys", "list").out()).contains("twitter/");
  }

  @Test
  void malformedFileNamesFileAndLineButNoSecret() throws Exception {
    Path bad =
        Files.writeString(
            files.resolve("tw.json"), "{\"consumer_key\": \"" + CONSUMER_KEY + "\",\n oops}");
    Cli.Result result = cli.run("keys", "import", bad.toString());
    result.assertFailure("line 2");
    assertThat(result.err()).doesNotContain(CONSUMER_KEY);
    assertThat(Files.exists(home.resolve("keychain.age"))).isFalse();
  }

  @Test
  void unknownFormatIsAUsageErrorListingTheFormats() {
    cli.run("keys", "import", twurlrc.toString(), "--format", "yaml")
        .assertUsage("unknown format 'yaml'; use one of tw-json, smapy, twurlrc");
  }

  @Test
  void exportWithoutRevealIsRefusedAndWritesNothing() {
    cli.runWithInput(PROMPT_ANSWERS, "keys", "add", "--no-verify", "twitter/alice").assertOk();
    Path out = files.resolve("out.json");
    cli.run("keys", "export", "twitter/alice", "--format", "tw-json", "-o", out.toString())
        .assertUsage("add --reveal to confirm");
    assertThat(Files.exists(out)).isFalse();
  }

  @Test
  void exportWritesAPrivateFileThatImportsBack() throws Exception {
    cli.runWithInput(PROMPT_ANSWERS, "keys", "add", "--no-verify", "twitter/alice").assertOk();
    Path out = files.resolve("alice.json");
    Cli.Result result =
        cli.run(
                "keys",
                "export",
                "twitter",
                "--format",
                "tw-json",
                "--reveal",
                "-o",
                out.toString())
            .assertOk();
    assertThat(result.out()).isEqualTo("exported twitter/alice to " + out + " (tw-json)\n");
    assertThat(result.err())
        .contains(
            "latchkey: warning: " + out + " holds the secrets of twitter/alice in plain text");
    assertThat(Files.getPosixFilePermissions(out))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(out)).contains(CONSUMER_SECRET).contains(TOKEN_SECRET);

    cli.run("keys", "import", out.toString(), "--account", "copy").assertOk();
    assertThat(cli.run("keys", "show", "twitter/copy", "--reveal").out())
        .contains(CONSUMER_KEY)
        .contains(TOKEN_SECRET);
  }

  @Test
  void exportRefusesToReplaceAFileWithoutForce() throws Exception {
    cli.runWithInput(PROMPT_ANSWERS, "keys", "add", "--no-verify", "twitter/alice").assertOk();
    Path out = Files.writeString(files.resolve(".env"), "KEEP=me\n");
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r--r--"));
    cli.run(
            "keys",
            "export",
            "twitter/alice",
            "--format",
            "dotenv",
            "--reveal",
            "-o",
            out.toString())
        .assertFailure(out + " exists; add --force to replace it");
    assertThat(Files.readString(out)).isEqualTo("KEEP=me\n");

    cli.run(
            "keys",
            "export",
            "twitter/alice",
            "--format",
            "dotenv",
            "--reveal",
            "-o",
            out.toString(),
            "--force")
        .assertOk();
    assertThat(Files.readString(out)).contains("TWITTER_CONSUMER_KEY=" + CONSUMER_KEY);
    assertThat(Files.getPosixFilePermissions(out))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void exportToStandardOutput() {
    cli.runWithInput(PROMPT_ANSWERS, "keys", "add", "--no-verify", "twitter/alice").assertOk();
    Cli.Result result =
        cli.run("keys", "export", "twitter/alice", "--format", "twurlrc", "--reveal", "-o", "-")
            .assertOk();
    assertThat(result.out()).contains("profiles:").contains(TOKEN_SECRET);
    assertThat(result.err()).contains("printed the secrets of twitter/alice in plain text");
  }

  @Test
  void exportThatTheFormatCannotHoldFailsWithTheReason() {
    cli.runWithInput(Secrets.BEARER + "\n\n\n\n", "keys", "add", "--no-verify", "twitter/bare")
        .assertOk();
    Cli.Result result =
        cli.run("keys", "export", "twitter/bare", "--format", "massmine", "--reveal", "-o", "-");
    assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).doesNotContain(Secrets.BEARER);
  }

  @Test
  void smapyTokensWithoutAnAccountAreNamedDefaultMadeTheDefaultAndTheSkippedNetworkIsListed()
      throws Exception {
    Path smapy =
        Files.writeString(
            files.resolve("tokens.json"),
            "{\"tw\": {\"consumer_key\": \""
                + CONSUMER_KEY
                + "\", \"consumer_secret\": \""
                + CONSUMER_SECRET
                + "\", \"access_token\": \""
                + ACCESS_TOKEN
                + "\", \"access_secret\": \""
                + TOKEN_SECRET
                + "\"},\n \"vk\": {\"access_token\": \"vkTOKENvkTOKENvk12345\"}}");
    Cli.Result r = fresh.run("keys", "import", smapy.toString()).assertOk();
    assertThat(r.out())
        .contains("  twitter/default (app, oauth1; key ckAA…), default")
        .contains(
            "skipped:\n  \"vk\" (line 2): smapy's VKontakte keys; Latchkey has no such platform");
    assertThat(fresh.run("keys", "default", "twitter").assertOk().out())
        .isEqualTo("twitter/default\n");
  }

  @Test
  void importIntoPlatformSlashNameTakesThePlatformFromTheAccount() throws Exception {
    Path tw = Secrets.twJson(files);
    fresh.run("keys", "import", tw.toString(), "--account", "tumblr/indy").assertOk();
    assertThat(fresh.run("keys", "list").out()).contains("tumblr/indy");
    fresh
        .run("keys", "import", tw.toString(), "--account", "twitter/indy", "--platform", "tumblr")
        .assertUsage("--account twitter/indy is not on platform tumblr");
  }

  @Test
  void sandboxKeysKeepTheirOAuth2ClientsAndLandOnTheirPlatforms() throws Exception {
    Path keys =
        Files.writeString(
            files.resolve("sandbox-keys.json"),
            "{\"twitter\": {\"consumer_key\": \""
                + CONSUMER_KEY
                + "\", \"consumer_secret\": \""
                + CONSUMER_SECRET
                + "\", \"client_id\": \"clientIdOfTheApp123\", \"client_secret\": \""
                + "clientSECRETclientSECRET\"},\n"
                + " \"tumblr\": {\"consumer_key\": \"tumblrKEYtumblrKEY123\"}}");
    Cli.Result r = fresh.run("keys", "import", keys.toString()).assertOk();
    assertThat(r.out()).contains("twitter/default").contains("tumblr/default");
    String shown = fresh.run("keys", "show", "twitter/default", "--json").out();
    assertThat(shown).contains("\"client_id\" : \"clientIdOfTheApp123\"");
    assertThat(shown).contains("\"client_secret\" : \"clie…\"");
    Cli.Result added =
        fresh.run("keys", "add", "--no-verify", "twitter/fromjson", "--from-json", keys.toString());
    added.assertFailure("holds 2 accounts");
  }
}
