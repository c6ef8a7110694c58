package dev.latchkey.keychain;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latchkey.keychain.internal.AgeCodec;
import dev.latchkey.keychain.internal.KeychainJson;
import dev.latchkey.keychain.internal.ScryptRecipient;
import java.security.SecureRandom;

/**
 * The keychain file reader takes arbitrary bytes and either returns contents or throws {@link
 * KeychainException}; any other exception (jagged's BufferUnderflowException, a Jackson or
 * date-parsing runtime exception, ...) is a finding. Seeds: a small Latchkey keychain and CCTV
 * vectors, all with the passphrase "password".
 */
class KeychainFileFuzzTest {
  // Shared so that re-reading a seed's salt hits the wrap-key cache; work factors above 12 are
  // refused (as 23+ are in production) so that the fuzzer measures parsing, not scrypt.
  private static final ScryptRecipient RECIPIENT =
      ScryptRecipient.of("password".toCharArray(), new SecureRandom(), 12);

  @FuzzTest(maxDuration = "60s")
  void arbitraryFileBytesOnlyEverRaiseKeychainException(byte[] file) {
    try {
      KeychainJson.read(AgeCodec.open(file, RECIPIENT, "fuzz"), "fuzz");
    } catch (KeychainException expected) {
      // the only allowed failure
    }
  }

  @FuzzTest(maxDuration = "60s")
  void arbitraryJsonOnlyEverRaisesKeychainException(byte[] json) {
    try {
      KeychainJson.read(json, "fuzz");
    } catch (KeychainException expected) {
      // the only allowed failure
    }
  }
}
