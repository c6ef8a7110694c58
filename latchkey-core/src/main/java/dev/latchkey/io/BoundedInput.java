package dev.latchkey.io;

import dev.latchkey.io.InputException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads input a person hands Latchkey with three guarantees: a size bound checked while reading,
 * never after (so {@code /dev/zero} or 300 MB on a pipe is refused after the bound, not after an
 * {@link OutOfMemoryError}); strict UTF-8 (malformed bytes are refused naming the source and the
 * offset, never turned into U+FFFD); and, for files, a refusal of what is not a file at all
 * (directories, devices, sockets, and named pipes, which would block forever without a writer).
 *
 * <p>An anonymous pipe, as a shell's process substitution {@code <(pass show latchkey)} names it
 * ({@code /dev/fd/63}), is accepted where a file is: opening it cannot block, and it keeps a secret
 * off the disk. That is recognised on Linux, where {@code /proc/self/fd} links name it {@code
 * pipe:[N]}; elsewhere any pipe is refused.
 */
public final class BoundedInput {
  private static final int CHUNK = 8192;
  private static final int FILE_TYPE_MASK = 0170000;
  private static final int FIFO = 0010000;
  private static final int CHAR_DEVICE = 0020000;
  private static final int BLOCK_DEVICE = 0060000;
  private static final int SOCKET = 0140000;
  private static final Pattern ANONYMOUS_PIPE = Pattern.compile("pipe:\\[[0-9]+\\]");

  private BoundedInput() {}

  /**
   * Reads the file a person named (symbolic links followed): a regular file or an anonymous pipe,
   * at most {@code maxBytes}.
   *
   * @param what how messages name the file, like {@code ~/.twurlrc} or {@code the passphrase file
   *     /x}
   * @throws InputException NOT_FOUND, ACCESS_DENIED, DIRECTORY, NOT_REGULAR, TOO_LARGE or
   *     UNREADABLE, naming {@code what}
   */
  public static byte[] readFile(Path file, int maxBytes, String what) throws InputException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(what, "what");
    checkReadable(file, what);
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, maxBytes, what);
    } catch (NoSuchFileException e) {
      throw new InputException(what, Kind.NOT_FOUND, "does not exist; check the path");
    } catch (AccessDeniedException e) {
      throw denied(what);
    } catch (IOException e) {
      throw unreadable(what, e);
    }
  }

  /**
   * Reads a stream (standard input) to its end, at most {@code maxBytes}; the stream is not closed.
   *
   * @throws InputException TOO_LARGE or UNREADABLE, naming {@code what}
   */
  public static byte[] readStream(InputStream in, int maxBytes, String what) throws InputException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(what, "what");
    try {
      return read(in, maxBytes, what);
    } catch (IOException e) {
      throw unreadable(what, e);
    }
  }

  /**
   * Decodes UTF-8 strictly.
   *
   * @throws InputException NOT_UTF8 naming {@code what} and the offset of the first bad byte
   */
  public static String decodeUtf8(byte[] bytes, String what) throws InputException {
    char[] chars = decodeUtf8(bytes, 0, bytes.length, what);
    return new String(chars);
  }

  /**
   * Decodes {@code length} bytes at {@code offset} as UTF-8 strictly into a new array, wiping the
   * decoder's buffer, for secrets the caller will wipe in turn.
   *
   * @throws InputException NOT_UTF8 naming {@code what} and the offset of the first bad byte
   */
  public static char[] decodeUtf8(byte[] bytes, int offset, int length, String what)
      throws InputException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
    CharBuffer out = CharBuffer.allocate(length);
    try {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        throw notUtf8(what, in.position() - offset);
      }
      result = decoder.flush(out);
      if (result.isError()) {
        throw notUtf8(what, in.position() - offset);
      }
      return Arrays.copyOf(out.array(), out.position());
    } finally {
      Arrays.fill(out.array(), '\0');
    }
  }

  private static InputException notUtf8(String what, int offset) {
    return new InputException(
        what,
        Kind.NOT_UTF8,
        "is not UTF-8 text (an invalid byte at offset " + offset + "); save it as UTF-8");
  }

  /** Reads to the end, refusing the input as soon as it passes the bound. */
  private static byte[] read(InputStream in, int maxBytes, String what)
      throws IOException, InputException {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("negative bound " + maxBytes);
    }
    byte[] buffer = new byte[Math.min(CHUNK, maxBytes + 1)];
    int size = 0;
    try {
      while (true) {
        if (size == buffer.length) {
          if (size > maxBytes) {
            throw new InputException(
                what,
                Kind.TOO_LARGE,
                "is larger than " + human(maxBytes) + ", the most Latchkey reads from it");
          }
          byte[] bigger = Arrays.copyOf(buffer, Math.min(maxBytes + 1, buffer.length * 2));
          Arrays.fill(buffer, (byte) 0);
          buffer = bigger;
        }
        int n = in.read(buffer, size, buffer.length - size);
        if (n < 0) {
          return Arrays.copyOf(buffer, size);
        }
        size += n;
      }
    } finally {
      Arrays.fill(buffer, (byte) 0); // the input may be a secret
    }
  }

  /** Refuses what cannot be read as a file before opening it (opening a FIFO blocks). */
  private static void checkReadable(Path file, String what) throws InputException {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new InputException(what, Kind.NOT_FOUND, "does not exist; check the path");
    } catch (AccessDeniedException e) {
      throw denied(what);
    } catch (IOException e) {
      throw unreadable(what, e);
    }
    if (attrs.isRegularFile()) {
      return;
    }
    if (attrs.isDirectory()) {
      throw new InputException(
          what, Kind.DIRECTORY, "is a directory, not a file; give the file itself");
    }
    int type = fileType(file);
    if (type == FIFO && isAnonymousPipe(file)) {
      return;
    }
    String kind =
        switch (type) {
          case FIFO -> "a named pipe (FIFO)";
          case CHAR_DEVICE, BLOCK_DEVICE -> "a device";
          case SOCKET -> "a socket";
          default -> "not a regular file";
        };
    throw new InputException(
        what,
        Kind.NOT_REGULAR,
        "is "
            + kind
            + (kind.startsWith("not") ? "" : ", not a regular file")
            + "; give a regular file, or send the content on standard input");
  }

  private static int fileType(Path file) {
    try {
      return (Integer) Files.getAttribute(file, "unix:mode") & FILE_TYPE_MASK;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return 0;
    }
  }

  /** True for a {@code /dev/fd/N} or {@code /proc/self/fd/N} link to a pipe (Linux). */
  private static boolean isAnonymousPipe(Path file) {
    Path p = file;
    try {
      for (int hops = 0; hops < 16 && Files.isSymbolicLink(p); hops++) {
        Path target = Files.readSymbolicLink(p);
        if (ANONYMOUS_PIPE.matcher(target.toString()).matches()) {
          return true;
        }
        p = p.getParent() == null ? target : p.getParent().resolve(target);
      }
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
    return false;
  }

  private static InputException denied(String what) {
    return new InputException(
        what, Kind.ACCESS_DENIED, "cannot be read (permission denied); check its owner and mode");
  }

  private static InputException unreadable(String what, IOException e) {
    return new InputException(
        what,
        Kind.UNREADABLE,
        "cannot be read (" + e.getClass().getSimpleName() + "); check the path");
  }

  /** 1 MiB, 64 KiB, 100 bytes. */
  static String human(long bytes) {
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " bytes";
  }
}
