package dev.latchkey.keychain;

/**
 * Where the keychain's passphrase comes from. The keychain asks at most once per opening, and says
 * whether it is creating a new keychain (a prompt then asks twice to catch typing mistakes).
 */
@FunctionalInterface
public interface PassphraseSource {

  /**
   * Returns the passphrase. The caller clears the array after use.
   *
   * @param creating true when a new keychain is being created
   * @throws KeychainException with {@link KeychainException.Reason#NO_PASSPHRASE} when none can be
   *     had
   */
  char[] passphrase(boolean creating) throws KeychainException;

  /** A fixed passphrase, for programs that obtained it themselves; the array is copied. */
  static PassphraseSource of(char[] passphrase) {
    char[] copy = passphrase.clone();
    return creating -> copy.clone();
  }
}
