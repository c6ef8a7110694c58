package dev.latchkey.account;

import java.time.Duration;
import java.util.Optional;

/**
 * The operating system's keyring (macOS Keychain, Windows Credential Manager, Secret Service),
 * asked for the keychain passphrase only after the person opted in. The library only declares it:
 * the command implements it with a keyring library, tests with a map.
 */
public interface Keyring {
  /** The service name every entry is stored under, one entry per keychain path. */
  String SERVICE = "latchkey";

  /** The remembered secret for {@code account}, or empty when there is none. */
  Optional<String> get(String account) throws Unavailable;

  /** Stores (or replaces) the secret for {@code account}. */
  void set(String account, String secret) throws Unavailable;

  /** Removes the entry; false when there was none. */
  boolean delete(String account) throws Unavailable;

  /**
   * This keyring with every call run on its own thread and given up after {@code timeout}, since a
   * keyring can hang on a D-Bus that never answers.
   */
  default Keyring withTimeout(Duration timeout) {
    return new TimeLimitedKeyring(this, timeout);
  }

  /** No keyring at all: every call is {@link Unavailable}. */
  static Keyring none() {
    return new Keyring() {
      @Override
      public Optional<String> get(String account) throws Unavailable {
        throw new Unavailable("no keyring is configured");
      }

      @Override
      public void set(String account, String secret) throws Unavailable {
        throw new Unavailable("no keyring is configured");
      }

      @Override
      public boolean delete(String account) throws Unavailable {
        throw new Unavailable("no keyring is configured");
      }
    };
  }

  /** The keyring cannot be used; the message says why in a few words and holds no secret. */
  final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why, in a few words, with no secret. */
    public Unavailable(String reason) {
      super(reason, null, false, false);
    }
  }
}
