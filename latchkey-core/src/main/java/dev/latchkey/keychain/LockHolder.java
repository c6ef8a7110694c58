package dev.latchkey.keychain;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Who holds a keychain lock another writer is waiting for, as the holder recorded it in the lock
 * file: its process id and what it is doing.
 *
 * @param pid the holder's process id, empty when the lock file does not say
 * @param description what the holder is doing, like {@code latchkey keys add}; printable ASCII
 */
public record LockHolder(OptionalLong pid, String description) {

  public LockHolder {
    Objects.requireNonNull(pid, "pid");
    Objects.requireNonNull(description, "description");
  }

  /** {@code pid 1234 (latchkey keys add)}, or {@code an unknown process} when nothing is known. */
  @Override
  public String toString() {
    String who = pid.isPresent() ? "pid " + pid.getAsLong() : "an unknown process";
    return description.isEmpty() ? who : who + " (" + description + ")";
  }
}
