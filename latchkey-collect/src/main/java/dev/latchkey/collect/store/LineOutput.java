package dev.latchkey.collect.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Where JSONL and pages lines go: a file that can be cut back to a checkpoint, or a stream. */
abstract class LineOutput implements AutoCloseable {
  /** Bytes written so far (the file's length). */
  abstract long position() throws IOException;

  /** Appends {@code bytes} whole. */
  abstract void write(byte[] bytes, int length) throws IOException;

  /** Cuts the output back to {@code length} bytes (what the last checkpoint covers). */
  abstract void truncate(long length) throws IOException;

  @Override
  public abstract void close() throws IOException;

  /** A file, locked against a second collector for as long as it is open. */
  static LineOutput file(Path path) throws IOException, StoreException {
    FileChannel channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new StoreException(
          StoreException.Reason.IN_USE,
          path
              + " is being written by another collection; wait for it to end, or choose another"
              + " --output");
    }
    FileLock held = lock;
    return new LineOutput() {
      @Override
      long position() throws IOException {
        return channel.size();
      }

      @Override
      void write(byte[] bytes, int length) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, length);
        long at = channel.size();
        while (b.hasRemaining()) {
          at += channel.write(b, at);
        }
      }

      @Override
      void truncate(long length) throws IOException {
        channel.truncate(length);
      }

      @Override
      public void close() throws IOException {
        try {
          held.release();
        } finally {
          channel.close();
        }
      }
    };
  }

  /** Standard output: appended to, never cut. */
  static LineOutput stream(OutputStream out) {
    return new LineOutput() {
      long written;

      @Override
      long position() {
        return written;
      }

      @Override
      void write(byte[] bytes, int length) throws IOException {
        out.write(bytes, 0, length);
        out.flush();
        written += length;
      }

      @Override
      void truncate(long length) {
        // standard output cannot be cut; it is never resumed
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }
}
