package dev.latchkey.sandbox;

import dev.latchkey.sandbox.internal.faults.FaultSpec;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
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
  private final int proxyPort;
  private final Path caCertificate;
  private final String faults;

  private SandboxOptions(Builder b) {
    this.port = b.port;
    this.seed = b.seed;
    this.timestampWindow = b.timestampWindow;
    this.accessTokenLifetime = b.accessTokenLifetime;
    this.clock = b.clock;
    this.random = b.random == null ? new SecureRandom() : b.random;
    this.proxyPort = b.proxyPort;
    this.caCertificate = b.caCertificate;
    this.faults = b.faults;
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

  /** The port of the HTTPS forward proxy for the real hosts, when it runs (0: a free port). */
  public OptionalInt proxyPort() {
    return proxyPort < 0 ? OptionalInt.empty() : OptionalInt.of(proxyPort);
  }

  /** Where the proxy's CA certificate is written (PEM, mode 0644), if anywhere. */
  public Optional<Path> caCertificate() {
    return Optional.ofNullable(caCertificate);
  }

  /** The fault spec ({@code 500=0.05,reset=0.01,...}); empty for none. */
  public String faults() {
    return faults;
  }

  /** Builds {@link SandboxOptions}; every setter validates its argument. */
  public static final class Builder {
    private int port;
    private long seed;
    private Duration timestampWindow = Duration.ofSeconds(300);
    private Duration accessTokenLifetime = Duration.ofSeconds(7200);
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random;
    private int proxyPort = -1;
    private Path caCertificate;
    private String faults = "";

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

    /**
     * Also runs an HTTPS forward proxy on 127.0.0.1:{@code port} (0: a free port) that answers for
     * the real hosts ({@code api.x.com}, {@code api.tumblr.com}, …) from the sandbox, with
     * certificates from a CA made at start; every other host is refused.
     */
    public Builder proxyPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(
            "proxy port " + port + " is out of range; use 0 to 65535");
      }
      this.proxyPort = port;
      return this;
    }

    /** Writes the proxy's CA certificate (PEM) to {@code file} at start, replacing it. */
    public Builder caCertificate(Path file) {
      this.caCertificate = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * Breaks a seeded share of requests: {@code 500=0.05,503=0.02,reset=0.01,slow=0.05:2s,
     * truncate=0.01,retry-after=30,stream-disconnect=60s,seed=N} (see the sandbox README).
     *
     * @throws IllegalArgumentException naming the bad part
     */
    public Builder faults(String spec) {
      FaultSpec.parse(spec);
      this.faults = spec == null ? "" : spec.trim();
      return this;
    }

    public SandboxOptions build() {
      if (caCertificate != null && proxyPort < 0) {
        throw new IllegalArgumentException(
            "a CA certificate file is only written when the proxy runs; set a proxy port too");
      }
      return new SandboxOptions(this);
    }
  }
}
