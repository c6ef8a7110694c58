package dev.latchkey.cli.terminal;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;

/**
 * Hidden input from {@code /dev/tty} when Java gives us no {@link java.io.Console}.
 *
 * <p>Java 17's {@code System.console()} is null as soon as standard output is redirected ({@code
 * latchkey keys show --json > out.json}), yet a person is still typing at a terminal. Reading the
 * passphrase from standard input then would echo it on screen. Like ssh and sudo, we read from the
 * controlling terminal instead, with echo turned off by {@code stty} for the duration of the read
 * (and turned back on by a shutdown hook should the user press Ctrl-C).
 */
public final class ControllingTerminal {
  private static final File TTY = new File("/dev/tty");

  private ControllingTerminal() {}

  /**
   * The controlling terminal, or null when the process has none (CI, cron, pipes from a daemon).
   */
  static ControllingTerminal find() {
    if (!TTY.exists()) {
      return null;
    }
    try (FileInputStream probe = new FileInputStream(TTY)) {
      return new ControllingTerminal();
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  /**
   * Reads one line with echo off, showing the prompt only once echo is off (so that nothing typed
   * in between can be echoed).
   *
   * @return the line, null at the end of input, or null when echo could not be turned off (the
   *     caller then falls back rather than show the secret)
   */
  char[] readHidden(Runnable showPrompt) throws IOException {
    if (!stty("-echo")) {
      return null;
    }
    showPrompt.run();
    Thread restore = new Thread(() -> stty("echo"));
    Runtime.getRuntime().addShutdownHook(restore);
    try (FileInputStream typed = new FileInputStream(TTY)) {
      // As strict and bounded as standard input, and never a String: the line is a secret.
      char[] line = Terminal.readLine(typed, "the terminal");
      return line == null ? new char[0] : line;
    } finally {
      stty("echo");
      try {
        Runtime.getRuntime().removeShutdownHook(restore);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
    }
  }

  private static boolean stty(String setting) {
    try {
      Process p =
          new ProcessBuilder("stty", setting)
              .redirectInput(TTY)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
