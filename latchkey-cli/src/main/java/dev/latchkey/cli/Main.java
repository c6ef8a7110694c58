package dev.latchkey.cli;

import dev.latchkey.cli.session.ExitCode;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.OptionalInt;
import picocli.CommandLine;

/** Entry point of the {@code latchkey} command. */
public final class Main {
  private Main() {}

  /**
   * Runs the command line with the process environment and exits with its exit code. A short
   * command goes to the agent of {@code latchkey unlock} when one runs ({@link RelayedCommands}):
   * then this process loads no more than it takes to hand it over.
   */
  public static void main(String[] args) {
    OptionalInt relayed = relay(args);
    if (relayed.isPresent()) {
      System.exit(relayed.getAsInt());
    }
    int code = run(LatchkeyCommand.newCommandLine(System.getenv(), args), args, System.err);
    stopHttpSelectors();
    System.exit(code);
  }

  private static OptionalInt relay(String[] args) {
    FileOutputStream out = new FileOutputStream(FileDescriptor.out);
    FileOutputStream err = new FileOutputStream(FileDescriptor.err);
    try {
      return RelayedCommands.runInAgent(args, System.getenv(), out, err);
    } catch (IOException e) {
      // The command ran in part: running it again here could repeat what it did (a POST).
      System.err.println(
          "latchkey: "
              + e.getMessage()
              + "; check its effect, then run it again (LATCHKEY_NO_AGENT=1 runs it without the"
              + " agent)");
      return OptionalInt.of(ExitCode.FAILURE);
    }
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

  /**
   * Stops the JDK HTTP clients' selector threads before the process exits. Java 17's HTTP client
   * has no {@code close()}, and its selector thread waits in native code ({@code epoll_wait}); the
   * VM's exit waits up to 300 ms for any thread in native code to come back, so one {@code latchkey
   * api} call took 0.3 s longer than its work. An interrupted selector thread leaves its loop.
   */
  private static void stopHttpSelectors() {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager")) {
        t.interrupt();
        try {
          t.join(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
