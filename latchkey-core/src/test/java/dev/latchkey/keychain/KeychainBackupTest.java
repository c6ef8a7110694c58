package dev.latchkey.keychain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the files next to the keychain hold after the user removed or re-keyed something: no file
 * Latchkey keeps opens with an old passphrase or holds a removed secret, and a backup is still
 * there for a keychain damaged on disk.
 */
class KeychainBackupTest {
  static final char[] OLD = "old passphrase".toCharArray();
  static final char[] NEW = "new passphrase".toCharArray();
  static final String ALICE_SECRET = "alice-consumer-secret-0123456789";
  static final AccountId ALICE = AccountId.parse("twitter/alice");
  static final AccountId BOB = AccountId.parse("twitter/bob");

  @TempDir Path home;

  Path file() {
    return home.resolve("data").resolve(Keychain.FILE_NAME);
  }

  Path backup() {
    return file().resolveSibling(Keychain.FILE_NAME + ".bak");
  }

  Keychain open(char[] passphrase) throws KeychainException {
    return Keychain.open(
        KeychainOptions.builder(file(), PassphraseSource.of(passphrase))
            .weakWorkFactorForTesting(4)
            .build());
  }

  static Account alice(String secret) {
    return Account.empty(ALICE).withApp(AppCredentials.of("alice-consumer-key-0123", secret));
  }

  static Account bob() {
    return Account.empty(BOB)
        .withApp(AppCredentials.of("bob-consumer-key-0123", "bob-secret-0123"));
  }

  /** Opens {@code file} as a keychain with {@code passphrase} from a private copy, if it does. */
  Optional<List<Account>> opens(Path file, char[] passphrase) throws Exception {
    Path dir = Files.createTempDirectory(home, "copy");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Path copy = dir.resolve(Keychain.FILE_NAME);
    Files.copy(file, copy);
    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
    try (Keychain k =
        Keychain.open(
            KeychainOptions.builder(copy, PassphraseSource.of(passphrase))
                .createIfMissing(false)
                .build())) {
      return Optional.of(k.accounts());
    } catch (KeychainException e) {
      return Optional.empty();
    }
  }

  /** Every regular file Latchkey keeps next to the keychain. */
  List<Path> keptFiles() throws Exception {
    try (Stream<Path> files = Files.list(file().getParent())) {
      return files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList();
    }
  }

  void assertNoFileHolds(String secret, char[] passphrase) throws Exception {
    for (Path f : keptFiles()) {
      assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
          .as("plain bytes of %s", f)
          .doesNotContain(secret);
      Optional<List<Account>> accounts = opens(f, passphrase);
      if (accounts.isPresent()) {
        assertThat(accounts.get().toString() + secretsOf(accounts.get()))
            .as("%s opened", f)
            .doesNotContain(secret);
      }
    }
  }

  static String secretsOf(List<Account> accounts) {
    List<String> out = new ArrayList<>();
    for (Account a : accounts) {
      if (a.app() != null && a.app().consumerSecret() != null) {
        out.add(a.app().consumerSecret().reveal());
      }
    }
    return out.toString();
  }

  @Test
  void afterRemovingAnAccountNoFileHoldsItsSecret() throws Exception {
    try (Keychain k = open(OLD)) {
      k.add(alice(ALICE_SECRET));
      k.add(bob());
      assertThat(k.remove(ALICE)).isTrue();
    }
    assertNoFileHolds(ALICE_SECRET, OLD);
    assertThat(opens(backup(), OLD))
        .hasValueSatisfying(a -> assertThat(a).extracting(Account::id).containsExactly(BOB));
  }

  @Test
  void afterChangingThePassphraseNoFileOpensWithTheOldOne() throws Exception {
    try (Keychain k = open(OLD)) {
      k.add(alice(ALICE_SECRET));
      k.add(bob());
      k.changePassphrase(NEW);
    }
    for (Path f : keptFiles()) {
      assertThat(opens(f, OLD)).as("%s opens with the old passphrase", f).isEmpty();
    }
    assertThat(opens(backup(), NEW)).hasValueSatisfying(a -> assertThat(a).hasSize(2));
  }

  @Test
  void afterReplacingASecretNoFileHoldsTheOldOne() throws Exception {
    try (Keychain k = open(OLD)) {
      k.add(alice(ALICE_SECRET));
      k.put(alice("alice-rotated-secret-9876543210"));
    }
    assertNoFileHolds(ALICE_SECRET, OLD);
  }

  @Test
  void anAdditiveChangeKeepsThePreviousVersionAsTheBackup() throws Exception {
    try (Keychain k = open(OLD)) {
      k.add(alice(ALICE_SECRET));
      k.add(bob());
      k.put(k.get(BOB).orElseThrow().withLabel("work"));
    }
    assertThat(opens(backup(), OLD))
        .hasValueSatisfying(
            a -> {
              assertThat(a).extracting(Account::id).containsExactly(ALICE, BOB);
              assertThat(a.get(1).label()).isNull();
            });
  }

  @Test
  void aBackupWrittenAfterARemovalIsItsOwnFileThatSurvivesDamageToTheKeychain() throws Exception {
    try (Keychain k = open(OLD)) {
      k.add(alice(ALICE_SECRET));
      k.add(bob());
      k.remove(ALICE);
    }
    Object keychainInode = Files.readAttributes(file(), BasicFileAttributes.class).fileKey();
    Object backupInode = Files.readAttributes(backup(), BasicFileAttributes.class).fileKey();
    assertThat(backupInode).isNotEqualTo(keychainInode);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup())))
        .isEqualTo("rw-------");
    Files.write(file(), new byte[100]); // damaged in place
    assertThat(opens(backup(), OLD)).hasValueSatisfying(a -> assertThat(a).hasSize(1));
  }

  @Test
  void aPlaintextKeychainsBackupHoldsNoRemovedSecretEither() throws Exception {
    KeychainOptions plaintext =
        KeychainOptions.builder(file(), PassphraseSource.of(OLD)).insecurePlaintext(true).build();
    try (Keychain k = Keychain.open(plaintext)) {
      k.add(alice(ALICE_SECRET));
      k.add(bob());
      k.remove(ALICE);
    }
    assertThat(file().resolveSibling(Keychain.PLAINTEXT_FILE_NAME + ".bak")).exists();
    assertNoFileHolds(ALICE_SECRET, OLD);
  }
}
