package dev.latchkey.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How to start a {@link Sandbox}: port, seed for the deterministic data and keys, OAuth 1.0a
 * timestamp window (RFC 5849 §3.3), access-token lifetime for OAuth 2, the clock and the source of
 * randomness for tokens issued at run time.
 */
public final class SandboxOptions {
  private final int port;
  private final long seed;
  private final Duration timestampWindow;
  private final Duration accessTokenLifetime;
  private final Clock clock;
  private final RandomGenerator random;

  private SandboxOptions(Builder b) {
    this.port = b.port;
    this.seed = b.seed;
    this.timestampWindow = b.timestampWindow;
    this.accessTokenLifetime = b.accessTokenLifetime;
    this.clock = b.clock;
    this.random = b.random == null ? new SecureRandom() : b.random;
  }

  /** Options with every default: a free port, seed 0, a 300 s window, the system clock. */
  public static SandboxOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The port to bind on 127.0.0.1; 0 picks a free one. */
  public int port() {
    return port;
  }

  /** The seed of users, apps, pre-registered keys and synthetic posts. */
  public long seed() {
    return seed;
  }

  /** How far {@code oauth_timestamp} may be from the clock before code 135. */
  public Duration timestampWindow() {
    return timestampWindow;
  }

  /** How long an OAuth 2 access token lives (X: 7200 s). */
  public Duration accessTokenLifetime() {
    return accessTokenLifetime;
  }

  /** The clock used for timestamps, rate-limit windows and {@code created_at}. */
  public Clock clock() {
    return clock;
  }

  /** The source of request tokens, verifiers and access tokens issued at run time. */
  public RandomGenerator random() {
    return random;
  }

  /** Builds {@link SandboxOptions}; every setter validates its argument. */
  public static final class Builder {
    private int port;
    private long seed;
    private Duration timestampWindow = Duration.ofSeconds(300);
    private Duration accessTokenLifetime = Duration.ofSeconds(7200);
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random;

    private Builder() {}

    /** The port, 0 (a free port) to 65535. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is out of range; use 0 to 65535");
      }
      this.port = port;
      return this;
    }

    /** The seed of the deterministic data. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The OAuth 1.0a timestamp window; at least one second. */
    public Builder timestampWindow(Duration window) {
      Objects.requireNonNull(window, "window");
      if (window.toSeconds() < 1) {
        throw new IllegalArgumentException("timestamp window must be at least 1 second");
      }
      this.timestampWindow = window;
      return this;
    }

    /** The OAuth 2 access-token lifetime; at least one second. */
    public Builder accessTokenLifetime(Duration lifetime) {
      Objects.requireNonNull(lifetime, "lifetime");
      if (lifetime.toSeconds() < 1) {
        throw new IllegalArgumentException("access-token lifetime must be at least 1 second");
      }
      this.accessTokenLifetime = lifetime;
      return this;
    }

    /** The clock; tests pass a fixed or mutable one. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The randomness for run-time tokens; default {@link SecureRandom}. */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    public SandboxOptions build() {
      return new SandboxOptions(this);
    }
  }
}
