package dev.latchkey.dashboard;

import dev.latchkey.account.KeychainAccess;
import dev.latchkey.collect.live.LiveCollections;
import dev.latchkey.keychain.PassphraseSource;
import dev.latchkey.platform.Platforms;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link Dashboard} runs: which keychain it opens and how it is unlocked, the platforms it
 * talks to, its port, and the times after which it locks itself and hides a revealed secret.
 */
public final class DashboardOptions {
  /**
   * The port {@code latchkey ui} listens on unless told otherwise: fixed, so that the callback
   * addresses an app registers ({@code http://127.0.0.1:8766/oauth1/callback}) stay valid.
   */
  public static final int DEFAULT_PORT = 8766;

  private final KeychainAccess keychain;
  private final PassphraseSource presetPassphrase;
  private final String presetDescription;
  private final Platforms platforms;
  private final int port;
  private final Clock clock;
  private final SecureRandom random;
  private final Duration idleLock;
  private final Duration revealFor;
  private final Consumer<String> log;
  private final LiveCollections collections;

  private DashboardOptions(Builder b) {
    this.keychain = b.keychain;
    this.presetPassphrase = b.presetPassphrase;
    this.presetDescription = b.presetDescription;
    this.platforms = b.platforms;
    this.port = b.port;
    this.clock = b.clock;
    this.random = b.random;
    this.idleLock = b.idleLock;
    this.revealFor = b.revealFor;
    this.log = b.log;
    this.collections =
        b.collections != null ? b.collections : LiveCollections.beside(b.keychain.path());
  }

  /**
   * Starts options for the keychain {@code keychain} finds (its file, work factor, plain-text mode:
   * whatever the front end decided); the dashboard opens it with the passphrase typed on its unlock
   * page, or with the {@link Builder#presetPassphrase preset} one.
   */
  public static Builder builder(KeychainAccess keychain) {
    return new Builder(keychain);
  }

  /** The keychain and how it is opened. */
  public KeychainAccess keychain() {
    return keychain;
  }

  /** The keychain file, to show and to tell whether one exists yet. */
  public Path keychainFile() {
    return keychain.path();
  }

  /**
   * A passphrase that needs no typing (a file, the environment, the keyring, an agent), or null.
   */
  public PassphraseSource presetPassphrase() {
    return presetPassphrase;
  }

  /** Where the preset passphrase comes from, in words ({@code LATCHKEY_PASSPHRASE_FILE}). */
  public String presetDescription() {
    return presetDescription;
  }

  public Platforms platforms() {
    return platforms;
  }

  public int port() {
    return port;
  }

  public Clock clock() {
    return clock;
  }

  public SecureRandom random() {
    return random;
  }

  /** How long without a request before the dashboard forgets the unlocked keychain. */
  public Duration idleLock() {
    return idleLock;
  }

  /** How long a revealed secret stays on the page. */
  public Duration revealFor() {
    return revealFor;
  }

  /** Where one line per request goes ({@code GET /accounts -> 200}); never a query or a body. */
  public Consumer<String> log() {
    return log;
  }

  /**
   * Where the collections it shows are recorded: by default beside the keychain, where {@code
   * latchkey collect} records them.
   */
  public LiveCollections collections() {
    return collections;
  }

  /** Builds {@link DashboardOptions}. */
  public static final class Builder {
    private final KeychainAccess keychain;
    private PassphraseSource presetPassphrase;
    private String presetDescription;
    private Platforms platforms = Platforms.builtIn();
    private int port = DEFAULT_PORT;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private Duration idleLock = Duration.ofMinutes(15);
    private Duration revealFor = Duration.ofSeconds(30);
    private Consumer<String> log = line -> {};
    private LiveCollections collections;

    private Builder(KeychainAccess keychain) {
      this.keychain = Objects.requireNonNull(keychain, "keychain");
    }

    /** A passphrase that needs no typing, and where it comes from (shown on the unlock page). */
    public Builder presetPassphrase(PassphraseSource source, String description) {
      this.presetPassphrase = source;
      this.presetDescription = source == null ? null : Objects.requireNonNull(description);
      return this;
    }

    public Builder platforms(Platforms platforms) {
      this.platforms = Objects.requireNonNull(platforms, "platforms");
      return this;
    }

    /** The port on 127.0.0.1; 0 picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
      }
      this.port = port;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    public Builder idleLock(Duration idleLock) {
      if (idleLock.isNegative() || idleLock.isZero()) {
        throw new IllegalArgumentException("the idle lock must be longer than zero");
      }
      this.idleLock = idleLock;
      return this;
    }

    public Builder revealFor(Duration revealFor) {
      if (revealFor.isNegative() || revealFor.isZero()) {
        throw new IllegalArgumentException("a revealed secret must show for longer than zero");
      }
      this.revealFor = revealFor;
      return this;
    }

    public Builder log(Consumer<String> log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    /** The directory of collections to show (default: beside the keychain). */
    public Builder collections(LiveCollections collections) {
      this.collections = Objects.requireNonNull(collections, "collections");
      return this;
    }

    public DashboardOptions build() {
      return new DashboardOptions(this);
    }
  }
}
