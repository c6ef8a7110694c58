package dev.latchkey.bench;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.KeychainOptions;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.keychain.PassphraseSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.SCrypt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The keychain's cost at the default work factor (18): opening and listing a keychain of 1,000
 * accounts (one scrypt run) and adding one account (one scrypt run for the fresh salt, plus the
 * write, fsync, verify and rename). Both are dominated by scrypt by design; {@link #scryptAlone} is
 * the control that shows how much.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 10)
public class KeychainBenchmark {
  private static final int ACCOUNTS = 1_000;

  private Path dir;
  private KeychainOptions options;
  private Keychain writer;
  private int added;

  @Setup(Level.Trial)
  public void createKeychain() throws IOException, KeychainException {
    dir = Files.createTempDirectory("latchkey-bench");
    options =
        KeychainOptions.builder(
                dir.resolve("keys").resolve(Keychain.FILE_NAME),
                PassphraseSource.of("benchmark passphrase".toCharArray()))
            .workFactor(KeychainOptions.DEFAULT_WORK_FACTOR)
            .build();
    try (Keychain keychain = Keychain.open(options)) {
      keychain.edit(
          draft -> {
            for (int i = 0; i < ACCOUNTS; i++) {
              draft.put(account("user" + i));
            }
          });
    }
    writer = Keychain.open(options);
  }

  private static Account account(String name) {
    return Account.empty(new AccountId("twitter", name))
        .withApp(AppCredentials.of("consumer-key-" + name, "consumer-secret-" + name))
        .withOAuth1(OAuth1Token.of("token-" + name, "token-secret-" + name));
  }

  @TearDown(Level.Trial)
  public void deleteKeychain() throws IOException {
    writer.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The control: one scrypt at work factor 18 (N = 2^18, r = 8, p = 1), as age derives it. */
  @Benchmark
  public byte[] scryptAlone() {
    return SCrypt.generate(
        "benchmark passphrase".getBytes(StandardCharsets.UTF_8),
        "age-encryption.org/v1/scrypt0123456789abcdef".getBytes(StandardCharsets.US_ASCII),
        1 << KeychainOptions.DEFAULT_WORK_FACTOR,
        8,
        1,
        32);
  }

  /** Unlock (one scrypt) and list 1,000 accounts. */
  @Benchmark
  public List<Account> openAndList1000() throws KeychainException {
    try (Keychain keychain = Keychain.open(options)) {
      return keychain.accounts();
    }
  }

  /** Add one account to an open keychain of 1,000+ (one scrypt for the new salt). */
  @Benchmark
  public int addOne() throws KeychainException {
    writer.add(account("added" + added++));
    return added;
  }
}
