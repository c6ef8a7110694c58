package dev.latchkey.cli;

import dev.latchkey.keychain.KeychainAgent;

/**
 * The agent process {@code latchkey unlock} starts: the keychain agent, which also runs the {@link
 * RelayedCommands} of new {@code latchkey} processes.
 */
public final class AgentMain {
  private AgentMain() {}

  /** Reads its settings and passphrase from standard input, as {@link KeychainAgent#main} does. */
  public static void main(String[] args) {
    KeychainAgent.runProcess(new AgentCommandRunner());
  }
}
