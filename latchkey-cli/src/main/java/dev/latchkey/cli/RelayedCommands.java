package dev.latchkey.cli;

import dev.latchkey.account.KeychainAccess;
import dev.latchkey.keychain.AgentRelay;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.PassphraseSources;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Which commands the agent of {@code latchkey unlock} runs for a new {@code latchkey} process
 * ({@link AgentRelay}), and the process's side of it. This runs before anything else in {@code
 * main}, so it loads nothing of the command line's: no picocli, no Jackson databind, no HTTP.
 *
 * <p>Relayed are the commands that read nothing but their arguments and the keychain and print a
 * bounded answer: {@code api}, {@code status}, {@code token}, {@code keys list} and {@code keys
 * show}. Not relayed: anything that reads standard input, prompts, names files (a relative path
 * would mean the agent's directory), shows a progress display, or runs for long; and any command
 * line with {@code --keychain}, {@code --insecure-storage}, help or version options, or with {@code
 * LATCHKEY_JAVA_OPTS} set. Those run in their own process as before.
 */
final class RelayedCommands {
  /** The relayed commands, each as the words that name it. */
  static final List<List<String>> COMMANDS =
      List.of(
          List.of("api"),
          List.of("status"),
          List.of("token"),
          List.of("keys", "list"),
          List.of("keys", "show"));

  private static final Set<String> NEVER =
      Set.of("--keychain", "--insecure-storage", "-h", "--help", "-V", "--version");

  /** Variables the agent never needs and so never gets: it holds the keychain unlocked. */
  private static final Set<String> PASSPHRASES =
      Set.of(
          PassphraseSources.PASSPHRASE_ENV,
          PassphraseSources.PASSPHRASE_FILE_ENV,
          KeychainAccess.NEW_PASSPHRASE_FILE);

  /**
   * JVM options for this command ({@code ./latchkey} passes them to its JVM), a trust store say,
   * which the agent's JVM does not have: such a command runs here.
   */
  static final String JAVA_OPTIONS = "LATCHKEY_JAVA_OPTS";

  private RelayedCommands() {}

  private static boolean set(Map<String, String> environment, String name) {
    String value = environment.get(name);
    return value != null && !value.isBlank();
  }

  /** Whether the agent may run this command line for a client. */
  static boolean relayable(List<String> args) {
    if (COMMANDS.stream()
        .noneMatch(c -> args.size() >= c.size() && args.subList(0, c.size()).equals(c))) {
      return false;
    }
    for (String a : args) {
      int eq = a.indexOf('=');
      if (NEVER.contains(eq < 0 ? a : a.substring(0, eq))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Runs the command in the agent when one holds the environment's keychain and takes it; its exit
   * code, else empty (then run it here).
   */
  static OptionalInt runInAgent(
      String[] args, Map<String, String> environment, OutputStream out, OutputStream err)
      throws IOException {
    if (set(environment, KeychainAccess.NO_AGENT)
        || set(environment, JAVA_OPTIONS)
        || !relayable(List.of(args))) {
      return OptionalInt.empty();
    }
    Map<String, String> sent = new HashMap<>(environment);
    sent.keySet().removeAll(PASSPHRASES);
    return AgentRelay.run(
        Keychain.defaultLocation(environment),
        sent,
        List.of(args),
        Charset.defaultCharset(),
        out,
        err);
  }
}
