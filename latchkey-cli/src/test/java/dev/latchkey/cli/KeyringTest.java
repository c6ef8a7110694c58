package dev.latchkey.cli;

import static dev.latchkey.cli.Secrets.PROMPT_ANSWERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.latchkey.account.KeychainAccess;
import dev.latchkey.account.Keyring;
import dev.latchkey.cli.keyring.SystemKeyring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keys remember / forget} and the fallback when no OS keyring answers. */
class KeyringTest {
  @TempDir Path home;
  Cli cli;
  String keychain;

  @BeforeEach
  void setUp() {
    cli = new Cli(home);
    cli.runWithInput(PROMPT_ANSWERS, "keys", "add", "--no-verify", "twitter/alice").assertOk();
    keychain = home.resolve("keychain.age").toString();
  }

  /** What {@code keys remember} leaves beside the keychain. */
  Path optIn() {
    return home.resolve("keychain.age.keyring-opt-in");
  }

  /** Opts in the way {@code keys remember} would, without touching a keyring. */
  void optedIn() throws Exception {
    Files.writeString(optIn(), "");
  }

  @Test
  void rememberedPassphraseUnlocksWithoutPromptUntilForgotten() throws Exception {
    FakeKeyring keyring = FakeKeyring.working();
    cli.keyring = keyring;
    cli.run("keys", "remember").assertOk();
    assertThat(keyring.entries).containsEntry(keychain, Cli.PASSPHRASE);
    assertThat(Files.readString(optIn())).doesNotContain(Cli.PASSPHRASE).contains("keys forget");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(optIn())))
        .isEqualTo("rw-------");

    cli.env.remove("LATCHKEY_PASSPHRASE");
    Cli.Result listed = cli.run("keys", "list").assertOk();
    assertThat(listed.out()).contains("twitter/alice");
    assertThat(listed.err()).doesNotContain("Passphrase for");

    assertThat(cli.run("keys", "forget").assertOk().out())
        .isEqualTo("the OS keyring no longer remembers the passphrase of " + keychain + "\n");
    assertThat(keyring.entries).isEmpty();
    assertThat(optIn()).doesNotExist();
    cli.run("keys", "list").assertFailure("no passphrase for the keychain");
    assertThat(cli.run("keys", "forget").assertOk().out()).contains("did not remember");
  }

  @Test
  void rememberRefusesAWrongPassphrase() {
    FakeKeyring keyring = FakeKeyring.working();
    cli.keyring = keyring;
    cli.env.put("LATCHKEY_PASSPHRASE", "wrong");
    cli.run("keys", "remember").assertFailure("passphrase");
    assertThat(keyring.entries).isEmpty();
  }

  @Test
  void staleRememberedPassphraseSaysHowToForgetIt() throws Exception {
    optedIn();
    FakeKeyring keyring = FakeKeyring.working();
    keyring.entries.put(keychain, "an old passphrase");
    cli.keyring = keyring;
    cli.env.remove("LATCHKEY_PASSPHRASE");
    cli.run("keys", "list")
        .assertFailure(
            "the passphrase remembered in the OS keyring does not unlock "
                + keychain
                + "; run 'latchkey keys forget' and try again");
  }

  @Test
  void passwdUpdatesTheRememberedPassphrase() throws Exception {
    optedIn();
    FakeKeyring keyring = FakeKeyring.working();
    keyring.entries.put(keychain, Cli.PASSPHRASE);
    cli.keyring = keyring;
    cli.env.remove("LATCHKEY_PASSPHRASE");
    cli.runWithInput("fresh one\nfresh one\n", "keys", "passwd").assertOk();
    assertThat(keyring.entries).containsEntry(keychain, "fresh one");
    cli.run("keys", "list").assertOk();
  }

  @Test
  void unavailableKeyringFallsBackToThePromptWithOneNotice() throws Exception {
    optedIn();
    cli.keyring = new FakeKeyring(FakeKeyring.Mode.UNAVAILABLE);
    cli.env.remove("LATCHKEY_PASSPHRASE");
    Cli.Result result = cli.runWithInput(Cli.PASSPHRASE + "\n", "keys", "list").assertOk();
    assertThat(result.err().lines().filter(l -> l.contains("keyring")).toList())
        .containsExactly(
            "latchkey: no OS keyring available (No available keyring backend found); using the"
                + " passphrase prompt");
    assertThat(result.out()).contains("twitter/alice");
  }

  @Test
  void environmentPassphraseNeverAsksTheKeyring() {
    FakeKeyring keyring = new FakeKeyring(FakeKeyring.Mode.UNAVAILABLE);
    cli.keyring = keyring;
    Cli.Result result = cli.run("keys", "list").assertOk();
    assertThat(keyring.calls).isZero();
    assertThat(result.err()).doesNotContain("keyring");
  }

  @Test
  void noKeyringVariableSkipsTheKeyringQuietly() {
    FakeKeyring keyring = new FakeKeyring(FakeKeyring.Mode.UNAVAILABLE);
    cli.keyring = keyring;
    cli.env.remove("LATCHKEY_PASSPHRASE");
    cli.env.put("LATCHKEY_NO_KEYRING", "1");
    Cli.Result result = cli.runWithInput(Cli.PASSPHRASE + "\n", "keys", "list").assertOk();
    assertThat(keyring.calls).isZero();
    assertThat(result.err()).doesNotContain("keyring");
  }

  @Test
  void rememberWithoutAKeyringFailsWithTheAlternative() {
    cli.keyring = new FakeKeyring(FakeKeyring.Mode.UNAVAILABLE);
    cli.run("keys", "remember")
        .assertFailure(
            "no OS keyring available (No available keyring backend found); keep the passphrase in"
                + " a file named by LATCHKEY_PASSPHRASE_FILE instead");
    cli.run("keys", "forget").assertFailure("there is nothing to forget");
  }

  @Test
  void hangingKeyringIsAbandonedAfterThreeSecondsAndTheEnvironmentStillWorks() throws Exception {
    optedIn();
    cli.keyring = new FakeKeyring(FakeKeyring.Mode.HANGING);
    cli.env.remove("LATCHKEY_PASSPHRASE");
    long start = System.nanoTime();
    Cli.Result result = cli.runWithInput(Cli.PASSPHRASE + "\n", "keys", "list").assertOk();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(result.err())
        .contains(
            "latchkey: no OS keyring available (it did not answer within 3 s); using the"
                + " passphrase prompt");
    assertThat(result.out()).contains("twitter/alice");
    assertThat(took).isGreaterThanOrEqualTo(KeychainAccess.KEYRING_TIMEOUT);
  }

  @Test
  void timeLimitedKeyringPassesAnswersThrough() throws Exception {
    FakeKeyring inner = FakeKeyring.working();
    Keyring keyring = inner.withTimeout(Duration.ofSeconds(3));
    keyring.set("a", "b");
    assertThat(keyring.get("a")).contains("b");
    assertThat(keyring.delete("a")).isTrue();
    assertThat(keyring.get("a")).isEmpty();
  }

  @Test
  void realKeyringOnAHeadlessMachineIsReportedAsUnavailable() throws Exception {
    assumeTrue(
        System.getProperty("os.name").toLowerCase().contains("linux")
            && System.getenv("DBUS_SESSION_BUS_ADDRESS") == null,
        "needs a Linux machine without a D-Bus session, like CI");
    Keyring real = new SystemKeyring().withTimeout(KeychainAccess.KEYRING_TIMEOUT);
    assertThatThrownBy(() -> real.get(keychain)).isInstanceOf(Keyring.Unavailable.class);

    cli.keyring = new SystemKeyring();
    cli.env.remove("LATCHKEY_PASSPHRASE");
    Files.writeString(optIn(), "");
    Cli.Result result = cli.runWithInput(Cli.PASSPHRASE + "\n", "keys", "list").assertOk();
    assertThat(result.err()).containsPattern("latchkey: no OS keyring available \\(.+\\); using");
    cli.env.put("LATCHKEY_PASSPHRASE", Cli.PASSPHRASE);
    cli.run("keys", "remember").assertFailure("no OS keyring available");
  }

  @Test
  void withoutOptInTheKeyringIsNeverAskedAndNoNoticeIsShown() {
    FakeKeyring keyring = new FakeKeyring(FakeKeyring.Mode.FORBIDDEN);
    cli.keyring = keyring;
    cli.env.remove("LATCHKEY_PASSPHRASE");

    Cli.Result result = cli.runWithInput(Cli.PASSPHRASE + "\n", "keys", "list").assertOk();

    assertThat(keyring.calls).isZero();
    assertThat(result.err()).doesNotContain("keyring");
    assertThat(result.out()).contains("twitter/alice");
  }

  @Test
  void optInWithAWorkingKeyringUnlocksWithoutPrompt() throws Exception {
    optedIn();
    FakeKeyring keyring = FakeKeyring.working();
    keyring.entries.put(keychain, Cli.PASSPHRASE);
    cli.keyring = keyring;
    cli.env.remove("LATCHKEY_PASSPHRASE");

    Cli.Result result = cli.run("keys", "list").assertOk();

    assertThat(keyring.calls).isEqualTo(1);
    assertThat(result.err()).doesNotContain("Passphrase for").doesNotContain("keyring");
  }

  @Test
  void forgetWithAnUnavailableKeyringStillEndsTheOptIn() throws Exception {
    optedIn();
    cli.keyring = new FakeKeyring(FakeKeyring.Mode.UNAVAILABLE);

    cli.run("keys", "forget").assertFailure("latchkey no longer asks the OS keyring");

    assertThat(optIn()).doesNotExist();
  }

  @Test
  void passwdUnlockedFromTheEnvironmentStillUpdatesAnOptedInKeyring() throws Exception {
    FakeKeyring keyring = FakeKeyring.working();
    cli.keyring = keyring;
    cli.run("keys", "remember").assertOk();

    cli.runWithInput("fresh one\nfresh one\n", "keys", "passwd").assertOk();

    assertThat(keyring.entries).containsEntry(keychain, "fresh one");
  }
}
