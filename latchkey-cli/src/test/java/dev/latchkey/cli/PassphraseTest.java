package dev.latchkey.cli;

import static dev.latchkey.cli.Secrets.PROMPT_ANSWERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.account.KeychainAccess;
import dev.latchkey.cli.session.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the passphrase comes from, and {@code keys passwd}. */
class PassphraseTest {
  @TempDir Path home;
  @TempDir Path files;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(home);
    cli.runWithInput(PROMPT_ANSWERS, "keys", "add", "--no-verify", "twitter/alice").assertOk();
  }

  private Path secretFile(String name, String content) throws Exception {
    Path file = files.resolve(name);
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  @Test
  void passphraseFileWinsOverTheVariable() throws Exception {
    cli.env.put("LATCHKEY_PASSPHRASE", "not the passphrase");
    cli.env.put("LATCHKEY_PASSPHRASE_FILE", secretFile("pass", Cli.PASSPHRASE + "\n").toString());
    cli.run("keys", "list").assertOk();
  }

  @Test
  void unreadablePassphraseFileIsNamed() {
    cli.env.put("LATCHKEY_PASSPHRASE_FILE", files.resolve("missing").toString());
    cli.run("keys", "list")
        .assertFailure("could not read the passphrase file " + files.resolve("missing"));
  }

  @Test
  void wrongPassphraseIsOneLine() {
    cli.env.put("LATCHKEY_PASSPHRASE", "wrong horse");
    Cli.Result result = cli.run("keys", "list");
    assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(result.errors().lines().toList()).hasSize(1);
    assertThat(result.err()).contains("passphrase").doesNotContain("wrong horse");
  }

  @Test
  void withoutAnySourceTheErrorNamesTheThreeWays() {
    cli.env.remove("LATCHKEY_PASSPHRASE");
    cli.run("keys", "list")
        .assertFailure(
            "no passphrase for the keychain at "
                + home.resolve("keychain.age")
                + ": set LATCHKEY_PASSPHRASE_FILE to a file holding it, run latchkey in a terminal"
                + " to be asked, or set LATCHKEY_PASSPHRASE (least safe)");
  }

  @Test
  void promptedPassphraseUnlocks() {
    cli.env.remove("LATCHKEY_PASSPHRASE");
    Cli.Result result = cli.runWithInput(Cli.PASSPHRASE + "\n", "keys", "list").assertOk();
    assertThat(result.err()).contains("Passphrase for " + home.resolve("keychain.age"));
    assertThat(result.out()).contains("twitter/alice");
  }

  @Test
  void creatingAsksTwiceAndRetriesOnMismatch(@TempDir Path other) {
    Cli fresh = new Cli(other);
    fresh.env.remove("LATCHKEY_PASSPHRASE");
    String input = "first try\nsecond try\n\nnew pass\nnew pass\n" + PROMPT_ANSWERS;
    Cli.Result result =
        fresh.runWithInput(input, "keys", "add", "--no-verify", "twitter/alice").assertOk();
    assertThat(result.err())
        .contains("Choose a passphrase for the new keychain at " + other.resolve("keychain.age"))
        .contains("latchkey: the passphrases do not match; try again")
        .contains("latchkey: the passphrase cannot be empty; try again");
    fresh.env.put("LATCHKEY_PASSPHRASE", "new pass");
    assertThat(fresh.run("keys", "list").assertOk().out()).contains("twitter/alice");
  }

  @Test
  void creatingGivesUpAfterThreeMismatches(@TempDir Path other) {
    Cli fresh = new Cli(other);
    fresh.env.remove("LATCHKEY_PASSPHRASE");
    fresh
        .runWithInput("a\nb\nc\nd\ne\nf\n", "keys", "add", "--no-verify", "twitter/alice")
        .assertFailure("the passphrases did not match 3 times; nothing was changed");
    assertThat(Files.exists(other.resolve("keychain.age"))).isFalse();
  }

  @Test
  void passwdFromFileReplacesThePassphrase() throws Exception {
    cli.env.put(
        "LATCHKEY_NEW_PASSPHRASE_FILE", secretFile("new", "a brand new passphrase\n").toString());
    assertThat(cli.run("keys", "passwd").assertOk().out())
        .isEqualTo("changed the passphrase of " + home.resolve("keychain.age") + "\n");
    cli.env.remove("LATCHKEY_NEW_PASSPHRASE_FILE");
    cli.run("keys", "list").assertFailure("passphrase");
    cli.env.put("LATCHKEY_PASSPHRASE", "a brand new passphrase");
    assertThat(cli.run("keys", "list").assertOk().out()).contains("twitter/alice");
  }

  @Test
  void passwdFromPromptAsksTwice() {
    cli.runWithInput("next one\nnext one\n", "keys", "passwd").assertOk();
    cli.env.put("LATCHKEY_PASSPHRASE", "next one");
    cli.run("keys", "list").assertOk();
  }

  @Test
  void insecureStorageWarnsEveryTimeAndNeedsNoPassphrase(@TempDir Path other) {
    Cli plain = new Cli(other);
    plain.env.remove("LATCHKEY_PASSPHRASE");
    Cli.Result added =
        plain.runWithInput(
            PROMPT_ANSWERS, "--insecure-storage", "keys", "add", "--no-verify", "twitter/x");
    added.assertOk();
    Cli.Result listed = plain.run("keys", "list", "--insecure-storage").assertOk();
    for (Cli.Result result : new Cli.Result[] {added, listed}) {
      assertThat(result.err())
          .contains("latchkey: warning: --insecure-storage: credentials are kept in plain text")
          .contains(other.resolve("keychain.json").toString());
    }
    assertThat(Files.exists(other.resolve("keychain.json"))).isTrue();
    assertThat(listed.out()).contains("twitter/x");
    plain.run("--insecure-storage", "keys", "passwd").assertFailure("has no passphrase to change");
  }

  @Test
  void weakTestWorkFactorIsWarnedAbout() {
    assertThat(cli.run("keys", "list").err())
        .contains(
            "latchkey: warning: LATCHKEY_INSECURE_TEST_WORK_FACTOR=10 weakens the keychain's"
                + " encryption; use it for tests only");
  }

  @Test
  void badTestWorkFactorIsRefusedWithTheFix() {
    cli.env.put(KeychainAccess.TEST_WORK_FACTOR, "99");
    cli.run("keys", "list")
        .assertFailure(
            "LATCHKEY_INSECURE_TEST_WORK_FACTOR must be a number from 1 to 22, like 10, not '99';"
                + " unset it outside tests");
  }

  @Test
  void keychainFlagPicksAnotherFile(@TempDir Path other) {
    Path file = other.resolve("sub").resolve("mine.age");
    cli.runWithInput(
            PROMPT_ANSWERS,
            "keys",
            "add",
            "--no-verify",
            "twitter/zed",
            "--keychain",
            file.toString())
        .assertOk();
    assertThat(Files.exists(file)).isTrue();
    assertThat(cli.run("--keychain", file.toString(), "keys", "list").out())
        .contains("twitter/zed")
        .doesNotContain("alice");
  }
}
