package dev.latchkey.cli.session;

/**
 * A failure a command reports to the user as one line, with the exit code to end with. The message
 * names the problem and the fix and never quotes a secret.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public CliException(String message) {
    this(ExitCode.FAILURE, message);
  }

  public CliException(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  /** A mistake on the command line: exit code {@link ExitCode#USAGE}. */
  public static CliException usage(String message) {
    return new CliException(ExitCode.USAGE, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
