package dev.latchkey.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.keychain.KeychainException.Reason;
import dev.latchkey.keychain.internal.KeychainLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeychainLockTest {
  @TempDir Path home;

  @Test
  @SuppressWarnings("try")
  void aWriterWaitingPastTheTimeoutGetsLockedNamingTheHoldersPid() throws Exception {
    Path path = home.resolve(Keychain.FILE_NAME);
    KeychainOptions options =
        KeychainOptions.builder(path, PassphraseSource.of("lock".toCharArray()))
            .weakWorkFactorForTesting(4)
            .lockTimeout(Duration.ofMillis(300))
            .build();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              try (KeychainLock lock = KeychainLock.acquire(path, Duration.ofSeconds(5))) {
                held.countDown();
                release.await();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    holder.start();
    held.await();
    try (Keychain k = Keychain.open(options)) {
      assertThatThrownBy(() -> k.add(Account.empty(new AccountId("twitter", "x"))))
          .isInstanceOfSatisfying(
              KeychainException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.LOCKED);
                assertThat(e.getMessage())
                    .contains("pid " + ProcessHandle.current().pid())
                    .contains(path.toString());
              });
      release.countDown();
      holder.join();
      k.add(Account.empty(new AccountId("twitter", "x")));
      assertThat(k.accounts()).hasSize(1);
    }
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(KeychainLock.lockFile(path))))
        .isEqualTo("rw-------");
  }
}
