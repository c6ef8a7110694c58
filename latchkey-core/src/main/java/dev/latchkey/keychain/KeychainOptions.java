package dev.latchkey.keychain;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open a keychain: where it is, how to unlock it, and the few knobs a caller may turn. Build
 * with {@link #builder(Path, PassphraseSource)}.
 */
public final class KeychainOptions {
  /** age's own default: about one second of scrypt on a current machine. */
  public static final int DEFAULT_WORK_FACTOR = 18;

  /** The least we write (OWASP's scrypt minimum, N = 2^17). */
  public static final int MINIMUM_WORK_FACTOR = 17;

  /** The most we accept when reading, checked before running scrypt (age's own reader cap). */
  public static final int MAXIMUM_WORK_FACTOR = 22;

  /** How long a writer waits, by default, for a lock holder that shows no sign of progress. */
  public static final Duration DEFAULT_LOCK_STALL_LIMIT = Duration.ofSeconds(30);

  private final Path file;
  private final PassphraseSource passphrase;
  private final int workFactor;
  private final boolean createIfMissing;
  private final boolean insecurePlaintext;
  private final Duration lockStallLimit;
  private final LockWaitListener lockWaitListener;
  private final String holderDescription;
  private final Clock clock;
  private final boolean prepareForWriting;

  private KeychainOptions(Builder b) {
    this.prepareForWriting = b.prepareForWriting;
    this.file = b.file;
    this.passphrase = b.passphrase;
    this.workFactor = b.workFactor;
    this.createIfMissing = b.createIfMissing;
    this.insecurePlaintext = b.insecurePlaintext;
    this.lockStallLimit = b.lockStallLimit;
    this.lockWaitListener = b.lockWaitListener;
    this.holderDescription = b.holderDescription;
    this.clock = b.clock;
  }

  /** Starts options for the keychain at {@code file}, unlocked with {@code passphrase}. */
  public static Builder builder(Path file, PassphraseSource passphrase) {
    return new Builder(file, passphrase);
  }

  public Path file() {
    return file;
  }

  public PassphraseSource passphrase() {
    return passphrase;
  }

  public int workFactor() {
    return workFactor;
  }

  public boolean createIfMissing() {
    return createIfMissing;
  }

  public boolean insecurePlaintext() {
    return insecurePlaintext;
  }

  /** How long a writer waits for a lock holder that shows no sign of progress. */
  public Duration lockStallLimit() {
    return lockStallLimit;
  }

  /** Who hears that a write waits for another process. */
  public LockWaitListener lockWaitListener() {
    return lockWaitListener;
  }

  /** What this process records in the lock file while it holds the lock. */
  public String holderDescription() {
    return holderDescription;
  }

  public Clock clock() {
    return clock;
  }

  /** Whether opening also starts deriving the first write's key (see the builder method). */
  public boolean prepareForWriting() {
    return prepareForWriting;
  }

  /** Builds {@link KeychainOptions}. */
  public static final class Builder {
    private final Path file;
    private final PassphraseSource passphrase;
    private int workFactor = DEFAULT_WORK_FACTOR;
    private boolean createIfMissing = true;
    private boolean insecurePlaintext;
    private Duration lockStallLimit = DEFAULT_LOCK_STALL_LIMIT;
    private LockWaitListener lockWaitListener = LockWaitListener.SILENT;
    private String holderDescription = "Latchkey";
    private Clock clock = Clock.systemUTC();
    private boolean prepareForWriting;

    private Builder(Path file, PassphraseSource passphrase) {
      this.file = Objects.requireNonNull(file, "file");
      this.passphrase = Objects.requireNonNull(passphrase, "passphrase");
    }

    /** The scrypt work factor (log2 N) for writing; at least {@link #MINIMUM_WORK_FACTOR}. */
    public Builder workFactor(int logN) {
      if (logN < MINIMUM_WORK_FACTOR || logN > MAXIMUM_WORK_FACTOR) {
        throw new IllegalArgumentException(
            "work factor must be between "
                + MINIMUM_WORK_FACTOR
                + " and "
                + MAXIMUM_WORK_FACTOR
                + ", not "
                + logN);
      }
      this.workFactor = logN;
      return this;
    }

    /**
     * A work factor below the minimum, so that tests which write hundreds of keychains run in
     * seconds. Never use it for a keychain that holds real credentials.
     */
    public Builder weakWorkFactorForTesting(int logN) {
      if (logN < 1 || logN > MAXIMUM_WORK_FACTOR) {
        throw new IllegalArgumentException("work factor out of range: " + logN);
      }
      this.workFactor = logN;
      return this;
    }

    /** Whether to create the keychain when the file does not exist (default true). */
    public Builder createIfMissing(boolean create) {
      this.createIfMissing = create;
      return this;
    }

    /**
     * Keep the keychain as plain JSON instead of encrypting it. Only for machines where the user
     * accepted the risk; the CLI warns every time it is used.
     */
    public Builder insecurePlaintext(boolean plaintext) {
      this.insecurePlaintext = plaintext;
      return this;
    }

    /**
     * How long a writer waits for a lock whose holder shows no sign of progress (default 30 s). A
     * writer waits as long as it takes for a holder that is alive and running: the holder records a
     * heartbeat in the lock file. A holder that stopped (suspended with Ctrl-Z, say) or that runs
     * on another machine and vanished shows none, and the wait ends with {@link
     * KeychainException.Reason#LOCKED} naming it.
     */
    public Builder lockStallLimit(Duration limit) {
      Objects.requireNonNull(limit, "limit");
      if (limit.isNegative() || limit.isZero()) {
        throw new IllegalArgumentException("the lock stall limit must be positive, not " + limit);
      }
      this.lockStallLimit = limit;
      return this;
    }

    /** Who hears, once per wait and after about a second, whom a write waits for. */
    public Builder lockWaitListener(LockWaitListener listener) {
      this.lockWaitListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * What other processes waiting for this one's lock are told it is doing, like {@code latchkey
     * keys add} (default {@code Latchkey}). Characters outside printable ASCII become {@code ?} and
     * it is cut to 80 characters: it ends up on other people's terminals.
     */
    public Builder holderDescription(String description) {
      this.holderDescription = Objects.requireNonNull(description, "description");
      return this;
    }

    /**
     * Derive the key for the first write on a second thread while unlocking, for callers that open
     * the keychain in order to change it: about one scrypt's time instead of two, at the cost of a
     * second scrypt's memory (256 MiB at work factor 18) meanwhile.
     */
    public Builder prepareForWriting(boolean prepare) {
      this.prepareForWriting = prepare;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    public KeychainOptions build() {
      return new KeychainOptions(this);
    }
  }
}
