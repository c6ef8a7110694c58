package dev.latchkey.cli;

import picocli.CommandLine.Command;

/** {@code latchkey auth}. */
@Command(
    name = "auth",
    mixinStandardHelpOptions = true,
    description = "Get credentials for a platform (OAuth flows or pasted keys).")
final class AuthCommand implements Runnable {
  @Override
  public void run() {
    throw new UnsupportedOperationException("latchkey auth is not implemented yet");
  }
}
