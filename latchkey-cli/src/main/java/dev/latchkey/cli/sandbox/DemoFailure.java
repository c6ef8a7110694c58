package dev.latchkey.cli.sandbox;

/**
 * Why a step of {@code latchkey demo} failed, in one line for the person watching: what went wrong
 * and, where there is one, the fix. Never quotes a secret.
 */
public final class DemoFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DemoFailure(String message) {
    super(message, null, false, false);
  }
}
