package dev.latchkey.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The passphrase chain: file, environment, keyring after the opt-in, the caller's prompt. */
class KeychainAccessTest {
  @TempDir Path home;

  /** A person at a prompt typing the given lines, and what they were told. */
  static final class Typist implements PassphrasePrompt {
    final Deque<String> lines;
    final List<String> asked = new ArrayList<>();
    final List<String> told = new ArrayList<>();

    Typist(String... lines) {
      this.lines = new ArrayDeque<>(List.of(lines));
    }

    @Override
    public char[] readSecret(String prompt) {
      asked.add(prompt);
      String l = lines.poll();
      return l == null ? null : l.toCharArray();
    }

    @Override
    public void tell(String line) {
      told.add(line);
    }
  }

  /** A keyring kept in a map, as a test's stand-in for the OS's. */
  static final class MapKeyring implements Keyring {
    final Map<String, String> entries = new HashMap<>();

    @Override
    public Optional<String> get(String account) {
      return Optional.ofNullable(entries.get(account));
    }

    @Override
    public void set(String account, String secret) {
      entries.put(account, secret);
    }

    @Override
    public boolean delete(String account) {
      return entries.remove(account) != null;
    }
  }

  Map<String, String> env(String... pairs) {
    Map<String, String> m = new HashMap<>();
    m.put("LATCHKEY_HOME", home.toString());
    m.put(KeychainAccess.TEST_WORK_FACTOR, "10");
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  void create(String passphrase) throws Exception {
    try (Keychain k =
        KeychainAccess.builder(env("LATCHKEY_PASSPHRASE", passphrase)).build().open(true)) {
      k.add(Account.empty(AccountId.parse("twitter/alice")));
    }
  }

  @Test
  void aNewKeychainAsksTwiceAndAgainWhenTheTwoDiffer() throws Exception {
    Typist typist = new Typist("one", "two", "same", "same");
    KeychainAccess access = KeychainAccess.builder(env()).prompt(typist).build();
    try (Keychain k = access.open(true)) {
      k.add(Account.empty(AccountId.parse("twitter/alice")));
    }
    assertThat(typist.told).contains("the passphrases do not match; try again");
    assertThat(access.source()).isEqualTo(KeychainAccess.Source.PROMPT);
    try (Keychain k =
        KeychainAccess.builder(env()).prompt(new Typist("same")).build().open(false)) {
      assertThat(k.accounts()).hasSize(1);
    }
  }

  @Test
  void theFileComesBeforeTheVariableAndTheVariableBeforeThePrompt() throws Exception {
    create("right");
    Path file = home.resolve("pass");
    Files.writeString(file, "right\n");
    Typist nobody = new Typist();
    KeychainAccess fromFile =
        KeychainAccess.builder(
                env("LATCHKEY_PASSPHRASE_FILE", file.toString(), "LATCHKEY_PASSPHRASE", "wrong"))
            .prompt(nobody)
            .build();
    fromFile.open(false).close();
    assertThat(fromFile.source()).isEqualTo(KeychainAccess.Source.FILE);
    KeychainAccess fromVariable =
        KeychainAccess.builder(env("LATCHKEY_PASSPHRASE", "right")).prompt(nobody).build();
    fromVariable.open(false).close();
    assertThat(fromVariable.source()).isEqualTo(KeychainAccess.Source.ENVIRONMENT);
    assertThat(nobody.asked).isEmpty();
  }

  @Test
  void theKeyringIsAskedOnlyAfterTheOptIn() throws Exception {
    create("right");
    MapKeyring keyring = new MapKeyring();
    KeychainAccess access =
        KeychainAccess.builder(env()).keyring(keyring).prompt(new Typist("right")).build();
    keyring.set(access.path().toString(), "right");

    access.open(false).close();
    assertThat(access.source()).isEqualTo(KeychainAccess.Source.PROMPT);

    access.recordKeyringOptIn();
    KeychainAccess again =
        KeychainAccess.builder(env()).keyring(keyring).prompt(new Typist()).build();
    again.open(false).close();
    assertThat(again.source()).isEqualTo(KeychainAccess.Source.KEYRING);
    assertThat(Files.readString(again.keyringOptIn())).doesNotContain("right");
  }

  @Test
  void nobodyToAskIsReportedWithTheWaysToGiveIt() throws Exception {
    create("right");
    KeychainException e =
        catchThrowableOfType(
            () -> KeychainAccess.builder(env()).build().open(false), KeychainException.class);
    assertThat(e.reason()).isEqualTo(KeychainException.Reason.NO_PASSPHRASE);
    assertThat(e.getMessage()).contains("LATCHKEY_PASSPHRASE_FILE");
  }

  @Test
  void aMissingKeychainNamesTheCommandThatCreatesOne() {
    KeychainException e =
        catchThrowableOfType(
            () -> KeychainAccess.builder(env()).build().open(false), KeychainException.class);
    assertThat(e.getMessage())
        .startsWith("no keychain at ")
        .endsWith("latchkey keys add twitter/NAME");
  }
}
