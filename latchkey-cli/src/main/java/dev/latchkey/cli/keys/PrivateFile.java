package dev.latchkey.cli.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

/**
 * Writes a file only its owner can read (mode 0600 from its creation, so there is no moment when
 * others could open it), for exported secrets.
 */
public final class PrivateFile {
  private PrivateFile() {}

  /**
   * Writes {@code text} to {@code target}.
   *
   * @param replace whether an existing file may be replaced (atomically, through a private
   *     temporary file in the same directory); when false an existing file is an error
   */
  public static void write(Path target, String text, boolean replace) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Path absolute = target.toAbsolutePath();
    FileAttribute<?>[] privately = privately(absolute);
    if (!replace) {
      if (Files.exists(absolute, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(absolute.toString());
      }
      writeNew(absolute, bytes, privately);
      return;
    }
    Path temp =
        Files.createTempFile(
            absolute.getParent(), "." + absolute.getFileName() + ".", ".tmp", privately);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(bytes));
        channel.force(true);
      }
      Files.move(
          temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void writeNew(Path target, byte[] bytes, FileAttribute<?>[] attributes)
      throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            target,
            EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            attributes)) {
      channel.write(ByteBuffer.wrap(bytes));
      channel.force(true);
    }
  }

  private static FileAttribute<?>[] privately(Path target) {
    if (!target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
    };
  }
}
