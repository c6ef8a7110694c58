package dev.latchkey.dashboard.internal;

/**
 * A request the dashboard will not serve, with the status and the one line shown to the person.
 * Thrown anywhere in a handler; the server renders it as a small page (or plain text for scripts).
 */
public final class Refused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;

  public Refused(int status, String title, String message) {
    super(message, null, false, false);
    this.status = status;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }
}
