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
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, finding 1 as a person sees it: a {@code latchkey} process that must wait for another
 * process's keychain lock says, once and after about a second, whom it waits for, then goes on. The
 * lock is held until the notice comes, however long the JVM takes to start.
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
    Thread reader;
    List<String> errLines = new CopyOnWriteArrayList<>();
    try (KeychainLock held =
        KeychainLock.acquire(
            file,
            new KeychainLock.Wait(
                Duration.ofSeconds(30),
                KeychainLock.NOTICE_AFTER,
                LockWaitListener.SILENT,
                "latchkey keys add"))) {
      labelling = latchkey("keys", "label", "twitter/a", "waited");
      reader =
          new Thread(
              () ->
                  new BufferedReader(
                          new InputStreamReader(labelling.getErrorStream(), StandardCharsets.UTF_8))
                      .lines()
                      .forEach(errLines::add));
      reader.setDaemon(true);
      reader.start();
      // Held until the waiter says whom it waits for (a JVM's start under load takes seconds),
      // and a little longer: the notice comes once, not once a second.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (errLines.stream().noneMatch(l -> l.startsWith("latchkey: waiting for"))
          && labelling.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      Thread.sleep(1500);
      assertThat(labelling.isAlive()).as("waits while the lock is held: %s", errLines).isTrue();
    }
    assertThat(labelling.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(labelling.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    reader.join(10_000); // until standard error's end
    String err = String.join("\n", errLines);

    assertThat(labelling.exitValue()).as(err).isZero();
    assertThat(out).isEqualTo("labelled twitter/a: waited\n");
    List<String> notices =
        errLines.stream().filter(l -> l.startsWith("latchkey: waiting for")).toList();
    assertThat(notices)
        .as(err)
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
