package dev.latchkey.keychain;

import dev.latchkey.keychain.internal.KeychainLock;
import java.nio.file.Path;

/**
 * A separate JVM that takes a keychain's writer lock, prints {@code held}, and keeps it until it is
 * killed. Arguments: {@code <keychain file>}.
 */
public final class LockHolderMain {
  private LockHolderMain() {}

  @SuppressWarnings("try") // the lock is held until the process dies
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    KeychainOptions options =
        KeychainOptions.builder(file, PassphraseSource.of("unused".toCharArray()))
            .holderDescription("lock holder test")
            .build();
    try (KeychainLock lock = KeychainLock.acquire(file, KeychainLock.Wait.of(options))) {
      System.out.println("held");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
