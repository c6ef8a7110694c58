package dev.latchkey.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How to start a {@link Sandbox}: port, seed for the deterministic data and keys, OAuth 1.0a
 * timestamp window (RFC 5849 §3.3), access-token lifetime for OAuth 2, the number of seeded users,
 * the rate-limit window and per-endpoint limits, the stream keep-alive interval, the clock and the
 * source of randomness for tokens issued at run time.
 */
public final class SandboxOptions {
  private final int port;
  private final long seed;
  private final Duration timestampWindow;
  private final Duration accessTokenLifetime;
  private final Clock clock;
  private final RandomGenerator random;
  private final int users;
  private final Duration rateWindow;
  private final Map<String, Integer> rateLimits;
  private final Duration streamKeepAlive;

  /** The most users a platform can have. */
  public static final int MAX_USERS = 2_000_000;

  /** The fewest users a platform can have (the named ones and a few more). */
  public static final int MIN_USERS = 100;

  private SandboxOptions(Builder b) {
    this.port = b.port;
    this.seed = b.seed;
    this.timestampWindow = b.timestampWindow;
    this.accessTokenLifetime = b.accessTokenLifetime;
    this.clock = b.clock;
    this.random = b.random == null ? new SecureRandom() : b.random;
    this.users = b.users;
    this.rateWindow = b.rateWindow;
    this.rateLimits = Map.copyOf(b.rateLimits);
    this.streamKeepAlive = b.streamKeepAlive;
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

  /** How many users each platform has (default 200,000), generated as they are asked for. */
  public int users() {
    return users;
  }

  /**
   * The length of X's 15-minute rate-limit window (default 900 s); every documented window scales
   * with it (Tumblr's hour is four of them, the 24-hour caps 96), so tests see resets in seconds.
   */
  public Duration rateWindow() {
    return rateWindow;
  }

  /**
   * Limits per endpoint, keyed by the path as the platform's docs write it ({@code
   * /1.1/statuses/user_timeline.json}, {@code /2/users/:id/tweets}), in every context; {@code
   * tumblr/hour} and {@code tumblr/day} set Tumblr's per-key limits.
   */
  public Map<String, Integer> rateLimits() {
    return rateLimits;
  }

  /** How long a stream may stay silent before it sends a keep-alive newline (X: 20 s). */
  public Duration streamKeepAlive() {
    return streamKeepAlive;
  }

  /** Builds {@link SandboxOptions}; every setter validates its argument. */
  public static final class Builder {
    private int port;
    private long seed;
    private Duration timestampWindow = Duration.ofSeconds(300);
    private Duration accessTokenLifetime = Duration.ofSeconds(7200);
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random;
    private int users = 200_000;
    private Duration rateWindow = Duration.ofSeconds(900);
    private final Map<String, Integer> rateLimits = new LinkedHashMap<>();
    private Duration streamKeepAlive = Duration.ofSeconds(20);

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
     * Users per platform, {@value SandboxOptions#MIN_USERS} to {@value SandboxOptions#MAX_USERS}.
     */
    public Builder users(int users) {
      if (users < MIN_USERS || users > MAX_USERS) {
        throw new IllegalArgumentException(
            "users " + users + " is out of range; use " + MIN_USERS + " to " + MAX_USERS);
      }
      this.users = users;
      return this;
    }

    /** X's 15-minute window shortened or lengthened; 1 second to 1 day. */
    public Builder rateWindow(Duration window) {
      Objects.requireNonNull(window, "window");
      if (window.toSeconds() < 1 || window.toSeconds() > 86_400) {
        throw new IllegalArgumentException(
            "rate window " + window.toSeconds() + " s is out of range; use 1 to 86400 seconds");
      }
      this.rateWindow = window;
      return this;
    }

    /**
     * Sets an endpoint's limit per window in every context, for the path as the platform's docs
     * write it ({@code /2/users/:id/tweets}); {@code tumblr/hour} and {@code tumblr/day} for
     * Tumblr. An unknown path is refused when the sandbox starts.
     */
    public Builder rateLimit(String path, int requests) {
      Objects.requireNonNull(path, "path");
      if (requests < 0 || requests > 10_000_000) {
        throw new IllegalArgumentException(
            "rate limit " + requests + " for " + path + " is out of range; use 0 to 10000000");
      }
      if (path.isEmpty() || path.length() > 200) {
        throw new IllegalArgumentException("rate-limit path must be 1 to 200 characters");
      }
      this.rateLimits.put(path, requests);
      return this;
    }

    /** The keep-alive interval of streams; at least 100 ms. */
    public Builder streamKeepAlive(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.toMillis() < 100) {
        throw new IllegalArgumentException("stream keep-alive must be at least 100 ms");
      }
      this.streamKeepAlive = interval;
      return this;
    }

    public SandboxOptions build() {
      return new SandboxOptions(this);
    }
  }
}
