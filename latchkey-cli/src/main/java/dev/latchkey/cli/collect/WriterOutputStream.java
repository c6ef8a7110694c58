package dev.latchkey.cli.collect;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The command's standard output as a stream of UTF-8 bytes. The store writes whole lines in one
 * call, so each call decodes on its own.
 */
final class WriterOutputStream extends OutputStream {
  private final PrintWriter out;

  WriterOutputStream(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    out.write(new String(b, off, len, StandardCharsets.UTF_8));
  }

  @Override
  public void flush() {
    out.flush();
  }
}
