package dev.latchkey.cli;

import java.io.PrintStream;
import picocli.CommandLine;

/** Entry point of the {@code latchkey} command. */
public final class Main {
  private Main() {}

  /** Runs the command line with the process environment and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(LatchkeyCommand.newCommandLine(System.getenv(), args), args, System.err));
  }

  /**
   * Runs the command line; running out of memory ends it with one line and exit code 1 rather than
   * the JVM's stack trace. Every input Latchkey reads is bounded, so this is a last resort (a
   * keychain of many thousands of accounts in a small heap, say).
   */
  static int run(CommandLine commandLine, String[] args, PrintStream err) {
    try {
      return commandLine.execute(args);
    } catch (OutOfMemoryError e) {
      err.println(
          "latchkey: ran out of memory; give Java more with LATCHKEY_JAVA_OPTS=-Xmx1g (or more)");
      err.flush();
      return ExitCode.FAILURE;
    }
  }
}
