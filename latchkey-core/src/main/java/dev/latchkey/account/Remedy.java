package dev.latchkey.account;

import dev.latchkey.platform.ProblemKind;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What to do about a refusal, as data: what it means ({@link ProblemKind}, from the platform's
 * error table), one line for a person that names the account, the {@code latchkey} command that
 * fixes it when there is one (a dashboard shows it as a button), and how long to wait when waiting
 * is the fix.
 *
 * @param problem what the refusal means
 * @param message the fix in words, naming the account: {@code token revoked or expired: run
 *     latchkey auth twitter --account twitter/alice}
 * @param command the command that fixes it, or null
 * @param retryAfter how long to wait before trying again, or null
 */
public record Remedy(ProblemKind problem, String message, String command, Duration retryAfter) {
  public Remedy {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(message, "message");
  }

  /** The command that fixes it, when there is one. */
  public Optional<String> fixCommand() {
    return Optional.ofNullable(command);
  }

  /** How long to wait, when waiting is the fix. */
  public Optional<Duration> waitFor() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public String toString() {
    return message;
  }
}
