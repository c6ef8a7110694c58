package dev.latchkey.keychain;

/**
 * Hears that a keychain write (or an OAuth 2 refresh) is waiting for another process's lock, so
 * that a command can say whom it waits for ("waiting for pid 1234 (latchkey keys add)") instead of
 * looking hung. Called at most once per wait, about a second after the wait began, on the waiting
 * thread; the wait goes on afterwards.
 */
@FunctionalInterface
public interface LockWaitListener {
  /** A listener that says nothing. */
  LockWaitListener SILENT = holder -> {};

  /** The wait has lasted about a second; {@code holder} is who holds the lock now. */
  void waiting(LockHolder holder);
}
