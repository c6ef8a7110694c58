package dev.latchkey.cli;

/** Entry point of the {@code latchkey} command. */
public final class Main {
  private Main() {}

  /** Runs the command line with the process environment and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(LatchkeyCommand.newCommandLine(System.getenv(), args).execute(args));
  }
}
