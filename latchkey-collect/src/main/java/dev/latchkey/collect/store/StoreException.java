package dev.latchkey.collect.store;

/**
 * The store cannot go on: the output belongs to another collection, is in use, is not Latchkey's,
 * the disk is full, the database is unreachable. The message names the file or database (never a
 * password) and the fix; the checkpoint is left consistent.
 */
public final class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why, for callers that pick an exit code or a remedy. */
  public enum Reason {
    /** The output holds a different collection. */
    DIFFERENT_JOB,
    /** Another process is writing this output. */
    IN_USE,
    /** The output exists and is not a Latchkey collection, or was changed outside it. */
    NOT_OURS,
    /** A newer Latchkey wrote this store. */
    NEWER_SCHEMA,
    /** Writing failed: disk full, permissions, I/O. */
    WRITE_FAILED,
    /** The store cannot be reached right now (a database went away); trying again may work. */
    UNAVAILABLE,
    /** Another worker took the task over after this one's lease lapsed. */
    LEASE_LOST,
    /** The store refused the login or the permission. */
    ACCESS_DENIED
  }

  private final Reason reason;

  public StoreException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
