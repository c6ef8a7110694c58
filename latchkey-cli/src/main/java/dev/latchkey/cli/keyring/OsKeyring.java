package dev.latchkey.cli.keyring;

import java.time.Duration;
import java.util.Optional;

/**
 * The operating system's keyring (macOS Keychain, Windows Credential Manager, Secret Service), used
 * only when the user asked {@code latchkey keys remember} to keep the keychain passphrase there.
 * Entries live under the service {@value #SERVICE}, one per keychain path.
 */
public interface OsKeyring {
  /** The service name every entry is stored under. */
  String SERVICE = "latchkey";

  /** The remembered secret for {@code account}, or empty when there is none. */
  Optional<String> get(String account) throws Unavailable;

  /** Stores (or replaces) the secret for {@code account}. */
  void set(String account, String secret) throws Unavailable;

  /** Removes the entry; false when there was none. */
  boolean delete(String account) throws Unavailable;

  /**
   * Wraps a keyring so that every call runs on its own thread and gives up after {@code timeout},
   * because a keyring can hang on a D-Bus that never answers.
   */
  static OsKeyring withTimeout(OsKeyring keyring, Duration timeout) {
    return new TimeLimitedKeyring(keyring, timeout);
  }

  /** The keyring cannot be used; the message says why in a few words and holds no secret. */
  final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    public Unavailable(String reason) {
      super(reason, null, false, false);
    }
  }
}
