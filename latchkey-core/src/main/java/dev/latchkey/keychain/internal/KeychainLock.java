package dev.latchkey.keychain.internal;

import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.KeychainException.Reason;
import dev.latchkey.keychain.KeychainOptions;
import dev.latchkey.keychain.LockHolder;
import dev.latchkey.keychain.LockWaitListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock between processes (and threads) on a sidecar file of a keychain: the writers'
 * lock {@code <keychain>.lock}, or the per-account OAuth 2 refresh lock {@code
 * <keychain>.refresh-<hash>.lock}. It is an in-JVM lock per file (a JVM cannot hold two {@link
 * FileLock}s on one file) plus an OS lock on the file, which the OS releases when its process dies,
 * so a dead holder's lock is simply taken by the next writer.
 *
 * <p>Writers queue rather than give up: a waiter waits as long as the holder shows progress. The
 * holder writes its pid, what it is doing and a heartbeat counter into the file when it takes the
 * lock, and a daemon thread advances the counter every {@value #BEAT_MILLIS} ms while it holds it
 * (the counter never restarts within a process, so every new hold looks new); a waiter that sees
 * the file unchanged for the stall limit (the holder was stopped, or runs on another machine that
 * vanished) gives up naming it. After {@link Wait#noticeAfter()} of waiting, the waiter tells its
 * {@link LockWaitListener} whom it waits for, once.
 */
public final class KeychainLock implements AutoCloseable {
  // One lock per file for the whole JVM: this registry is the only shared state, and it has to
  // be, since FileLock is per process.
  private static final ConcurrentMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();
  // Heartbeats count on across this process's holds: a process that takes the lock again and
  // again, each hold shorter than a beat, still writes something new every time.
  private static final AtomicLong BEATS = new AtomicLong();
  private static final long POLL_MILLIS = 20;
  static final long BEAT_MILLIS = 250;
  private static final int MAX_LOCK_FILE_BYTES = 4096;
  private static final int MAX_DESCRIPTION = 80;

  /** How long a waiter waits before telling its listener, by default. */
  public static final Duration NOTICE_AFTER = Duration.ofSeconds(1);

  /**
   * How a writer waits: the stall limit, when to tell the listener, and what this process records
   * about itself while it holds the lock.
   */
  public record Wait(
      Duration stallLimit, Duration noticeAfter, LockWaitListener listener, String description) {
    public Wait {
      Objects.requireNonNull(stallLimit, "stallLimit");
      Objects.requireNonNull(noticeAfter, "noticeAfter");
      Objects.requireNonNull(listener, "listener");
      description = printable(Objects.requireNonNull(description, "description"));
    }

    /** The wait the options describe. */
    public static Wait of(KeychainOptions options) {
      return new Wait(
          options.lockStallLimit(),
          NOTICE_AFTER,
          options.lockWaitListener(),
          options.holderDescription());
    }

    Wait describing(String what) {
      return new Wait(stallLimit, noticeAfter, listener, what);
    }
  }

  private final ReentrantLock jvmLock;
  private final FileChannel channel;
  private final FileLock fileLock;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread heartbeat;

  private KeychainLock(
      ReentrantLock jvmLock, FileChannel channel, FileLock fileLock, String description) {
    this.jvmLock = jvmLock;
    this.channel = channel;
    this.fileLock = fileLock;
    this.heartbeat = new Thread(() -> beat(description), "latchkey-lock-heartbeat");
    this.heartbeat.setDaemon(true);
  }

  /** The writers' lock file next to a keychain. */
  public static Path lockFile(Path keychain) {
    return keychain.resolveSibling(keychain.getFileName() + ".lock");
  }

  /**
   * The OAuth 2 refresh lock file of one account next to a keychain. The name carries a hash of the
   * account id, not the id, so no account name stays on disk after the account is removed.
   */
  public static Path refreshLockFile(Path keychain, String accountId) {
    byte[] digest = SecureFiles.sha256Bytes(accountId.getBytes(StandardCharsets.UTF_8));
    return keychain.resolveSibling(
        keychain.getFileName()
            + ".refresh-"
            + HexFormat.of().formatHex(Arrays.copyOf(digest, 8))
            + ".lock");
  }

  /**
   * Takes the keychain's writer lock, waiting as long as the holder shows progress.
   *
   * @throws KeychainException LOCKED naming the holder when it showed no progress for the stall
   *     limit
   */
  public static KeychainLock acquire(Path keychain, Wait wait) throws KeychainException {
    return attempt(lockFile(keychain), "keychain " + keychain, wait, false);
  }

  /**
   * Takes the lock that lets one process at a time refresh {@code accountId}'s OAuth 2 token, held
   * across the token endpoint's HTTP exchange; it does not block the keychain's other writers.
   */
  public static KeychainLock acquireRefresh(Path keychain, String accountId, Wait wait)
      throws KeychainException {
    return attempt(
        refreshLockFile(keychain, accountId),
        "the OAuth 2 refresh of " + accountId + " in " + keychain,
        wait.describing(wait.description() + ", refreshing an OAuth 2 token"),
        false);
  }

  /** Takes the writer lock only if it is free right now; null otherwise. */
  public static KeychainLock tryAcquire(Path keychain) throws KeychainException {
    return attempt(
        lockFile(keychain),
        "keychain " + keychain,
        new Wait(Duration.ZERO, Duration.ZERO, LockWaitListener.SILENT, "Latchkey"),
        true);
  }

  private static KeychainLock attempt(Path lockFile, String what, Wait wait, boolean once)
      throws KeychainException {
    Path file = lockFile.toAbsolutePath().normalize();
    ReentrantLock jvmLock = IN_JVM.computeIfAbsent(file, k -> new ReentrantLock());
    long start = System.nanoTime();
    Watch watch = new Watch(file, start);
    boolean noticed = false;
    boolean haveJvmLock = false;
    FileChannel channel = null;
    try {
      while (true) {
        if (!haveJvmLock) {
          haveJvmLock =
              once ? jvmLock.tryLock() : jvmLock.tryLock(POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
        if (haveJvmLock) {
          if (channel == null) {
            SecureFiles.createPrivateFile(file);
            channel =
                FileChannel.open(
                    file,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
          }
          FileLock fileLock = tryLock(channel);
          if (fileLock != null) {
            KeychainLock lock = new KeychainLock(jvmLock, channel, fileLock, wait.description());
            channel.truncate(0);
            lock.record(wait.description());
            lock.heartbeat.start();
            return lock;
          }
        }
        if (once) {
          release(haveJvmLock ? jvmLock : null, channel);
          return null;
        }
        long now = System.nanoTime();
        LockHolder holder = watch.observe(now);
        if (!noticed && now - start >= wait.noticeAfter().toNanos()) {
          noticed = true;
          wait.listener().waiting(holder);
        }
        if (now - watch.lastChange >= wait.stallLimit().toNanos()) {
          throw stalled(what, file, holder, wait.stallLimit());
        }
        if (haveJvmLock) {
          Thread.sleep(POLL_MILLIS);
        }
      }
    } catch (IOException e) {
      release(haveJvmLock ? jvmLock : null, channel);
      if (Thread.currentThread().isInterrupted()) {
        throw interrupted(what);
      }
      throw SecureFiles.io("could not lock " + file, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      release(haveJvmLock ? jvmLock : null, channel);
      throw interrupted(what);
    } catch (KeychainException | RuntimeException e) {
      release(haveJvmLock ? jvmLock : null, channel);
      throw e;
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this JVM through a channel we do not know: wait as for another
    }
  }

  private static KeychainException interrupted(String what) {
    return new KeychainException(
        Reason.LOCKED,
        "interrupted while waiting for the lock of " + what + "; nothing was changed");
  }

  private static KeychainException stalled(
      String what, Path file, LockHolder holder, Duration limit) {
    String seconds =
        limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    StringBuilder m = new StringBuilder();
    m.append(what).append(" is locked by ").append(holder);
    if (holder.pid().isEmpty()) {
      m.append(", which has shown no sign of progress for ")
          .append(seconds)
          .append("; find it with: fuser ")
          .append(file);
    } else {
      long pid = holder.pid().getAsLong();
      boolean running = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      m.append(running ? ", which" : ", which is not running on this machine and")
          .append(" has shown no sign of progress for ")
          .append(seconds)
          .append(
              running
                  ? " (is it stopped? resume it with: kill -CONT " + pid + ", or end it)"
                  : " (it may run on another machine that shares this directory; end it there)");
    }
    m.append("; nothing was changed");
    return new KeychainException(Reason.LOCKED, m.toString());
  }

  private static void release(ReentrantLock jvmLock, FileChannel channel) {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // closing releases the OS lock either way
    } finally {
      if (jvmLock != null) {
        jvmLock.unlock();
      }
    }
  }

  /** Writes who holds the lock and the next heartbeat count, in one positional write. */
  private void record(String description) throws IOException {
    String text =
        "pid "
            + ProcessHandle.current().pid()
            + "\nbeat "
            + BEATS.incrementAndGet()
            + "\nfor "
            + description
            + "\n";
    ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    long position = 0;
    while (buffer.hasRemaining()) {
      position += channel.write(buffer, position);
    }
  }

  private void beat(String description) {
    try {
      while (!stop.await(BEAT_MILLIS, TimeUnit.MILLISECONDS)) {
        record(description);
      }
    } catch (IOException | InterruptedException e) {
      // the lock is being released; waiters see no more beats, which is right
    }
  }

  @Override
  public void close() {
    stop.countDown();
    try {
      heartbeat.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      fileLock.release();
    } catch (IOException ignored) {
      // the channel close below releases it
    }
    release(jvmLock, channel);
  }

  /** What a waiter saw of the lock file, and when it last changed. */
  private static final class Watch {
    private final Path file;
    private String lastSeen;
    long lastChange;

    Watch(Path file, long now) {
      this.file = file;
      this.lastChange = now;
    }

    LockHolder observe(long now) {
      String text = read(file);
      if (!Objects.equals(text, lastSeen)) {
        lastSeen = text;
        lastChange = now;
      }
      return holder(text);
    }
  }

  private static String read(Path file) {
    try (SeekableByteChannel in =
        Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      ByteBuffer buffer = ByteBuffer.allocate(MAX_LOCK_FILE_BYTES);
      while (buffer.hasRemaining() && in.read(buffer) > 0) {
        // keep reading up to the cap
      }
      return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Reads the holder from the lock file's text ({@code pid N}, {@code for ...}; or a bare pid). */
  static LockHolder holder(String text) {
    OptionalLong pid = OptionalLong.empty();
    String description = "";
    if (text != null) {
      for (String line : text.split("\n")) {
        String l = line.strip();
        if (l.matches("(pid )?[0-9]{1,10}")) {
          pid = OptionalLong.of(Long.parseLong(l.substring(l.lastIndexOf(' ') + 1)));
        } else if (l.startsWith("for ")) {
          description = printable(l.substring(4));
        }
      }
    }
    return new LockHolder(pid, description);
  }

  /** Printable ASCII only, at most {@value #MAX_DESCRIPTION} characters: it reaches terminals. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < MAX_DESCRIPTION; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString().strip();
  }
}
