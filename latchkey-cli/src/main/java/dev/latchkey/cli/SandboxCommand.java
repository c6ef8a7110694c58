package dev.latchkey.cli;

import picocli.CommandLine.Command;

/** {@code latchkey sandbox}. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = "Run the offline Twitter and Tumblr emulator.")
final class SandboxCommand implements Runnable {
  @Override
  public void run() {
    throw new UnsupportedOperationException("latchkey sandbox is not implemented yet");
  }
}
