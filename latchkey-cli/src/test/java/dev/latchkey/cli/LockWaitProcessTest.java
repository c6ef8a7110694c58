package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.account.KeychainAccess;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainOptions;
import dev.latchkey.keychain.LockWaitListener;
import dev.latchkey.keychain.PassphraseSource;
import dev.latchkey.keychain.internal.KeychainLock;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, finding 1 as a person sees it: a {@code latchkey} process that must wait for another
 * process's keychain lock says, once and after about a second, whom it waits for, then goes on.
 */
class LockWaitProcessTest {
  @TempDir Path home;

  @Test
  void aWriterWaitingForAnotherProcessSaysOnceWhomItWaitsForAndThenWrites() throws Exception {
    Path file = home.resolve("keychain.age");
    try (Keychain k =
        Keychain.open(
            KeychainOptions.builder(file, PassphraseSource.of(Cli.PASSPHRASE.toCharArray()))
                .weakWorkFactorForTesting(10)
                .build())) {
      k.put(Account.empty(AccountId.parse("twitter/a")).withApp(AppCredentials.of("ck", "cs")));
    }
    long me = ProcessHandle.current().pid();
    Process labelling;
    long heldMillis;
    try (KeychainLock held =
        KeychainLock.acquire(
            file,
            new KeychainLock.Wait(
                Duration.ofSeconds(30),
                KeychainLock.NOTICE_AFTER,
                LockWaitListener.SILENT,
                "latchkey keys add"))) {
      long start = System.nanoTime();
      labelling = latchkey("keys", "label", "twitter/a", "waited");
      Thread.sleep(3000);
      assertThat(labelling.isAlive()).as("waits while the lock is held").isTrue();
      heldMillis = (System.nanoTime() - start) / 1_000_000;
    }
    assertThat(labelling.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = new String(labelling.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    String out = new String(labelling.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(labelling.exitValue()).as(err).isZero();
    assertThat(out).isEqualTo("labelled twitter/a: waited\n");
    List<String> notices = err.lines().filter(l -> l.startsWith("latchkey: waiting for")).toList();
    assertThat(notices)
        .as("held for %d ms", heldMillis)
        .containsExactly("latchkey: waiting for pid " + me + " (latchkey keys add) …");
    // What the waiter recorded once it held the lock: its own command.
    assertThat(Files.readString(KeychainLock.lockFile(file)))
        .contains("pid " + labelling.pid())
        .contains("for latchkey keys label");
  }

  Process latchkey(String... args) throws Exception {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", cp));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("LATCHKEY_"));
    env.put("LATCHKEY_HOME", home.toString());
    env.put("LATCHKEY_PASSPHRASE", Cli.PASSPHRASE);
    env.put(KeychainAccess.TEST_WORK_FACTOR, "10");
    env.put("LATCHKEY_NO_KEYRING", "1");
    env.put("LATCHKEY_NO_AGENT", "1");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return pb.start();
  }
}
