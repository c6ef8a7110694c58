package dev.latchkey.keychain.internal;

import dev.latchkey.keychain.KeychainException;

/** How the keychain document is stored in its file: age-encrypted, or (insecure) plain JSON. */
public interface KeychainFormat {

  /** Turns the document into file bytes (for age: a fresh salt, so one scrypt run). */
  byte[] seal(byte[] json) throws KeychainException;

  /** Turns file bytes back into the document. */
  byte[] open(byte[] file) throws KeychainException;

  /** How many key derivations this format ran (0 for plaintext). */
  int derivations();

  /** Forgets the key material. */
  void destroy();

  /** Starts deriving the next write's key in the background (age only). */
  void prepareWrite();

  /** The age format with one scrypt recipient; {@code name} is how messages call the file. */
  static KeychainFormat age(ScryptRecipient recipient, int workFactor, String name) {
    return new KeychainFormat() {
      @Override
      public byte[] seal(byte[] json) throws KeychainException {
        return AgeCodec.seal(json, recipient, workFactor);
      }

      @Override
      public byte[] open(byte[] file) throws KeychainException {
        return AgeCodec.open(file, recipient, name);
      }

      @Override
      public int derivations() {
        return recipient.derivations();
      }

      @Override
      public void destroy() {
        recipient.destroy();
      }

      @Override
      public void prepareWrite() {
        recipient.prepareWrite(workFactor);
      }
    };
  }

  /** Plain JSON: no passphrase, no protection beyond the file's permissions. */
  static KeychainFormat plaintext() {
    return new KeychainFormat() {
      @Override
      public byte[] seal(byte[] json) {
        return json.clone();
      }

      @Override
      public byte[] open(byte[] file) {
        return file.clone();
      }

      @Override
      public int derivations() {
        return 0;
      }

      @Override
      public void destroy() {}

      @Override
      public void prepareWrite() {}
    };
  }
}
