package dev.latchkey.keychain;

import java.nio.file.Path;

/** The keychain contract on the age-encrypted backend. */
class EncryptedKeychainTest extends KeychainContractTest {
  static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

  @Override
  KeychainOptions.Builder options(Path dir) {
    return KeychainOptions.builder(dir.resolve(Keychain.FILE_NAME), PassphraseSource.of(PASSPHRASE))
        .weakWorkFactorForTesting(10);
  }
}
