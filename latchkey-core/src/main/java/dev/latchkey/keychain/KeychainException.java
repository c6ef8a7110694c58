package dev.latchkey.keychain;

/**
 * A keychain operation failed. The message is one line a person can act on: what failed, where, and
 * the fix. It never contains a secret, and no cause that could quote one is attached.
 */
public class KeychainException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the operation failed, for callers that react differently (the CLI picks exit codes). */
  public enum Reason {
    /** The passphrase does not unlock the keychain (or the header's recipient was altered). */
    WRONG_PASSPHRASE,
    /** The file ends early: it was cut short by a crash, a full disk or a partial copy. */
    TRUNCATED,
    /** The file is whole but fails authentication: it was altered or damaged on disk. */
    TAMPERED,
    /**
     * The file is not a keychain at all, or uses parameters we refuse (e.g. a huge work factor).
     */
    UNREADABLE,
    /** The file or its directory can be read by other users. */
    INSECURE_PERMISSIONS,
    /** Another process holds the keychain's lock for longer than we wait. */
    LOCKED,
    /** The named account does not exist. */
    NO_SUCH_ACCOUNT,
    /** The account exists already and the caller did not ask to replace it. */
    ACCOUNT_EXISTS,
    /** No passphrase could be obtained (no terminal, no file, no environment variable). */
    NO_PASSPHRASE,
    /** Reading or writing the file failed. */
    IO
  }

  private final Reason reason;

  public KeychainException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
