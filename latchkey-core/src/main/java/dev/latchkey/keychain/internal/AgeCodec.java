package dev.latchkey.keychain.internal;

import com.exceptionfactory.jagged.framework.armor.ArmoredDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.KeychainException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Seals bytes in an age v1 file with a single scrypt recipient, padded so that the whole file is a
 * multiple of {@value #BLOCK} bytes, and opens such files (and any passphrase-encrypted age file)
 * telling a wrong passphrase, truncation, tampering and unreadable input apart.
 *
 * <p>Padding: the plaintext gets trailing spaces (still valid JSON) so that header + 16-byte
 * payload nonce + plaintext + one 16-byte tag per 64 KiB chunk is a multiple of 4096. A Latchkey
 * file of any other length, or one that ends inside its header, is therefore truncated; one of the
 * right length that fails authentication was altered. See <a
 * href="https://github.com/C2SP/C2SP/blob/main/age.md">age v1</a>.
 */
public final class AgeCodec {
  /** Every file we write is a whole number of these. */
  public static final int BLOCK = 4096;

  /** Refuse to read anything bigger: a keychain is kilobytes. */
  public static final int MAX_FILE_SIZE = 64 << 20;

  private static final byte[] VERSION_LINE =
      "age-encryption.org/v1\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ARMOR_BEGIN =
      "-----BEGIN AGE ENCRYPTED FILE-----".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ARMOR_END =
      "-----END AGE ENCRYPTED FILE-----".getBytes(StandardCharsets.US_ASCII);
  private static final int CHUNK = 64 * 1024;
  private static final int TAG = 16;
  private static final int NONCE = 16;

  private AgeCodec() {}

  /**
   * Encrypts {@code plaintext} (padded with spaces to the block size) to the passphrase, with a
   * fresh salt and the given work factor.
   */
  public static byte[] seal(byte[] plaintext, ScryptRecipient recipient, int workFactor)
      throws KeychainException {
    int headerLength = headerLength(workFactor);
    int padded = paddedLength(headerLength, plaintext.length);
    byte[] input = Arrays.copyOf(plaintext, padded);
    Arrays.fill(input, plaintext.length, padded, (byte) ' ');
    ByteArrayOutputStream out = new ByteArrayOutputStream(totalLength(headerLength, padded));
    try (WritableByteChannel channel =
        new StandardEncryptingChannelFactory()
            .newEncryptingChannel(
                Channels.newChannel(out), List.of(recipient.newWriter(workFactor)))) {
      ByteBuffer buffer = ByteBuffer.wrap(input);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (Exception e) {
      throw new KeychainException(
          Reason.IO, "could not encrypt the keychain (" + e.getClass().getSimpleName() + ")");
    } finally {
      Arrays.fill(input, (byte) 0);
    }
    byte[] sealed = out.toByteArray();
    if (sealed.length % BLOCK != 0) {
      throw new KeychainException(
          Reason.IO,
          "internal error: encrypted keychain is " + sealed.length + " bytes, not block aligned");
    }
    return sealed;
  }

  /**
   * Decrypts an age file with the passphrase. {@code name} is how messages call the file.
   *
   * @throws KeychainException WRONG_PASSPHRASE, TRUNCATED, TAMPERED or UNREADABLE, one line each
   */
  public static byte[] open(byte[] file, ScryptRecipient recipient, String name)
      throws KeychainException {
    if (file.length > MAX_FILE_SIZE) {
      throw unreadable(name, "it is larger than " + (MAX_FILE_SIZE >> 20) + " MiB");
    }
    boolean armored = startsWith(file, ARMOR_BEGIN);
    ScryptRecipient.Reader reader = recipient.newReader();
    boolean headerRead = false;
    try {
      StandardDecryptingChannelFactory factory =
          armored ? new ArmoredDecryptingChannelFactory() : new StandardDecryptingChannelFactory();
      try (ReadableByteChannel channel =
          factory.newDecryptingChannel(
              Channels.newChannel(new ByteArrayInputStream(file)), List.of(reader))) {
        headerRead = true;
        ByteArrayOutputStream plain = new ByteArrayOutputStream(file.length);
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        while (channel.read(buffer) >= 0) {
          buffer.flip();
          plain.write(buffer.array(), 0, buffer.limit());
          buffer.clear();
        }
        return plain.toByteArray();
      }
    } catch (Exception e) {
      // jagged throws unchecked exceptions (BufferUnderflowException) on some damaged headers;
      // no cause is attached because a parser message could quote file content.
      KeychainException failure = classify(file, armored, reader, headerRead, name);
      if (failure.reason() == Reason.TRUNCATED && !armored) {
        KeychainException appended = appended(file, recipient, name);
        if (appended != null) {
          throw appended;
        }
      }
      throw failure;
    }
  }

  /**
   * Tells bytes appended to a whole keychain ({@code echo >> keychain.age}) from a cut one: we
   * write whole blocks, so when the file up to its last block boundary opens, the rest was added.
   * Runs the key derivation once more, on this error path only.
   */
  private static KeychainException appended(byte[] file, ScryptRecipient recipient, String name) {
    int whole = file.length / BLOCK * BLOCK;
    if (whole == 0 || whole == file.length) {
      return null;
    }
    try {
      open(Arrays.copyOf(file, whole), recipient, name);
    } catch (KeychainException notWhole) {
      return null;
    }
    return new KeychainException(
        Reason.TAMPERED,
        "keychain "
            + name
            + " has "
            + (file.length - whole)
            + " bytes after its end (something wrote to it); remove them with: truncate -s "
            + whole
            + " "
            + name
            + ", or restore it from "
            + name
            + ".bak");
  }

  private static KeychainException classify(
      byte[] file,
      boolean armored,
      ScryptRecipient.Reader reader,
      boolean headerRead,
      String name) {
    switch (reader.outcome()) {
      case UNWRAP_FAILED:
        return new KeychainException(
            Reason.WRONG_PASSPHRASE,
            "wrong passphrase for keychain "
                + name
                + " (or its header was altered); try again, or restore "
                + name
                + ".bak");
      case REFUSED:
        return unreadable(name, reader.problem());
      default:
        break;
    }
    if (file.length < VERSION_LINE.length && startsWith(VERSION_LINE, file)) {
      return truncated(name, file.length);
    }
    if (armored) {
      return indexOf(file, ARMOR_END, 0) < 0
          ? truncated(name, file.length)
          : tampered(name, "its armored text is damaged");
    }
    if (!startsWith(file, "age-".getBytes(StandardCharsets.US_ASCII))
        && indexOf(file, "\n-> ".getBytes(StandardCharsets.US_ASCII), 0) < 0) {
      return unreadable(name, "it is not an age-encrypted file");
    }
    int headerEnd = headerEnd(file);
    if (headerEnd < 0) {
      // Our header is a few hundred bytes and our files at least a block: a file that long
      // without the header's end had it damaged, not cut off.
      return file.length >= BLOCK
          ? tampered(name, "its header is damaged")
          : truncated(name, file.length);
    }
    boolean plausible = file.length % BLOCK == 0;
    if (reader.outcome() != ScryptRecipient.Outcome.UNWRAPPED) {
      return plausible
          ? tampered(name, "its header is malformed")
          : unreadable(
              name,
              reader.outcome() == ScryptRecipient.Outcome.MALFORMED
                  ? reader.problem()
                  : "its age header is malformed");
    }
    if (file.length < headerEnd + NONCE + TAG) {
      return truncated(name, file.length);
    }
    if (!headerRead) {
      return tampered(name, "its header fails authentication");
    }
    return plausible
        ? tampered(name, "its contents fail authentication")
        : truncated(name, file.length);
  }

  private static KeychainException truncated(String name, int length) {
    return new KeychainException(
        Reason.TRUNCATED,
        "keychain "
            + name
            + " is truncated ("
            + length
            + " bytes; cut short by a crash, a full disk or a partial copy); restore it from "
            + name
            + ".bak");
  }

  private static KeychainException tampered(String name, String why) {
    return new KeychainException(
        Reason.TAMPERED,
        "keychain "
            + name
            + " is damaged: "
            + why
            + " (altered on disk); restore it from "
            + name
            + ".bak");
  }

  private static KeychainException unreadable(String name, String why) {
    return new KeychainException(
        Reason.UNREADABLE,
        name
            + " cannot be read as a Latchkey keychain: "
            + why
            + "; move it away or choose another keychain location");
  }

  /** Index just past the {@code --- MAC} line, or -1 when the header does not end. */
  static int headerEnd(byte[] file) {
    int marker = indexOf(file, "\n---".getBytes(StandardCharsets.US_ASCII), 0);
    if (marker < 0) {
      return -1;
    }
    int newline = indexOf(file, new byte[] {'\n'}, marker + 1);
    return newline < 0 ? -1 : newline + 1;
  }

  /** The header jagged writes for one scrypt stanza: version, stanza, body, MAC lines. */
  static int headerLength(int workFactor) {
    int salt = 22;
    int body = 43;
    int mac = 43;
    return VERSION_LINE.length
        + ("-> scrypt ".length() + salt + 1 + Integer.toString(workFactor).length() + 1)
        + (body + 1)
        + ("--- ".length() + mac + 1);
  }

  static int totalLength(int headerLength, int plaintextLength) {
    return headerLength + NONCE + plaintextLength + TAG * chunks(plaintextLength);
  }

  private static int chunks(int plaintextLength) {
    return plaintextLength == 0 ? 1 : (plaintextLength + CHUNK - 1) / CHUNK;
  }

  /** The least length at least {@code length} whose sealed file is block aligned. */
  static int paddedLength(int headerLength, int length) {
    int target = roundUp(totalLength(headerLength, length));
    while (true) {
      for (int c = chunks(length); c <= chunks(length) + 1; c++) {
        int candidate = target - headerLength - NONCE - TAG * c;
        if (candidate >= length
            && candidate > 0
            && chunks(candidate) == c
            && candidate % CHUNK != 0) {
          return candidate;
        }
      }
      target += BLOCK;
    }
  }

  private static int roundUp(int n) {
    return (n + BLOCK - 1) / BLOCK * BLOCK;
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] data, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= data.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
