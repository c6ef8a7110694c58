package dev.latchkey.cli;

import dev.latchkey.cli.keyring.OsKeyring;
import dev.latchkey.cli.keys.PrivateFile;
import dev.latchkey.cli.terminal.Terminal;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.KeychainException.Reason;
import dev.latchkey.keychain.KeychainOptions;
import dev.latchkey.keychain.PassphraseSource;
import dev.latchkey.keychain.PassphraseSources;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Finds and unlocks the keychain for one command. The passphrase comes from, in order: the file
 * named by {@code LATCHKEY_PASSPHRASE_FILE}, the variable {@code LATCHKEY_PASSPHRASE} (least safe:
 * child processes and {@code /proc} can see it), the OS keyring when the user opted in with {@code
 * latchkey keys remember}, and else a hidden prompt (asked twice when creating). It is asked for
 * once, so the KDF runs once to unlock.
 */
public final class KeychainAccess {
  static final String PASSPHRASE_FILE = PassphraseSources.PASSPHRASE_FILE_ENV;
  static final String PASSPHRASE = PassphraseSources.PASSPHRASE_ENV;
  public static final String NEW_PASSPHRASE_FILE = "LATCHKEY_NEW_PASSPHRASE_FILE";
  static final String NO_KEYRING = "LATCHKEY_NO_KEYRING";
  public static final String TEST_WORK_FACTOR = "LATCHKEY_INSECURE_TEST_WORK_FACTOR";
  private static final int PROMPT_ATTEMPTS = 3;

  /** Where the passphrase that unlocked the keychain came from. */
  public enum Source {
    FILE,
    ENVIRONMENT,
    KEYRING,
    PROMPT,
    NONE
  }

  private final Session session;
  private final Path path;
  private final boolean plaintext;
  private Source source = Source.NONE;
  private char[] kept;

  KeychainAccess(Session session, Path override, boolean plaintext) {
    this.session = session;
    this.plaintext = plaintext;
    Path file =
        (override != null ? override : Keychain.defaultLocation(session.context().environment()))
            .toAbsolutePath()
            .normalize();
    this.path =
        plaintext && file.getFileName().toString().equals(Keychain.FILE_NAME)
            ? file.resolveSibling(Keychain.PLAINTEXT_FILE_NAME)
            : file;
  }

  /** The keychain file. */
  public Path path() {
    return path;
  }

  public boolean exists() {
    return Files.exists(path);
  }

  /**
   * The file whose presence records that the user opted in to the OS keyring with {@code keys
   * remember}, beside the keychain ({@code keychain.age.keyring-opt-in}). It holds no secret;
   * without it the keyring is never asked, so a headless machine sees no keyring notice.
   */
  Path keyringOptIn() {
    return path.resolveSibling(path.getFileName() + ".keyring-opt-in");
  }

  /** Whether the user opted in to the OS keyring for this keychain. */
  public boolean keyringOptedIn() {
    return Files.exists(keyringOptIn());
  }

  /** Records the opt-in (mode 0600, no secret inside). */
  public void recordKeyringOptIn() throws java.io.IOException {
    PrivateFile.write(
        keyringOptIn(),
        "The passphrase of "
            + path.getFileName()
            + " is remembered in the OS keyring (latchkey keys remember).\n"
            + "Nothing secret is in this file; latchkey keys forget removes it.\n",
        true);
  }

  /** Removes the opt-in record; true when there was one. */
  public boolean removeKeyringOptIn() throws java.io.IOException {
    return Files.deleteIfExists(keyringOptIn());
  }

  /** Where the passphrase came from, once {@link #open} has run. */
  public Source source() {
    return source;
  }

  /**
   * Opens the keychain, asking for the passphrase at most once.
   *
   * @param create whether to create the keychain when it does not exist; when false a missing
   *     keychain is reported with the command that creates one
   */
  public Keychain open(boolean create) throws KeychainException {
    return open(create, false);
  }

  /**
   * Opens the keychain and keeps a copy of the passphrase that unlocked it, for {@code keys
   * remember}; take it with {@link #takePassphrase()}.
   */
  public Keychain openKeepingPassphrase() throws KeychainException {
    return open(false, true);
  }

  /** The passphrase kept by {@link #openKeepingPassphrase()}; the caller wipes it. */
  public char[] takePassphrase() {
    char[] p = kept;
    kept = null;
    return p;
  }

