package dev.latchkey.cli;

import picocli.CommandLine.Command;

/** {@code latchkey status}. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Test every stored credential against its API.")
final class StatusCommand implements Runnable {
  @Override
  public void run() {
    throw new UnsupportedOperationException("latchkey status is not implemented yet");
  }
}
