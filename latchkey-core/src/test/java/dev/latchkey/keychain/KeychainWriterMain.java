package dev.latchkey.keychain;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A separate JVM that writes to a keychain, for the concurrency and kill tests. Arguments: {@code
 * <keychain file> <account prefix> <count, or 0 for forever> <work factor> [lock wait ms]}; the
 * passphrase comes from {@code LATCHKEY_PASSPHRASE}; the lock's stall limit is the default unless
 * given. Prints {@code ready} once open, {@code acked N} (N = accounts in the keychain) after every
 * completed write, and {@code waiting for pid N (writer P)} when a write waits for another writer.
 */
public final class KeychainWriterMain {
  private KeychainWriterMain() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String prefix = args[1];
    int count = Integer.parseInt(args[2]);
    int workFactor = Integer.parseInt(args[3]);
    boolean churn = args.length > 5 && args[5].equals("churn");
    KeychainOptions options =
        KeychainOptions.builder(file, PassphraseSources.fromEnvironment(System.getenv()))
            .weakWorkFactorForTesting(workFactor)
            .lockStallLimit(
                args.length > 4 && !args[4].equals("default")
                    ? Duration.ofMillis(Long.parseLong(args[4]))
                    : KeychainOptions.DEFAULT_LOCK_STALL_LIMIT)
            .lockWaitListener(
                holder -> {
                  System.out.println("waiting for " + holder);
                  System.out.flush();
                })
            .holderDescription("writer " + prefix)
            .build();
    try (Keychain keychain = Keychain.open(options)) {
      System.out.println("ready");
      System.out.flush();
      for (int i = 0; count == 0 || i < count; i++) {
        keychain.add(
            Account.empty(new AccountId("twitter", prefix + i))
                .withApp(AppCredentials.of("key-" + prefix + i, "secret-" + prefix + i)));
        System.out.println("acked " + keychain.accounts().size());
        System.out.flush();
        if (churn && i % 2 == 1) {
          keychain.remove(new AccountId("twitter", prefix + (i - 1)));
          System.out.println("removed " + prefix + (i - 1));
          System.out.flush();
        }
      }
    } catch (KeychainException e) {
      System.out.println("error " + e.reason() + ": " + e.getMessage());
      System.exit(1);
    }
  }
}
