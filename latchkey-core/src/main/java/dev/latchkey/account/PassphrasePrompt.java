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

  /**
   * The process's console ({@link System#console()}) with echo off; when there is none (output
   * redirected, run from an IDE or a service) nobody is asked and every call answers null, so
   * opening the keychain fails with a message naming {@code LATCHKEY_PASSPHRASE_FILE}.
   */
  static PassphrasePrompt console() {
    return new PassphrasePrompt() {
      @Override
      public char[] readSecret(String prompt) {
        java.io.Console console = System.console();
        return console == null ? null : console.readPassword("%s", prompt);
      }

      @Override
      public void tell(String line) {
        java.io.Console console = System.console();
        if (console != null) {
          console.printf("%s%n", line);
        }
      }
    };
  }

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
