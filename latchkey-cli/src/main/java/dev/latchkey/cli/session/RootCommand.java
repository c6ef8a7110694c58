package dev.latchkey.cli.session;

import picocli.CommandLine;

/**
 * What a command sees of {@code latchkey} itself, the root of every command line: the injected
 * world, the global options, and a way to build a whole new command line. The root knows every
 * command; commands know only this, so no package of commands depends on the one that lists them.
 */
public interface RootCommand {
  /** The world the command line was built on. */
  CliContext context();

  /** Whether {@code --verbose} was given. */
  boolean verbose();

  /** The keychain options given to {@code latchkey} itself. */
  KeychainOption keychainOption();

  /**
   * A new command line with every command, on {@code context}: for a command that runs others in
   * its process ({@code rotate}, {@code demo}).
   */
  CommandLine commandLine(CliContext context);

  /**
   * The class whose {@code main} runs the command, for a process that must start it again (the
   * pre-commit hook of {@code scan --install-hook}).
   */
  Class<?> mainClass();

  /** The class whose {@code main} runs the agent of {@code latchkey unlock}. */
  Class<?> agentMainClass();
}
