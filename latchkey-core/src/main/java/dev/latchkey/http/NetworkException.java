package dev.latchkey.http;

import java.io.IOException;

/**
 * Latchkey could not reach a host (the platform, its token endpoint) or could not listen on a
 * loopback port for an authorization. The message is one line for a person: what was being done,
 * the host or port, the kind of failure and what to do; it quotes nothing received, so it can be
 * shown as it is. Other {@link IOException}s may quote input and are best shown by kind only.
 */
public final class NetworkException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String problem;

  public NetworkException(String message) {
    super(message);
    this.problem = message;
  }

  /**
   * A failure whose general fix ({@code fix}) callers with a better one (the account layer's
   * remedy, naming the setting to change) can leave out by showing {@link #problem()} instead.
   */
  public NetworkException(String problem, String fix) {
    super(problem + "; " + fix);
    this.problem = problem;
  }

  /** What went wrong, without the fix. */
  public String problem() {
    return problem;
  }
}
