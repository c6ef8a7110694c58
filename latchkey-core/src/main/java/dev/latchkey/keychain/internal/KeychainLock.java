package dev.latchkey.keychain.internal;

import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.KeychainException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The exclusive writer lock of one keychain: an in-JVM lock per keychain path (a JVM cannot hold
 * two {@link FileLock}s on one file) plus an OS lock on the sidecar file {@code <keychain>.lock},
 * which holds the owner's pid for the "locked by" message. The OS releases the lock when its
 * process dies, so a crashed writer never blocks the next one.
 */
public final class KeychainLock implements AutoCloseable {
  // One lock per keychain path for the whole JVM: this registry is the only shared state, and it
  // has to be, since FileLock is per process.
  private static final ConcurrentMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();
  private static final long POLL_MILLIS = 20;

  private final ReentrantLock jvmLock;
  private final FileChannel channel;
  private final FileLock fileLock;

  private KeychainLock(ReentrantLock jvmLock, FileChannel channel, FileLock fileLock) {
    this.jvmLock = jvmLock;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /** The lock file next to a keychain. */
  public static Path lockFile(Path keychain) {
    return keychain.resolveSibling(keychain.getFileName() + ".lock");
  }

  /**
   * Waits up to {@code timeout} for the lock.
   *
   * @throws KeychainException LOCKED naming the holder's pid when the wait runs out
   */
  public static KeychainLock acquire(Path keychain, Duration timeout) throws KeychainException {
    KeychainLock lock = attempt(keychain, timeout);
    if (lock == null) {
      Path file = lockFile(keychain);
      throw new KeychainException(
          Reason.LOCKED,
          "keychain "
              + keychain
              + " is locked by another process ("
              + holder(file)
              + ") for more than "
              + timeout.toMillis()
              + " ms; wait for it to finish or stop it");
    }
    return lock;
  }

  /** Takes the lock only if it is free right now; null otherwise. */
  public static KeychainLock tryAcquire(Path keychain) throws KeychainException {
    return attempt(keychain, Duration.ZERO);
  }

  private static KeychainLock attempt(Path keychain, Duration timeout) throws KeychainException {
    Path key = keychain.toAbsolutePath().normalize();
    ReentrantLock jvmLock = IN_JVM.computeIfAbsent(key, k -> new ReentrantLock());
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!jvmLock.tryLock(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
        return null;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeychainException(Reason.LOCKED, "interrupted while waiting for " + keychain);
    }
    Path file = lockFile(key);
    FileChannel channel = null;
    try {
      SecureFiles.createPrivateFile(file);
      channel =
          FileChannel.open(
              file, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      while (true) {
        FileLock fileLock;
        try {
          fileLock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          fileLock = null;
        }
        if (fileLock != null) {
          channel.truncate(0);
          channel.write(
              ByteBuffer.wrap(
                  (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
              0);
          return new KeychainLock(jvmLock, channel, fileLock);
        }
        if (System.nanoTime() - deadline >= 0) {
          break;
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (IOException e) {
      release(jvmLock, channel);
      throw SecureFiles.io("could not lock " + file, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      release(jvmLock, channel);
      throw new KeychainException(Reason.LOCKED, "interrupted while waiting for " + keychain);
    } catch (KeychainException | RuntimeException e) {
      release(jvmLock, channel);
      throw e;
    }
    release(jvmLock, channel);
    return null;
  }

  private static void release(ReentrantLock jvmLock, FileChannel channel) {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // closing releases the OS lock either way
    } finally {
      jvmLock.unlock();
    }
  }

  private static String holder(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
      return text.matches("[0-9]{1,10}") ? "pid " + text : "pid unknown";
    } catch (IOException | RuntimeException e) {
      return "pid unknown";
    }
  }

  @Override
  public void close() {
    try {
      fileLock.release();
    } catch (IOException ignored) {
      // the channel close below releases it
    }
    release(jvmLock, channel);
  }
}
