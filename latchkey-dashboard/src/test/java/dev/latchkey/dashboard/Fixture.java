package dev.latchkey.dashboard;

import dev.latchkey.account.KeychainAccess;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.KeychainOptions;
import dev.latchkey.keychain.PassphraseSource;
import dev.latchkey.platform.Platforms;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A sandbox on a free port, a keychain in a temporary directory (a weak work factor, for speed) and
 * a dashboard on a free port pointed at the sandbox; every line the dashboard logs is kept.
 */
final class Fixture implements AutoCloseable {
  static final String PASSPHRASE = "correct horse battery staple";

  final Sandbox sandbox;
  final Path keychainFile;
  final Platforms platforms;
  final Dashboard dashboard;
  final TestClock clock = new TestClock();
  final List<String> log = Collections.synchronizedList(new ArrayList<>());

  Fixture(Path dir) throws IOException {
    this(dir, null);
  }

  /**
   * With {@code preset}, the keychain unlocks without typing (as LATCHKEY_PASSPHRASE_FILE does).
   */
  Fixture(Path dir, PassphraseSource preset) throws IOException {
    this(dir, preset, Duration.ofSeconds(30));
  }

  /** With a revealed secret shown for {@code revealFor}. */
  Fixture(Path dir, PassphraseSource preset, Duration revealFor) throws IOException {
    this(dir, preset, revealFor, SandboxOptions.builder().port(0).build(), null, Map.of());
  }

  /**
   * Everything chosen: the sandbox's options, the dashboard's clock (null: the {@link TestClock}
   * {@link #clock}) and the environment it looks for the agent of {@code latchkey unlock} in.
   */
  Fixture(
      Path dir,
      PassphraseSource preset,
      Duration revealFor,
      SandboxOptions sandboxOptions,
      Clock dashboardClock,
      Map<String, String> environment)
      throws IOException {
    sandbox = Sandbox.start(sandboxOptions);
    Path file = dir.resolve("home").resolve(Keychain.FILE_NAME);
    keychainFile = file;
    platforms =
        Platforms.configured(
            Map.of(Platforms.SANDBOX_VARIABLE, sandbox.baseUri().toString()),
            dir.resolve("no-config.json"));
    DashboardOptions.Builder options =
        DashboardOptions.builder(
                KeychainAccess.builder(withTestWorkFactor(environment)).keychain(file).build())
            .platforms(platforms)
            .port(0)
            .clock(dashboardClock == null ? clock : dashboardClock)
            .revealFor(revealFor)
            .log(log::add);
    if (preset != null) {
      options.presetPassphrase(preset, "LATCHKEY_PASSPHRASE_FILE");
    }
    dashboard = Dashboard.start(options.build());
  }

  private static Map<String, String> withTestWorkFactor(Map<String, String> environment) {
    Map<String, String> all = new java.util.HashMap<>(environment);
    all.put(KeychainAccess.TEST_WORK_FACTOR, "10");
    return all;
  }

  /** The keychain's accounts, read from the file with the passphrase (not through the page). */
  List<Account> storedAccounts() throws KeychainException {
    if (!java.nio.file.Files.exists(keychainFile)) {
      return List.of();
    }
    try (Keychain k =
        Keychain.open(
            KeychainOptions.builder(keychainFile, PassphraseSource.of(PASSPHRASE.toCharArray()))
                .weakWorkFactorForTesting(10)
                .createIfMissing(false)
                .build())) {
      return k.accounts();
    }
  }

  @Override
  public void close() {
    dashboard.close();
    sandbox.close();
  }
}
