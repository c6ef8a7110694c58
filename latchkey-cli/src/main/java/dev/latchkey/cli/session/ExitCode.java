package dev.latchkey.cli.session;

/** The exit codes every {@code latchkey} command uses, so scripts can tell outcomes apart. */
public final class ExitCode {
  /** The command did what was asked. */
  public static final int OK = 0;

  /** The command could not do it (missing account, wrong passphrase, I/O error, ...). */
  public static final int FAILURE = 1;

  /** The command line itself was wrong (unknown option, missing argument, bad value). */
  public static final int USAGE = 2;

  private ExitCode() {}
}
