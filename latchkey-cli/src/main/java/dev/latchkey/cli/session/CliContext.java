package dev.latchkey.cli.session;

import dev.latchkey.account.Keyring;
import dev.latchkey.cli.keyring.SystemKeyring;
import dev.latchkey.cli.terminal.Terminal;
import dev.latchkey.http.ApiClient;
import dev.latchkey.platform.Platforms;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a command takes from the world outside its arguments: the environment, the terminal,
 * the clock and the OS keyring. Commands never call {@code System.getenv()} or {@code System.in}
 * themselves, so tests hand them their own.
 *
 * @param environment the environment variables
 * @param terminal where typed input comes from
 * @param clock the time source
 * @param keyring the OS keyring, called only through a time limit
 * @param keyringTimeout how long one keyring call may take before it is given up (3 s)
 * @param http the HTTP client every call to a platform goes through, built at its first use (a
 *     command that calls no platform never builds one)
 */
public record CliContext(
    Map<String, String> environment,
    Terminal terminal,
    Clock clock,
    Keyring keyring,
    Duration keyringTimeout,
    Http http) {

  public CliContext {
    environment = Map.copyOf(environment);
    Objects.requireNonNull(terminal);
    Objects.requireNonNull(clock);
    Objects.requireNonNull(keyring);
    Objects.requireNonNull(keyringTimeout);
    Objects.requireNonNull(http);
  }

  /** The real process: its console, standard input, system clock and OS keyring. */
  public static CliContext system(Map<String, String> environment) {
    return new CliContext(
        environment,
        Terminal.system(),
        Clock.systemUTC(),
        new SystemKeyring(),
        dev.latchkey.account.KeychainAccess.KEYRING_TIMEOUT,
        new Http(null));
  }

  /** For tests: the given environment, input read from {@code in}, and the given keyring. */
  public static CliContext of(Map<String, String> environment, InputStream in, Keyring keyring) {
    return new CliContext(
        environment,
        Terminal.of(in),
        Clock.systemUTC(),
        keyring,
        dev.latchkey.account.KeychainAccess.KEYRING_TIMEOUT,
        new Http(null));
  }

  /** The same world with another keyring time limit. */
  public CliContext withKeyringTimeout(Duration timeout) {
    return new CliContext(environment, terminal, clock, keyring, timeout, http);
  }

  /** The same world with another terminal (the demo types into the commands it runs). */
  public CliContext withTerminal(Terminal other) {
    return new CliContext(environment, other, clock, keyring, keyringTimeout, http);
  }

  /** The same world with other environment variables. */
  public CliContext withEnvironment(Map<String, String> other) {
    return new CliContext(other, terminal, clock, keyring, keyringTimeout, http);
  }

  /** The same world with another HTTP client (the demo's, which can show every exchange). */
  public CliContext withHttp(HttpClient other) {
    return new CliContext(environment, terminal, clock, keyring, keyringTimeout, new Http(other));
  }

  /**
   * The HTTP client, built when first asked for: building the JDK's client starts a thread and, for
   * TLS, loads the trust store, which a command like {@code keys list} should not pay for, and a
   * command talking only to plain-http hosts (the sandbox) never needs.
   */
  public static final class Http {
    private final HttpClient given;
    private HttpClient built;

    Http(HttpClient given) {
      this.given = given;
    }

    /** The client for these platforms' hosts (without a trust store when all are plain http). */
    public synchronized HttpClient forPlatforms(Platforms platforms) {
      if (given != null) {
        return given;
      }
      if (built == null) {
        built = ApiClient.newHttpClient(platforms);
      }
      return built;
    }

    /** The client for any host. */
    public synchronized HttpClient any() {
      if (given != null) {
        return given;
      }
      if (built == null) {
        built = ApiClient.newHttpClient();
      }
      return built;
    }
  }

  /** The variable's value, or null when unset or empty. */
  public String env(String name) {
    String value = environment.get(name);
    return value == null || value.isEmpty() ? null : value;
  }
}
