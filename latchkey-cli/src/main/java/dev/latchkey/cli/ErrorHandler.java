package dev.latchkey.cli;

import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.io.SafeText;
import dev.latchkey.keychain.KeychainException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command throws into one line on standard error and an exit code: {@code latchkey:
 * <problem and fix>}. The stack trace is printed only with {@code --verbose}.
 */
public final class ErrorHandler implements IExecutionExceptionHandler {
  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
  private static final int MAX_MESSAGE = 500;
  private static final int MAX_QUOTED = SafeText.SHOWN + 32;

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
    err.println("latchkey: " + typedValuesShownSafely(String.valueOf(ex.getMessage())));
    if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
      List<String> near = neighbours(unmatched);
      if (!near.isEmpty()) {
        err.println("Did you mean: " + String.join(" or ", near) + "?");
      }
    }
    err.println(
        "Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCode.USAGE;
  }

  /**
   * Picocli's message about a command line, with what was typed made safe to print: each quoted
   * value shortened and any control character (a newline, a terminal escape) shown escaped, so a
   * 100,000-character argument or an escape sequence is neither echoed whole nor acted on.
   */
  static String typedValuesShownSafely(String message) {
    Matcher quoted = QUOTED.matcher(message);
    StringBuilder shortened = new StringBuilder();
    while (quoted.find()) {
      String value = quoted.group(1);
      // A value already shown safely (the core's messages do so) is left as it is.
      String shown = value.length() > MAX_QUOTED ? SafeText.forMessage(value) : value;
      quoted.appendReplacement(shortened, Matcher.quoteReplacement("'" + shown + "'"));
    }
    quoted.appendTail(shortened);
    StringBuilder out = new StringBuilder();
    shortened
        .codePoints()
        .forEach(
            cp -> {
              String c = new String(Character.toChars(cp));
              out.append(SafeText.hasControlCharacters(c) ? SafeText.forMessage(c) : c);
            });
    return out.length() > MAX_MESSAGE ? out.substring(0, MAX_MESSAGE) + "…" : out.toString();
  }

  /**
   * The commands and options a mistyped word was probably meant to be: only real neighbours, a
   * couple of typing mistakes away ({@code stauts} for {@code status}), never whatever shares a
   * letter ({@code logout} is not {@code auth}).
   */
  static List<String> neighbours(CommandLine.UnmatchedArgumentException ex) {
    List<String> typed = ex.getUnmatched();
    if (typed.isEmpty()) {
      return List.of();
    }
    String word = typed.get(0);
    CommandLine.Model.CommandSpec spec = ex.getCommandLine().getCommandSpec();
    List<String> names = new ArrayList<>(ex.getCommandLine().getSubcommands().keySet());
    for (CommandLine.Model.OptionSpec o : spec.options()) {
      names.addAll(List.of(o.names()));
    }
    List<String> out = new ArrayList<>();
    for (String name : names) {
      String n = name.replaceFirst("^-+", "");
      String w = word.replaceFirst("^-+", "");
      int allowed = Math.min(2, Math.max(1, n.length() / 4));
      if (!n.equals(w) && n.length() > 1 && distance(n, w) <= allowed && !out.contains(name)) {
        out.add(name);
      }
    }
    return out;
  }

  /** Levenshtein distance, with a swap of two neighbouring letters counted as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
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
