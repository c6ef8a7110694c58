package dev.latchkey.oauth1;

/**
 * The three-legged flow could not finish for a reason other than an HTTP error: the person denied
 * access, the callback did not match, the platform's answer was incomplete, or time ran out. The
 * message is one line naming the problem and what to do.
 */
public final class AuthorizationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the flow stopped. */
  public enum Reason {
    DENIED,
    CALLBACK_NOT_CONFIRMED,
    STATE_MISMATCH,
    INCOMPLETE_ANSWER,
    TIMED_OUT
  }

  private final Reason reason;

  AuthorizationException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  /** Why the flow stopped, for callers that react differently to a denial. */
  public Reason reason() {
    return reason;
  }
}
