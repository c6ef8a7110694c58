package dev.latchkey.keychain.internal;

import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.KeychainException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * File handling with the guarantees a credential store needs: owner-only permissions from creation,
 * refusal of symlinks and of files others can read, and replacement by write-to-temp, fsync, atomic
 * rename and directory fsync, so that a crash leaves either the old or the new file. On file
 * systems without POSIX permissions the permission checks are skipped.
 */
public final class SecureFiles {
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> GROUP_OTHER =
      Set.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);
  private static final int MAX_READ = AgeCodec.MAX_FILE_SIZE + 1;

  private SecureFiles() {}

  /** What we knew of a file when we read or wrote it; a change means another process wrote. */
  public record Fingerprint(long size, long modifiedNanos, Object fileKey, String sha256) {
    /** The fingerprint of a file that does not exist. */
    public static final Fingerprint ABSENT = new Fingerprint(-1, 0, null, "");

    public boolean sameAs(Fingerprint other) {
      return size == other.size
          && modifiedNanos == other.modifiedNanos
          && Objects.equals(fileKey, other.fileKey)
          && sha256.equals(other.sha256);
    }
  }

  /** Another process renamed a new version into place while the file was being read. */
  public static final class ReplacedWhileReading extends KeychainException {
    private static final long serialVersionUID = 1L;

    ReplacedWhileReading(Path file) {
      super(Reason.IO, file + " was replaced while being read; try again");
    }
  }

  /** A file read without following links, with its fingerprint. */
  public record Read(byte[] bytes, Fingerprint fingerprint) {}

  static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Makes sure the directory exists and is private: creates it 0700, or refuses an existing one
   * that group or others may use.
   */
  public static void ensurePrivateDirectory(Path dir) throws KeychainException {
    try {
      if (!Files.exists(dir)) {
        if (isPosix(dir)) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
          Files.setPosixFilePermissions(dir, OWNER_DIR);
        } else {
          Files.createDirectories(dir);
        }
        return;
      }
      if (!Files.isDirectory(dir)) {
        throw new KeychainException(
            Reason.IO, dir + " is not a directory; move it away or choose another location");
      }
      if (isPosix(dir)) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
        if (perms.stream().anyMatch(GROUP_OTHER::contains)) {
          throw new KeychainException(
              Reason.INSECURE_PERMISSIONS,
              "keychain directory "
                  + dir
                  + " is accessible by other users (mode "
                  + mode(perms)
                  + "); run: chmod 700 "
                  + dir);
        }
      }
    } catch (IOException e) {
      throw io("could not create the keychain directory " + dir, e);
    }
  }

  /**
   * Reads the file without following a symlink, refusing it when it is a link, not a regular file,
   * or readable or writable by group or others; null when it does not exist.
   */
  public static Read readPrivate(Path file) throws KeychainException {
    BasicFileAttributes before = attributes(file);
    if (before == null) {
      return null;
    }
    checkPrivate(file, before);
    byte[] bytes;
    try (SeekableByteChannel channel =
        Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = channel.size();
      if (size > MAX_READ) {
        size = MAX_READ;
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) size);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // keep reading
      }
      bytes =
          buffer.position() == buffer.capacity()
              ? buffer.array()
              : Arrays.copyOf(buffer.array(), buffer.position());
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw io("could not read " + file + " (is it a symlink or unreadable?)", e);
    }
    BasicFileAttributes after = attributes(file);
    if (after == null || !Objects.equals(before.fileKey(), after.fileKey())) {
      throw new ReplacedWhileReading(file);
    }
    checkPrivate(file, after);
    return new Read(bytes, fingerprint(after, bytes));
  }

  /** The fingerprint of the file as it is now, or {@link Fingerprint#ABSENT}. */
  public static Fingerprint currentFingerprint(Path file) throws KeychainException {
    BasicFileAttributes attrs = attributes(file);
    if (attrs == null) {
      return Fingerprint.ABSENT;
    }
    if (!attrs.isRegularFile()) {
      // Never read a link, a device or a FIFO here: differ, so that the caller's full read
      // refuses it with its message.
      return new Fingerprint(-2, 0, attrs.fileKey(), "");
    }
    try (SeekableByteChannel channel =
        Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(attrs.size() + 1, MAX_READ));
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // keep reading up to the cap
      }
      return fingerprint(attrs, Arrays.copyOf(buffer.array(), buffer.position()));
    } catch (NoSuchFileException e) {
      return Fingerprint.ABSENT;
    } catch (IOException e) {
      throw io("could not read " + file, e);
    }
  }

  static Fingerprint fingerprint(BasicFileAttributes attrs, byte[] bytes) {
    return new Fingerprint(
        attrs.size(),
        attrs.lastModifiedTime().toInstant().getEpochSecond() * 1_000_000_000L
            + attrs.lastModifiedTime().toInstant().getNano(),
        attrs.fileKey(),
        sha256(bytes));
  }

  private static BasicFileAttributes attributes(Path file) throws KeychainException {
    try {
      if (isPosix(file)) {
        return Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      }
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw io("could not read the attributes of " + file, e);
    }
  }

  private static void checkPrivate(Path file, BasicFileAttributes attrs) throws KeychainException {
    if (attrs.isSymbolicLink()) {
      if (!Files.exists(file)) {
        throw new KeychainException(
            Reason.INSECURE_PERMISSIONS,
            "keychain "
                + file
                + " is a symbolic link to "
                + linkTarget(file)
                + ", which does not exist; remove the link (rm "
                + file
                + ") and put the keychain file itself there, or set LATCHKEY_HOME to the"
                + " directory that holds it");
      }
      throw new KeychainException(
          Reason.INSECURE_PERMISSIONS,
          "keychain "
              + file
              + " is a symbolic link; replace it with the real file (mv \"$(readlink -f "
              + file
              + ")\" "
              + file
              + ")");
    }
    if (!attrs.isRegularFile()) {
      throw new KeychainException(Reason.UNREADABLE, file + " is not a regular file; move it away");
    }
    if (attrs instanceof PosixFileAttributes posix) {
      Set<PosixFilePermission> perms = posix.permissions();
      if (perms.stream().anyMatch(GROUP_OTHER::contains)) {
        throw new KeychainException(
            Reason.INSECURE_PERMISSIONS,
            "permissions "
                + mode(perms)
                + " for keychain "
                + file
                + " are too open (readable or writable by other users); run: chmod 600 "
                + file);
      }
    }
  }

  /** What the backup next to a replaced file holds afterwards. */
  public enum Backup {
    /** The version being replaced (hard link, else a copy): for changes that removed nothing. */
    PREVIOUS,
    /**
     * A copy of the new version, a file of its own: for changes that removed or re-keyed something,
     * which must not survive in a backup.
     */
    CURRENT
  }

  private static String linkTarget(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "a missing file";
    }
  }

  /**
   * Replaces {@code target} with {@code bytes}: a 0600 temp file in the same directory, written and
   * forced, checked by {@code verify}, then the backup (see {@link Backup}; {@code PREVIOUS} only
   * when the target exists), then an atomic rename and a directory fsync. For {@code CURRENT} the
   * backup is renamed into place before the target: a crash in between leaves the old target (the
   * change did not happen) and a backup of the change, never a backup of what was removed next to a
   * target without it.
   */
  public static Fingerprint replace(
      Path target, byte[] bytes, Path backup, Backup what, Verifier verify, SecureRandom random)
      throws KeychainException {
    Path dir = target.toAbsolutePath().getParent();
    String base = target.getFileName().toString();
    Path temp = writeTemp(dir, base, bytes, random);
    Path backupTemp = null;
    try {
      byte[] back = Files.readAllBytes(temp);
      if (!MessageDigest.isEqual(back, bytes)) {
        throw new KeychainException(
            Reason.IO, "the keychain written to " + temp + " did not read back identically");
      }
      verify.verify(back);
      if (what == Backup.CURRENT) {
        backupTemp = writeTemp(dir, base, bytes, random);
        if (!MessageDigest.isEqual(Files.readAllBytes(backupTemp), bytes)) {
          throw new KeychainException(
              Reason.IO, "the backup written to " + backupTemp + " did not read back identically");
        }
        move(backupTemp, backup);
        forceDirectory(dir);
      } else if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        keepBackup(target, backup, random);
      }
      move(temp, target);
      forceDirectory(dir);
      BasicFileAttributes attrs = attributes(target);
      return attrs == null ? Fingerprint.ABSENT : fingerprint(attrs, bytes);
    } catch (IOException e) {
      throw io("could not replace " + target, e);
    } finally {
      try {
        Files.deleteIfExists(temp);
        if (backupTemp != null) {
          Files.deleteIfExists(backupTemp);
        }
      } catch (IOException ignored) {
        // removed on next open
      }
    }
  }

  /** Checks the bytes read back from the temp file before they replace the keychain. */
  @FunctionalInterface
  public interface Verifier {
    void verify(byte[] written) throws KeychainException;
  }

  private static Path writeTemp(Path dir, String baseName, byte[] bytes, SecureRandom random)
      throws KeychainException {
    Path temp = tempName(dir, baseName, random);
    Set<OpenOption> options =
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    FileAttribute<?>[] attrs =
        isPosix(dir)
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
            : new FileAttribute<?>[0];
    try (FileChannel channel = FileChannel.open(temp, options, attrs)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // removed on next open
      }
      throw io("could not write " + temp, e);
    }
    return temp;
  }

  private static Path tempName(Path dir, String baseName, SecureRandom random) {
    byte[] id = new byte[6];
    random.nextBytes(id);
    return dir.resolve("." + baseName + "." + HexFormat.of().formatHex(id) + ".tmp");
  }

  private static void keepBackup(Path target, Path backup, SecureRandom random)
      throws IOException, KeychainException {
    Path dir = target.toAbsolutePath().getParent();
    Path link = tempName(dir, target.getFileName().toString(), random);
    try {
      Files.createLink(link, target);
    } catch (UnsupportedOperationException | IOException e) {
      Files.deleteIfExists(link);
      Path copy =
          writeTemp(dir, target.getFileName().toString(), Files.readAllBytes(target), random);
      move(copy, backup);
      return;
    }
    move(link, backup);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Flushes the directory entry so a rename survives a power loss; ignored where unsupported. */
  static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // Not every platform can open a directory (Windows); the rename is still atomic.
    }
  }

  /** True when leftovers of interrupted writes ({@code .<name>.*.tmp}) lie next to the target. */
  public static boolean hasStaleTemps(Path target) {
    return !staleTemps(target).isEmpty();
  }

  /** Deletes leftovers of interrupted writes ({@code .<name>.*.tmp}); call only under the lock. */
  public static int removeStaleTemps(Path target) {
    int removed = 0;
    for (Path entry : staleTemps(target)) {
      try {
        if (Files.deleteIfExists(entry)) {
          removed++;
        }
      } catch (IOException ignored) {
        // best effort; retried on the next open
      }
    }
    return removed;
  }

  private static List<Path> staleTemps(Path target) {
    Path dir = target.toAbsolutePath().getParent();
    String prefix = "." + target.getFileName() + ".";
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, prefix + "*.tmp")) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(prefix) && name.endsWith(".tmp")) {
          found.add(entry);
        }
      }
    } catch (IOException ignored) {
      // best effort; retried on the next open
    }
    return found;
  }

  /** Creates an empty 0600 file if missing (for the lock file); refuses a symlink. */
  public static void createPrivateFile(Path file) throws KeychainException {
    try {
      if (isPosix(file)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException e) {
      if (Files.isSymbolicLink(file)) {
        throw new KeychainException(
            Reason.INSECURE_PERMISSIONS, file + " is a symbolic link; remove it (rm " + file + ")");
      }
    } catch (IOException e) {
      throw io("could not create " + file, e);
    }
  }

  /** Sets owner-only permissions on a file we created. */
  public static void makePrivate(Path file) {
    try {
      PosixFileAttributeView view =
          Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      if (view != null) {
        view.setPermissions(OWNER_FILE);
      }
    } catch (IOException ignored) {
      // checked again on open
    }
  }

  static String mode(Set<PosixFilePermission> perms) {
    int mode = 0;
    for (PosixFilePermission p : perms) {
      mode |= 1 << (8 - p.ordinal());
    }
    return String.format("%04o", mode);
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(sha256Bytes(bytes));
  }

  static byte[] sha256Bytes(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** An I/O failure as a one-line keychain error; the exception's own message names a path only. */
  static KeychainException io(String what, IOException e) {
    String detail = e.getClass().getSimpleName();
    return new KeychainException(Reason.IO, what + " (" + detail + "); check the path and disk");
  }
}
