package dev.latchkey.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latchkey.keychain.KeychainException.Reason;
import dev.latchkey.keychain.internal.KeychainLock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeychainLockTest {
  @TempDir Path home;
  Process child;

  @AfterEach
  void killChild() throws Exception {
    if (child != null) {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
  }

  Path path() {
    return home.resolve(Keychain.FILE_NAME);
  }

  KeychainOptions options(Duration stallLimit, List<LockHolder> heard) {
    return KeychainOptions.builder(path(), PassphraseSource.of("lock".toCharArray()))
        .weakWorkFactorForTesting(4)
        .lockStallLimit(stallLimit)
        .lockWaitListener(heard::add)
        .build();
  }

  /** Starts a JVM that holds the writer lock until it is killed. */
  Process holderProcess() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            LockHolderMain.class.getName(),
            path().toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    assertThat(r.readLine()).isEqualTo("held");
    return p;
  }

  static void signal(Process p, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  @Test
  @SuppressWarnings("try")
  void aWriterWaitsForALiveHolderLongerThanTheStallLimitAndSaysOnceWhomItWaitsFor()
      throws Exception {
    List<LockHolder> heard = new CopyOnWriteArrayList<>();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    KeychainOptions holderOptions =
        KeychainOptions.builder(path(), PassphraseSource.of("lock".toCharArray()))
            .holderDescription("latchkey keys label\u001b[2J")
            .build();
    Thread holder =
        new Thread(
            () -> {
              try (KeychainLock lock =
                  KeychainLock.acquire(path(), KeychainLock.Wait.of(holderOptions))) {
                held.countDown();
                release.await();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    holder.start();
    held.await();
    Thread releaser =
        new Thread(
            () -> {
              try {
                Thread.sleep(2_500); // five times the stall limit: only progress keeps us waiting
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              release.countDown();
            });
    releaser.start();
    try (Keychain k = Keychain.open(options(Duration.ofMillis(500), heard))) {
      long start = System.nanoTime();
      k.add(Account.empty(new AccountId("twitter", "x")));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(2));
      assertThat(k.accounts()).hasSize(1);
    }
    holder.join();
    assertThat(heard)
        .containsExactly(
            new LockHolder(
                OptionalLong.of(ProcessHandle.current().pid()), "latchkey keys label?[2J"));
    assertThat(heard.get(0).toString())
        .isEqualTo("pid " + ProcessHandle.current().pid() + " (latchkey keys label?[2J)");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(KeychainLock.lockFile(path()))))
        .isEqualTo("rw-------");
  }

  @Test
  void aStoppedHolderIsNamedAfterTheStallLimitAndNothingIsWritten() throws Exception {
    child = holderProcess();
    signal(child, "STOP");
    try (Keychain k =
        Keychain.open(options(Duration.ofMillis(1_500), new CopyOnWriteArrayList<>()))) {
      KeychainException e =
          catchThrowableOfType(
              () -> k.add(Account.empty(new AccountId("twitter", "x"))), KeychainException.class);
      assertThat(e.reason()).isEqualTo(Reason.LOCKED);
      assertThat(e.getMessage())
          .contains(path().toString())
          .contains("pid " + child.pid() + " (lock holder test)")
          .contains("no sign of progress for 1500 ms")
          .contains("kill -CONT " + child.pid())
          .endsWith("nothing was changed");
    }
    assertThat(path()).doesNotExist();
    signal(child, "CONT");
  }

  @Test
  void aKilledHoldersLockIsTakenOverAtOnce() throws Exception {
    child = holderProcess();
    List<LockHolder> heard = new CopyOnWriteArrayList<>();
    try (Keychain k = Keychain.open(options(Duration.ofSeconds(30), heard))) {
      Thread killer =
          new Thread(
              () -> {
                try {
                  Thread.sleep(1_500);
                  child.destroyForcibly(); // SIGKILL: the holder cannot release anything itself
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      killer.start();
      long start = System.nanoTime();
      k.add(Account.empty(new AccountId("twitter", "x")));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      killer.join();
      assertThat(k.accounts()).hasSize(1);
    }
    assertThat(heard).extracting(LockHolder::pid).containsExactly(OptionalLong.of(child.pid()));
  }
}
