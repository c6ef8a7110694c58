package dev.latchkey.cli;

import dev.latchkey.keychain.KeychainException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command throws into one line on standard error and an exit code: {@code latchkey:
 * <problem and fix>}. The stack trace is printed only with {@code --verbose}.
 */
public final class ErrorHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    boolean verbose = isVerbose(commandLine);
    int code;
    if (ex instanceof CliException e) {
      err.println("latchkey: " + e.getMessage());
      code = e.exitCode();
    } else if (ex instanceof KeychainException || isDomainException(ex)) {
      err.println("latchkey: " + ex.getMessage());
      code = ExitCode.FAILURE;
    } else if (ex instanceof UncheckedIOException || ex instanceof IOException) {
      IOException io = ex instanceof UncheckedIOException u ? u.getCause() : (IOException) ex;
      err.println("latchkey: " + describe(io));
      code = ExitCode.FAILURE;
    } else {
      err.println(
          "latchkey: unexpected error ("
              + ex.getClass().getSimpleName()
              + ")"
              + (verbose ? "" : "; run with --verbose for details"));
      code = ExitCode.FAILURE;
    }
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** Wrong command line: the message, a pointer to the help, exit code 2. */
  static int handleParameterException(ParameterException ex, String[] args) {
    CommandLine commandLine = ex.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println("latchkey: " + ex.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println(
        "Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCode.USAGE;
  }

  /**
   * Exceptions Latchkey defines carry messages written for people: one line, no secrets (the
   * formats package's import errors, the HTTP client's API errors and the like).
   */
  private static boolean isDomainException(Exception ex) {
    return ex.getClass().getPackageName().startsWith("dev.latchkey.");
  }

  /**
   * The file-system exceptions name the file and the reason; other I/O messages (a parser's, for
   * instance) may quote the input, so only their kind is shown.
   */
  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + e.getMessage();
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + e.getMessage();
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return "file exists: " + e.getMessage();
    }
    if (e instanceof java.nio.file.FileSystemException) {
      return e.getMessage();
    }
    return "input/output error ("
        + e.getClass().getSimpleName()
        + "); run with --verbose for details";
  }

  private static boolean isVerbose(CommandLine commandLine) {
    Object root = commandLine.getCommandSpec().root().userObject();
    return root instanceof LatchkeyCommand latchkey && latchkey.verbose();
  }
}
