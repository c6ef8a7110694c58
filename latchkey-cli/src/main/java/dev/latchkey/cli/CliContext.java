package dev.latchkey.cli;

import dev.latchkey.cli.keyring.OsKeyring;
import dev.latchkey.cli.keyring.SystemKeyring;
import dev.latchkey.cli.terminal.Terminal;
import java.io.InputStream;
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
 */
public record CliContext(
    Map<String, String> environment,
    Terminal terminal,
    Clock clock,
    OsKeyring keyring,
    Duration keyringTimeout) {

  /** How long the GitHub CLI waits for a keyring, and so do we. */
  static final Duration KEYRING_TIMEOUT = Duration.ofSeconds(3);

  public CliContext {
    environment = Map.copyOf(environment);
    Objects.requireNonNull(terminal);
    Objects.requireNonNull(clock);
    Objects.requireNonNull(keyring);
    Objects.requireNonNull(keyringTimeout);
  }

  /** The real process: its console, standard input, system clock and OS keyring. */
  static CliContext system(Map<String, String> environment) {
    return new CliContext(
        environment, Terminal.system(), Clock.systemUTC(), new SystemKeyring(), KEYRING_TIMEOUT);
  }

  /** For tests: the given environment, input read from {@code in}, and the given keyring. */
  static CliContext of(Map<String, String> environment, InputStream in, OsKeyring keyring) {
    return new CliContext(
        environment, Terminal.of(in), Clock.systemUTC(), keyring, KEYRING_TIMEOUT);
  }

  CliContext withKeyringTimeout(Duration timeout) {
    return new CliContext(environment, terminal, clock, keyring, timeout);
  }

  /** The variable's value, or null when unset or empty. */
  public String env(String name) {
    String value = environment.get(name);
    return value == null || value.isEmpty() ? null : value;
  }
}
