package dev.latchkey.keychain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The keychain contract on the insecure plaintext backend. */
class PlaintextKeychainTest extends KeychainContractTest {

  @Override
  KeychainOptions.Builder options(Path dir) {
    return KeychainOptions.builder(
            dir.resolve(Keychain.FILE_NAME),
            creating -> {
              throw new AssertionError("a plaintext keychain must not ask for a passphrase");
            })
        .insecurePlaintext(true);
  }

  @Test
  void plaintextKeychainIsJsonInKeychainJson() throws Exception {
    try (Keychain k = open()) {
      k.add(full(ALICE));
      assertThat(k.isPlaintext()).isTrue();
      assertThat(k.path().getFileName().toString()).isEqualTo(Keychain.PLAINTEXT_FILE_NAME);
      assertThat(Files.readString(k.path()))
          .contains("\"version\" : 1")
          .contains("\"consumer_key\" : \"ck-alice-0123456789\"");
    }
  }
}