  private Keychain open(boolean create, boolean keep) throws KeychainException {
    if (!create && !exists()) {
      throw new CliException(
          "no keychain at "
              + path
              + " yet; add an account first with: latchkey keys add twitter/NAME");
    }
    KeychainOptions.Builder options =
        KeychainOptions.builder(path, keep ? keeping(this::passphrase) : this::passphrase)
            .createIfMissing(create)
            .clock(session.context().clock());
    if (plaintext) {
      session.warn(
          "--insecure-storage: credentials are kept in plain text, readable by anyone who can read "
              + path);
      options.insecurePlaintext(true);
    }
    String weak = session.context().env(TEST_WORK_FACTOR);
    if (weak != null) {
      int workFactor = parseWorkFactor(weak);
      session.warn(
          TEST_WORK_FACTOR
              + "="
              + workFactor
              + " weakens the keychain's encryption; use it for tests only");
      options.weakWorkFactorForTesting(workFactor);
    }
    try {
      return Keychain.open(options.build());
    } catch (KeychainException e) {
      if (e.reason() == Reason.WRONG_PASSPHRASE && source == Source.KEYRING) {
        throw new KeychainException(
            Reason.WRONG_PASSPHRASE,
            "the passphrase remembered in the OS keyring does not unlock "
                + path
                + "; run 'latchkey keys forget' and try again");
      }
      throw e;
    }
  }

  private PassphraseSource keeping(PassphraseSource inner) {
    return creating -> {
      char[] p = inner.passphrase(creating);
      Terminal.wipe(kept);
      kept = p.clone();
      return p;
    };
  }

  private static int parseWorkFactor(String text) {
    int workFactor;
    try {
      workFactor = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      workFactor = 0;
    }
    if (workFactor < 1 || workFactor > KeychainOptions.MAXIMUM_WORK_FACTOR) {
      throw new CliException(
          TEST_WORK_FACTOR
              + " must be a number from 1 to "
              + KeychainOptions.MAXIMUM_WORK_FACTOR
              + ", like 10, not '"
              + text
              + "'; unset it outside tests");
    }
    return workFactor;
  }

  /** The passphrase, from the first source that has one. */
  private char[] passphrase(boolean creating) throws KeychainException {
    String file = session.context().env(PASSPHRASE_FILE);
    if (file != null) {
      source = Source.FILE;
      return readPassphraseFile(file);
    }
    String value = session.context().env(PASSPHRASE);
    if (value != null) {
      source = Source.ENVIRONMENT;
      return value.toCharArray();
    }
    if (!creating) {
      Optional<char[]> remembered = remembered();
      if (remembered.isPresent()) {
        source = Source.KEYRING;
        return remembered.get();
      }
    }
    source = Source.PROMPT;
    return creating
        ? promptNew("Choose a passphrase for the new keychain at " + path)
        : promptExisting();
  }

  /** The passphrase remembered in the OS keyring, if the user opted in and a keyring answers. */
  private Optional<char[]> remembered() {
    if (session.context().env(NO_KEYRING) != null || !keyringOptedIn()) {
      return Optional.empty();
    }
    try {
      return session.keyring().get(path.toString()).map(String::toCharArray);
    } catch (OsKeyring.Unavailable e) {
      session.notice(
          "no OS keyring available (" + e.getMessage() + "); using the passphrase prompt");
      return Optional.empty();
    }
  }

  private char[] promptExisting() throws KeychainException {
    char[] p = session.terminal().readSecret("Passphrase for " + path + ": ", session.err());
    if (p == null) {
      throw noPassphrase();
    }
    return p;
  }

  /**
   * Asks for a new passphrase twice until both match (three tries).
   *
   * @param why the line printed before asking
   */
  public char[] promptNew(String why) throws KeychainException {
    PrintWriter err = session.err();
    Terminal terminal = session.terminal();
    err.println(why);
    err.flush();
    for (int attempt = 0; attempt < PROMPT_ATTEMPTS; attempt++) {
      char[] first = terminal.readSecret("New passphrase: ", err);
      if (first == null) {
        throw noPassphrase();
      }
      if (first.length == 0) {
        session.notice("the passphrase cannot be empty; try again");
        continue;
      }
      char[] second = terminal.readSecret("Repeat the passphrase: ", err);
      if (second == null) {
        Terminal.wipe(first);
        throw noPassphrase();
      }
      boolean same = Arrays.equals(first, second);
      Terminal.wipe(second);
      if (same) {
        return first;
      }
      Terminal.wipe(first);
      session.notice("the passphrases do not match; try again");
    }
    throw new KeychainException(
        Reason.NO_PASSPHRASE,
        "the passphrases did not match " + PROMPT_ATTEMPTS + " times; nothing was changed");
  }

  /** The first line of a passphrase file, warning when others can read it. */
  public char[] readPassphraseFile(String file) throws KeychainException {
    return PassphraseSources.fromFile(Path.of(file), session::warn).passphrase(false);
  }

  private KeychainException noPassphrase() {
    return new KeychainException(
        Reason.NO_PASSPHRASE,
        "no passphrase for the keychain at "
            + path
            + ": set "
            + PASSPHRASE_FILE
            + " to a file holding it, run latchkey in a terminal to be asked, or set "
            + PASSPHRASE
            + " (least safe)");
  }
}
