package dev.latchkey.collect;

import dev.latchkey.account.Accounts;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainOptions;
import dev.latchkey.keychain.PassphraseSource;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Gateways the way {@code latchkey collect} builds them: an account in a real keychain (a weak work
 * factor, in a temporary directory removed when the JVM ends), sent through {@link Accounts}.
 */
final class TestGateways {
  private TestGateways() {}

  /** A gateway sending as {@code account} on {@code platform} (with the hosts it names). */
  static AccountsGateway of(Platform platform, Account account) {
    try {
      Path dir = Files.createTempDirectory("latchkey-collect-test-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
      Keychain keychain =
          Keychain.open(
              KeychainOptions.builder(
                      dir.resolve(Keychain.FILE_NAME), PassphraseSource.of("pw".toCharArray()))
                  .createIfMissing(true)
                  .weakWorkFactorForTesting(10)
                  .build());
      keychain.put(account);
      Accounts accounts = Accounts.builder(keychain, Platforms.builtIn().with(platform)).build();
      return new AccountsGateway(accounts, account.id());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind
    }
  }
}
