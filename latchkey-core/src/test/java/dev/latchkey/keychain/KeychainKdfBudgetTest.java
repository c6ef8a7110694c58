package dev.latchkey.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.keychain.KeychainException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scrypt runs once to unlock and once per write, never to check a write; the source asked once. */
class KeychainKdfBudgetTest {
  @TempDir Path home;

  record Asked(List<Boolean> creating, PassphraseSource source) {
    static Asked of(String passphrase) {
      List<Boolean> log = new ArrayList<>();
      return new Asked(
          log,
          creating -> {
            log.add(creating);
            return passphrase.toCharArray();
          });
    }
  }

  KeychainOptions options(PassphraseSource source) {
    return KeychainOptions.builder(home.resolve(Keychain.FILE_NAME), source)
        .weakWorkFactorForTesting(8)
        .build();
  }

  @Test
  void creatingAsksOnceWithCreatingTrueAndDerivesOncePerWrite() throws Exception {
    Asked asked = Asked.of("budget");
    try (Keychain k = Keychain.open(options(asked.source()))) {
      assertThat(k.derivations()).isZero();
      k.add(Account.empty(new AccountId("twitter", "a")));
      assertThat(k.derivations()).isEqualTo(1);
      k.add(Account.empty(new AccountId("twitter", "b")));
      assertThat(k.derivations()).isEqualTo(2);
    }
    assertThat(asked.creating()).containsExactly(true);
  }

  @Test
  void openingDerivesOnceAndAsksOnceWithCreatingFalse() throws Exception {
    try (Keychain k = Keychain.open(options(PassphraseSource.of("budget".toCharArray())))) {
      k.add(Account.empty(new AccountId("twitter", "a")));
    }
    Asked asked = Asked.of("budget");
    try (Keychain k = Keychain.open(options(asked.source()))) {
      assertThat(k.derivations()).isEqualTo(1);
      assertThat(k.accounts()).hasSize(1);
    }
    assertThat(asked.creating()).containsExactly(false);
  }

  @Test
  void aWriteAfterAnotherProcessWroteDerivesOnceMoreToReadIt() throws Exception {
    PassphraseSource source = PassphraseSource.of("budget".toCharArray());
    try (Keychain first = Keychain.open(options(source));
        Keychain second = Keychain.open(options(source))) {
      first.add(Account.empty(new AccountId("twitter", "a")));
      second.add(Account.empty(new AccountId("twitter", "b")));
      // read first's file (1) + write (1)
      assertThat(second.derivations()).isEqualTo(2);
    }
  }

  @Test
  void changePassphraseLocksOutTheOldOne() throws Exception {
    try (Keychain k = Keychain.open(options(PassphraseSource.of("old one".toCharArray())))) {
      k.add(Account.empty(new AccountId("twitter", "a")));
      k.changePassphrase("new one".toCharArray());
      k.add(Account.empty(new AccountId("twitter", "b")));
    }
    assertThatThrownBy(() -> Keychain.open(options(PassphraseSource.of("old one".toCharArray()))))
        .isInstanceOfSatisfying(
            KeychainException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSPHRASE));
    try (Keychain k = Keychain.open(options(PassphraseSource.of("new one".toCharArray())))) {
      assertThat(k.accounts()).hasSize(2);
    }
  }

  @Test
  void everyWrittenFileIsAMultipleOf4096BytesWhateverItHolds() throws Exception {
    try (Keychain k = Keychain.open(options(PassphraseSource.of("pad".toCharArray())))) {
      List<Long> sizes = new ArrayList<>();
      for (int batch = 0; batch < 6; batch++) {
        int start = batch * 60;
        k.edit(
            d -> {
              for (int i = start; i < start + 60; i++) {
                d.put(KeychainContractTest.full(new AccountId("twitter", "user" + i)));
              }
            });
        sizes.add(Files.size(k.path()));
      }
      assertThat(sizes).allMatch(s -> s % 4096 == 0);
      assertThat(sizes.get(sizes.size() - 1)).isGreaterThan(65536 * 2);
    }
    try (Keychain k = Keychain.open(options(PassphraseSource.of("pad".toCharArray())))) {
      assertThat(k.accounts()).hasSize(360);
    }
  }

  static String salt(Path file) throws Exception {
    Matcher m =
        Pattern.compile("\n-> scrypt (\\S+) ")
            .matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void aPreparedWriteKeyServesExactlyOneWriteWithItsOwnSalt() throws Exception {
    PassphraseSource source = PassphraseSource.of("prepared".toCharArray());
    try (Keychain k = Keychain.open(options(source))) {
      k.add(Account.empty(new AccountId("twitter", "a")));
    }
    Set<String> salts = new HashSet<>();
    salts.add(salt(home.resolve(Keychain.FILE_NAME)));
    KeychainOptions prepared =
        KeychainOptions.builder(home.resolve(Keychain.FILE_NAME), source)
            .weakWorkFactorForTesting(8)
            .prepareForWriting(true)
            .build();
    assertThat(prepared.prepareForWriting()).isTrue();
    try (Keychain k = Keychain.open(prepared)) {
      k.add(Account.empty(new AccountId("twitter", "b")));
      assertThat(k.derivations()).as("unlock + prepared write key").isEqualTo(2);
      salts.add(salt(k.path()));
      k.add(Account.empty(new AccountId("twitter", "c")));
      assertThat(k.derivations()).isEqualTo(3);
      salts.add(salt(k.path()));
    }
    assertThat(salts).as("every write has a fresh salt").hasSize(3);
    try (Keychain k = Keychain.open(options(source))) {
      assertThat(k.accounts()).hasSize(3);
    }
  }

  @Test
  void emptyPassphraseIsRefused() {
    assertThatThrownBy(() -> Keychain.open(options(PassphraseSource.of(new char[0]))))
        .isInstanceOfSatisfying(
            KeychainException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_PASSPHRASE));
  }
}
