package dev.latchkey.cli;

import picocli.CommandLine.Command;

/** {@code latchkey keys}. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Manage the accounts in the keychain.")
final class KeysCommand implements Runnable {
  @Override
  public void run() {
    throw new UnsupportedOperationException("latchkey keys is not implemented yet");
  }
}
