package dev.latchkey.cli.sandbox;

import java.io.Writer;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a command the demo runs writes to standard error, kept so the demo can read it as a person
 * reads a terminal: the address to open, the port it listens on. Thread-safe: the command writes
 * from its thread while the demo waits for a line on its own.
 */
final class Transcript extends Writer {
  private final StringBuilder text = new StringBuilder();

  @Override
  public synchronized void write(char[] buffer, int offset, int length) {
    text.append(buffer, offset, length);
    notifyAll();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  /** Everything written so far. */
  synchronized String text() {
    return text.toString();
  }

  /** The first group of the first match of {@code pattern} in what was written, if any. */
  synchronized Optional<String> find(Pattern pattern) {
    Matcher m = pattern.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The first group of the last match of {@code pattern} in what was written, if any. */
  synchronized Optional<String> findLast(Pattern pattern) {
    Matcher m = pattern.matcher(text);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    return Optional.ofNullable(last);
  }

  /**
   * Waits until {@code pattern} matches what was written, or {@code stillRunning} says the command
   * ended; the first group of the match.
   *
   * @throws DemoFailure when the time runs out or the command ended without writing it
   */
  synchronized String await(
      Pattern pattern,
      Duration timeout,
      java.util.function.BooleanSupplier stillRunning,
      String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Matcher m = pattern.matcher(text);
      if (m.find()) {
        return m.group(1);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || !stillRunning.getAsBoolean()) {
        throw new DemoFailure("the command did not show " + what);
      }
      wait(Math.max(1, Math.min(left / 1_000_000, 100)));
    }
  }

  /** The last {@code latchkey: ...} line, without the prefix: a failed command's one-line why. */
  synchronized String lastError() {
    String why = null;
    for (String line : text.toString().split("\n")) {
      if (line.startsWith("latchkey: ") && !line.startsWith("latchkey: warning: ")) {
        why = line.substring("latchkey: ".length());
      }
    }
    return why;
  }
}
