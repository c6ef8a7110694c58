package dev.latchkey.cli.terminal;

import dev.latchkey.io.BoundedInput;
import dev.latchkey.io.InputException;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Where a command reads what the user types: hidden input (passphrases, pasted secrets) and plain
 * lines. With a console the input is read from it with echo off; without one (piped input, tests)
 * lines are read from standard input and the prompt goes to standard error. When Java has no
 * console only because an output is redirected, hidden input comes from the controlling terminal
 * with echo off ({@link ControllingTerminal}).
 *
 * <p>Lines read from standard input are strict UTF-8 and at most {@value #MAX_LINE_BYTES} bytes,
 * and they are read byte by byte, so nothing past the line is taken from standard input: a command
 * can still read the rest of it raw ({@link #rawInput()}), and a prompt cannot be fed an endless
 * line until memory runs out.
 */
public final class Terminal {
  private final Console console;
  private final ControllingTerminal tty;
  private final InputStream in;
  private final Typist typist;

  /** The longest line a prompt reads from standard input (a pasted redirect address fits). */
  public static final int MAX_LINE_BYTES = 64 * 1024;

  private Terminal(Console console, ControllingTerminal tty, InputStream in, Typist typist) {
    this.console = console;
    this.tty = tty;
    this.in = in;
    this.typist = typist;
  }

  /**
   * Who answers prompts when no person does: the demo, which reads the authorize page the command
   * shows and types the PIN it finds there, as a person would.
   */
  @FunctionalInterface
  public interface Typist {
    /**
     * @param prompt what the command asks, like {@code PIN: }
     * @param hidden whether a person's typing would be hidden
     * @return the line to type, or null for the end of the input
     */
    String answer(String prompt, boolean hidden);
  }

  /** The process's own console (or controlling terminal) and standard input. */
  public static Terminal system() {
    Console console = System.console();
    ControllingTerminal tty = console == null ? ControllingTerminal.find() : null;
    return new Terminal(console, tty, System.in, null);
  }

  /** No console: every line comes from {@code in}, as when input is piped. */
  public static Terminal of(InputStream in) {
    return new Terminal(null, null, in, null);
  }

  /** No console: every answer comes from {@code typist}; prompts still go to standard error. */
  public static Terminal typedBy(Typist typist) {
    return new Terminal(null, null, InputStream.nullInputStream(), typist);
  }

  /** True when a person can be asked (a console or a controlling terminal is attached). */
  public boolean interactive() {
    return console != null || tty != null;
  }

  /**
   * Reads one line without echoing it where a console allows.
   *
   * @return the line, or null at the end of the input
   */
  public char[] readSecret(String prompt, PrintWriter err) {
    if (typist != null) {
      err.print(prompt);
      err.println();
      err.flush();
      String line = typist.answer(prompt, true);
      return line == null ? null : line.toCharArray();
    }
    if (console != null) {
      return console.readPassword("%s", prompt);
    }
    if (tty != null) {
      try {
        char[] typed =
            tty.readHidden(
                () -> {
                  err.print(prompt);
                  err.flush();
                });
        if (typed != null) {
          err.println(); // echo was off, so the Enter key did not move the cursor
          err.flush();
          return typed;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the terminal", e);
      }
    }
    err.print(prompt);
    err.flush();
    try {
      return readInputLine();
    } finally {
      err.println(); // nothing was echoed, not even the Enter key
      err.flush();
    }
  }

  /**
   * Reads one line, echoed.
   *
   * @return the line, or null at the end of the input
   */
  public String readLine(String prompt, PrintWriter err) {
    if (typist != null) {
      err.print(prompt);
      err.flush();
      String line = typist.answer(prompt, false);
      err.println(line == null ? "" : line);
      err.flush();
      return line;
    }
    if (console != null) {
      return console.readLine("%s", prompt);
    }
    err.print(prompt);
    err.flush();
    char[] line;
    try {
      line = readInputLine();
    } finally {
      err.println(); // a console echoes the Enter key; piped input does not
      err.flush();
    }
    if (line == null) {
      return null;
    }
    String text = new String(line);
    wipe(line);
    return text;
  }

  /**
   * Standard input as bytes, for commands that read a file from {@code -}. Prompts take nothing
   * beyond their own line from it, so what a command reads here starts after the last line a prompt
   * read.
   */
  public InputStream rawInput() {
    return in;
  }

  /**
   * One line of standard input without its line ending, decoded strictly; null at the end of the
   * input. The bytes are wiped: the line may be a secret.
   */
  private char[] readInputLine() {
    return readLine(in, "standard input");
  }

  /**
   * One line of {@code in} without its line ending, strict UTF-8 and at most {@value
   * #MAX_LINE_BYTES} bytes; null at the end of the input. The bytes are wiped: the line may be a
   * secret.
   *
   * @param source what {@code in} is, for the messages
   */
  static char[] readLine(InputStream in, String source) {
    byte[] line = new byte[256];
    int size = 0;
    try {
      for (int b; (b = in.read()) != '\n'; ) {
        if (b < 0) {
          if (size == 0) {
            return null;
          }
          break;
        }
        if (size == MAX_LINE_BYTES) {
          throw new InputRefused(
              source
                  + " has a line longer than "
                  + MAX_LINE_BYTES / 1024
                  + " KiB, more than any answer to a prompt; send the answer on a line of its own");
        }
        if (size == line.length) {
          byte[] bigger = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, size * 2));
          Arrays.fill(line, (byte) 0);
          line = bigger;
        }
        line[size++] = (byte) b;
      }
      int end = size > 0 && line[size - 1] == '\r' ? size - 1 : size;
      return BoundedInput.decodeUtf8(line, 0, end, source);
    } catch (InputException e) {
      throw new InputRefused(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    } finally {
      Arrays.fill(line, (byte) 0);
    }
  }

  /** Overwrites a secret the caller no longer needs. */
  public static void wipe(char[] secret) {
    if (secret != null) {
      Arrays.fill(secret, '\0');
    }
  }
}
