package dev.latchkey.cli;

import picocli.CommandLine.Command;

/** {@code latchkey api}. */
@Command(
    name = "api",
    mixinStandardHelpOptions = true,
    description = "Make a signed one-off API call and print the JSON.")
final class ApiCommand implements Runnable {
  @Override
  public void run() {
    throw new UnsupportedOperationException("latchkey api is not implemented yet");
  }
}
