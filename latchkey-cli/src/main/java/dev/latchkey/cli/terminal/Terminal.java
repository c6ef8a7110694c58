package dev.latchkey.cli.terminal;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Where a command reads what the user types: hidden input (passphrases, pasted secrets) and plain
 * lines. With a console the input is read from it with echo off; without one (piped input, tests)
 * lines are read from standard input and the prompt goes to standard error. When Java has no
 * console only because an output is redirected, hidden input comes from the controlling terminal
 * with echo off ({@link ControllingTerminal}).
 */
public final class Terminal {
  private final Console console;
  private final ControllingTerminal tty;
  private final InputStream in;
  private final Charset charset;
  private final Typist typist;
  private BufferedReader reader;

  private Terminal(
      Console console, ControllingTerminal tty, InputStream in, Charset charset, Typist typist) {
    this.console = console;
    this.tty = tty;
    this.in = in;
    this.charset = charset;
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
    Charset charset = Charset.defaultCharset();
    ControllingTerminal tty = console == null ? ControllingTerminal.find(charset) : null;
    return new Terminal(console, tty, System.in, charset, null);
  }

  /** No console: every line comes from {@code in}, as when input is piped. */
  public static Terminal of(InputStream in) {
    return new Terminal(null, null, in, java.nio.charset.StandardCharsets.UTF_8, null);
  }

  /** No console: every answer comes from {@code typist}; prompts still go to standard error. */
  public static Terminal typedBy(Typist typist) {
    return new Terminal(
        null, null, InputStream.nullInputStream(), java.nio.charset.StandardCharsets.UTF_8, typist);
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
    String line = readLine(prompt, err);
    return line == null ? null : line.toCharArray();
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
    try {
      String line = input().readLine();
      err.println(); // a console echoes the Enter key; piped input does not
      err.flush();
      return line;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read standard input", e);
    }
  }

  /** Standard input as text, shared by prompts and commands that read a file from {@code -}. */
  public BufferedReader input() {
    if (reader == null) {
      reader = new BufferedReader(new InputStreamReader(in, charset));
    }
    return reader;
  }

  /** Overwrites a secret the caller no longer needs. */
  public static void wipe(char[] secret) {
    if (secret != null) {
      Arrays.fill(secret, '\0');
    }
  }
}
