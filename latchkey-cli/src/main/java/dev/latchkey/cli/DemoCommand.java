package dev.latchkey.cli;

import picocli.CommandLine.Command;

/** {@code latchkey demo}. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run the whole story against the embedded sandbox.")
final class DemoCommand implements Runnable {
  @Override
  public void run() {
    throw new UnsupportedOperationException("latchkey demo is not implemented yet");
  }
}
