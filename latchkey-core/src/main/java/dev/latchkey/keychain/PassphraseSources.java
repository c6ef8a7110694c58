package dev.latchkey.keychain;

import dev.latchkey.keychain.KeychainException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
    return creating -> {
      byte[] bytes;
      try {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
          if (perms.contains(PosixFilePermission.GROUP_READ)
              || perms.contains(PosixFilePermission.OTHERS_READ)) {
            warnings.accept(
                "passphrase file " + file + " is readable by other users; run: chmod 600 " + file);
          }
        }
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new KeychainException(
            Reason.NO_PASSPHRASE,
            "could not read the passphrase file "
                + file
                + " ("
                + e.getClass().getSimpleName()
                + "); check "
                + PASSPHRASE_FILE_ENV
                + " or the path given");
      }
      try {
        int end = 0;
        while (end < bytes.length && bytes[end] != '\n') {
          end++;
        }
        if (end > 0 && bytes[end - 1] == '\r') {
          end--;
        }
        char[] passphrase = decode(bytes, end);
        if (passphrase.length == 0) {
          throw new KeychainException(
              Reason.NO_PASSPHRASE,
              "the passphrase file " + file + " is empty; put the passphrase on its first line");
        }
        return passphrase;
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    };
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

  private static char[] decode(byte[] bytes, int length) throws KeychainException {
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, 0, length));
      char[] result = new char[chars.remaining()];
      chars.get(result);
      if (chars.hasArray()) {
        Arrays.fill(chars.array(), '\0');
      }
      return result;
    } catch (CharacterCodingException e) {
      throw new KeychainException(
          Reason.NO_PASSPHRASE, "the passphrase file is not UTF-8 text; re-save it as UTF-8");
    }
  }
}
