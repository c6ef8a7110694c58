package dev.latchkey.collect.internal;

/** How a task or a run can end early, as exceptions the workers pass up. */
public final class Outcomes {
  private Outcomes() {}

  /** The whole collection must stop: the credential is refused, the input is bad. */
  public static final class Fatal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean badInput;

    public Fatal(String message, boolean badInput) {
      super(message, null, false, false);
      this.badInput = badInput;
    }

    /** Whether the input was wrong (exit 2) rather than the credential or platform (exit 1). */
    public boolean badInput() {
      return badInput;
    }
  }

  /** One task cannot go on in this run (the platform kept failing); it resumes next time. */
  public static final class GiveUp extends Exception {
    private static final long serialVersionUID = 1L;

    public GiveUp(String message) {
      super(message, null, false, false);
    }
  }

  /** The collection was asked to stop (Ctrl-C). */
  public static final class Stopped extends Exception {
    private static final long serialVersionUID = 1L;

    public Stopped() {
      super("stopped", null, false, false);
    }
  }
}
