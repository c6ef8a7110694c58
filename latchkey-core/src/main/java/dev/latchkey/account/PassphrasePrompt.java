package dev.latchkey.account;

/**
 * How the keychain's passphrase is asked of a person, when no file, variable or keyring has it: the
 * caller supplies it (a terminal with echo off, a dashboard's password field).
 */
public interface PassphrasePrompt {
  /**
   * Asks for a secret without showing it.
   *
   * @param prompt what to show, like {@code Passphrase for /home/a/keychain.age: }
   * @return what was typed, or null when nobody can be asked (no terminal, input closed)
   */
  char[] readSecret(String prompt);

  /** Tells the person something on the way ({@code the passphrases do not match; try again}). */
  void tell(String line);

  /** Nobody to ask: every call answers null. */
  static PassphrasePrompt none() {
    return new PassphrasePrompt() {
      @Override
      public char[] readSecret(String prompt) {
        return null;
      }

      @Override
      public void tell(String line) {}
    };
  }
}
