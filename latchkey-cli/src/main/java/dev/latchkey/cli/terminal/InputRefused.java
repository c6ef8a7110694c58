package dev.latchkey.cli.terminal;

/**
 * What was typed or piped into a prompt was refused (not UTF-8, or a line without end): the message
 * is one line naming standard input and the fix, and never quotes the input, which may be a secret.
 */
public final class InputRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InputRefused(String message) {
    super(message, null, false, false);
  }
}
