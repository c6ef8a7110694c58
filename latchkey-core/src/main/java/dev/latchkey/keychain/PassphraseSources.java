package dev.latchkey.keychain;

import dev.latchkey.io.BoundedInput;
import dev.latchkey.io.InputException;
import dev.latchkey.keychain.KeychainException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Ready-made {@link PassphraseSource}s for unattended use: a file, the environment, and a chain.
 * (The interactive prompt and the OS keyring live in the CLI.)
 */
public final class PassphraseSources {
  /** Names a file whose first line is the passphrase; read before {@link #PASSPHRASE_ENV}. */
  public static final String PASSPHRASE_FILE_ENV = "LATCHKEY_PASSPHRASE_FILE";

  /** Holds the passphrase itself; visible to other processes of the same user, so prefer a file. */
  public static final String PASSPHRASE_ENV = "LATCHKEY_PASSPHRASE";

  /** The most a passphrase file may hold; its first line is the passphrase. */
  public static final int MAX_FILE_BYTES = 64 * 1024;

  private PassphraseSources() {}

  /** The first line of {@code file}, without its line ending. */
  public static PassphraseSource fromFile(Path file) {
    return fromFile(file, warning -> {});
  }

  /**
   * The first line of {@code file}; {@code warnings} hears (once per read) when the file is
   * readable by group or others, which is allowed but unwise.
   */
  public static PassphraseSource fromFile(Path file, Consumer<String> warnings) {
    return fromFile(file, warnings, PASSPHRASE_FILE_ENV);
  }

  /**
   * The first line of {@code file}, as {@link #fromFile(Path, Consumer)}, for a file another
   * variable named: messages tell the person to check {@code variable} (such as {@code
   * LATCHKEY_NEW_PASSPHRASE_FILE}), the one they set.
   */
  public static PassphraseSource fromFile(Path file, Consumer<String> warnings, String variable) {
    Objects.requireNonNull(variable, "variable");
    return creating -> {
      String what = "the passphrase file " + file;
      // Only a regular file's mode says who can read the passphrase: a device (/dev/zero) or a
      // pipe is refused or read once below, and a warning about it would be a second line.
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")
          && Files.isRegularFile(file)) {
        try {
          Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
          if (perms.contains(PosixFilePermission.GROUP_READ)
              || perms.contains(PosixFilePermission.OTHERS_READ)) {
            warnings.accept(what + " is readable by other users; run: chmod 600 " + file);
          }
        } catch (IOException e) {
          // the read below says what is wrong with it
        }
      }
      byte[] bytes;
      try {
        bytes = BoundedInput.readFile(file, MAX_FILE_BYTES, what);
      } catch (InputException e) {
        String fix =
            e.kind() == InputException.Kind.TOO_LARGE
                ? "; put the passphrase alone on its first line"
                : "; check " + variable + " or the path given";
        String problem =
            switch (e.kind()) {
              case NOT_FOUND, ACCESS_DENIED, UNREADABLE ->
                  "could not read " + what + ": it " + shortProblem(e).substring(what.length() + 1);
              default -> shortProblem(e);
            };
        throw new KeychainException(Reason.NO_PASSPHRASE, problem + fix);
      }
      try {
        int end = 0;
        while (end < bytes.length && bytes[end] != '\n') {
          end++;
        }
        if (end > 0 && bytes[end - 1] == '\r') {
          end--;
        }
        char[] passphrase;
        try {
          passphrase = BoundedInput.decodeUtf8(bytes, 0, end, what);
        } catch (InputException e) {
          throw new KeychainException(Reason.NO_PASSPHRASE, e.getMessage());
        }
        if (passphrase.length == 0) {
          throw new KeychainException(
              Reason.NO_PASSPHRASE, what + " is empty; put the passphrase on its first line");
        }
        return passphrase;
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    };
  }

  /** The reader's message up to its own fix, so that ours can follow. */
  private static String shortProblem(InputException e) {
    String m = e.getMessage();
    int semicolon = m.indexOf(';');
    return semicolon < 0 ? m : m.substring(0, semicolon);
  }

  /**
   * Reads {@code LATCHKEY_PASSPHRASE_FILE} (a file, see {@link #fromFile(Path)}), else {@code
   * LATCHKEY_PASSPHRASE}, from the given environment (pass {@code System.getenv()}).
   */
  public static PassphraseSource fromEnvironment(Map<String, String> environment) {
    Map<String, String> env = Map.copyOf(environment);
    return creating -> {
      String file = env.get(PASSPHRASE_FILE_ENV);
      if (file != null && !file.isEmpty()) {
        return fromFile(Path.of(file)).passphrase(creating);
      }
      String value = env.get(PASSPHRASE_ENV);
      if (value != null && !value.isEmpty()) {
        return value.toCharArray();
      }
      throw new KeychainException(
          Reason.NO_PASSPHRASE,
          "no passphrase: set "
              + PASSPHRASE_FILE_ENV
              + " to a file holding it, or "
              + PASSPHRASE_ENV
              + ", or run in a terminal");
    };
  }

  /**
   * Tries each source in turn and returns the first passphrase; a source that answers {@link
   * Reason#NO_PASSPHRASE} passes to the next, any other failure stops the chain.
   */
  public static PassphraseSource firstOf(PassphraseSource... sources) {
    List<PassphraseSource> chain = List.of(sources);
    return creating -> {
      KeychainException last = null;
      for (PassphraseSource source : chain) {
        try {
          return source.passphrase(creating);
        } catch (KeychainException e) {
          if (e.reason() != Reason.NO_PASSPHRASE) {
            throw e;
          }
          last = e;
        }
      }
      throw last != null
          ? last
          : new KeychainException(Reason.NO_PASSPHRASE, "no passphrase source was configured");
    };
  }
}
