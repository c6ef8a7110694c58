package dev.latchkey.cli;

/** Entry point of the {@code latchkey} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(LatchkeyCommand.newCommandLine(System.getenv()).execute(args));
  }
}
