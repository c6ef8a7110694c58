package dev.latchkey.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.keychain.KeychainAgent.CommandRunner;
import dev.latchkey.keychain.KeychainAgent.RelayedCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent runs commands for clients on its real Unix socket ({@link AgentRelay}), and whenever it
 * does not, the client hears so before anything was printed and runs the command itself.
 */
class AgentRelayTest {
  @TempDir Path home;
  @TempDir Path runtime;
  private Thread agent;
  private final List<RelayedCommand> ran = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** Echoes its arguments and one variable, and exits with the number its second argument says. */
  private final CommandRunner echo =
      new CommandRunner() {
        @Override
        public boolean accepts(RelayedCommand command) {
          return command.args().get(0).equals("echo");
        }

        @Override
        public int run(RelayedCommand command, OutputStream o, OutputStream e) {
          ran.add(command);
          try {
            o.write(String.join(" ", command.args()).getBytes(StandardCharsets.UTF_8));
            e.write(
                ("GREETING=" + command.environment().get("GREETING"))
                    .getBytes(StandardCharsets.UTF_8));
            if (command.args().size() > 2) {
              byte[] big = new byte[Integer.parseInt(command.args().get(2))];
              java.util.Arrays.fill(big, (byte) 'z');
              o.write(big);
            }
          } catch (IOException x) {
            throw new java.io.UncheckedIOException(x);
          }
          return Integer.parseInt(command.args().get(1));
        }
      };

  /** What a test runner does with the command's standard output; its exit code. */
  private interface Body {
    int run(OutputStream out) throws IOException;
  }

  /** A runner that takes every command and runs {@code body} for it. */
  private static CommandRunner takingEverything(Body body) {
    return new CommandRunner() {
      @Override
      public boolean accepts(RelayedCommand command) {
        return true;
      }

      @Override
      public int run(RelayedCommand command, OutputStream o, OutputStream e) {
        try {
          return body.run(o);
        } catch (IOException x) {
          throw new java.io.UncheckedIOException(x);
        }
      }
    };
  }

  private KeychainOptions options() {
    return KeychainOptions.builder(
            home.resolve("keychain.age"), PassphraseSource.of("pw".toCharArray()))
        .weakWorkFactorForTesting(8)
        .build();
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("XDG_RUNTIME_DIR", runtime.toString());
    env.put("LATCHKEY_HOME", home.toString());
    env.put("GREETING", "hello");
    return env;
  }

  @BeforeEach
  void keychain() throws Exception {
    try (Keychain k = Keychain.open(options())) {
      k.add(Account.empty(new AccountId("twitter", "alice")).withLabel("a"));
    }
  }

  private void startAgent(CommandRunner runner) throws Exception {
    agent =
        AgentThread.start(
            Keychain.open(options()), env(), Duration.ofMinutes(1), Duration.ofHours(1), runner);
  }

  @AfterEach
  void stop() throws Exception {
    KeychainAgent.lock(home.resolve("keychain.age"), env());
    if (agent != null) {
      agent.join(5000);
    }
  }

  private OptionalInt run(Map<String, String> env, String... args) throws IOException {
    return AgentRelay.run(
        Keychain.defaultLocation(env), env, List.of(args), StandardCharsets.UTF_8, out, err);
  }

  /** Asks this keychain's agent, whatever keychain {@code env} names. */
  private OptionalInt runForThisKeychain(Map<String, String> env) throws IOException {
    return AgentRelay.run(
        home.resolve("keychain.age"), env, List.of("echo", "0"), StandardCharsets.UTF_8, out, err);
  }

  @Test
  void theAgentRunsTheCommandWithTheClientsEnvironmentAndPassesItsOutputAndExitCode()
      throws Exception {
    startAgent(echo);
    assertThat(run(env(), "echo", "7")).hasValue(7);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("echo 7");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("GREETING=hello");
    assertThat(ran).hasSize(1);
  }

  @Test
  void outputLargerThanOneFrameArrivesWhole() throws Exception {
    startAgent(echo);
    assertThat(run(env(), "echo", "0", "1000000")).hasValue(0);
    assertThat(out.size()).isEqualTo("echo 0 1000000".length() + 1_000_000);
  }

  @Test
  void aCommandTheRunnerDoesNotTakeIsDeclinedAndNotRun() throws Exception {
    startAgent(echo);
    assertThat(run(env(), "keys", "add")).isEmpty();
    assertThat(ran).isEmpty();
    assertThat(out.size() + err.size()).isZero();
  }

  @Test
  void aCommandForAnotherKeychainIsDeclined(@TempDir Path elsewhere) throws Exception {
    startAgent(echo);
    Map<String, String> env = env();
    env.put("LATCHKEY_HOME", elsewhere.toString());
    // The client asks this keychain's agent, but the command would work on another file.
    assertThat(runForThisKeychain(env)).isEmpty();
    assertThat(ran).isEmpty();
  }

  @Test
  void aRelativeHomeIsDeclinedSinceTheAgentWouldReadItFromItsOwnDirectory() throws Exception {
    startAgent(echo);
    Map<String, String> env = env();
    Path relative = Path.of("").toAbsolutePath().relativize(home);
    env.put("LATCHKEY_HOME", relative.toString());
    assertThat(runForThisKeychain(env)).isEmpty();
    assertThat(ran).isEmpty();
  }

  @Test
  void anAgentWithoutARunnerAndNoAgentAtAllBothMeanRunItYourself() throws Exception {
    assertThat(run(env(), "echo", "0")).isEmpty();
    startAgent(null);
    assertThat(run(env(), "echo", "0")).isEmpty();
    assertThat(out.size() + err.size()).isZero();
  }

  @Test
  void anAgentThatForgotDeclines() throws Exception {
    startAgent(echo);
    KeychainAgent.lock(home.resolve("keychain.age"), env());
    agent.join(5000);
    assertThat(run(env(), "echo", "0")).isEmpty();
  }

  @Test
  void aRunnerThatFailsEndsTheCommandWithExitCode1AndOneLine() throws Exception {
    startAgent(
        takingEverything(
            o -> {
              throw new IllegalStateException("secret-looking detail");
            }));
    assertThat(run(env(), "anything")).hasValue(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "latchkey: the agent could not run the command (IllegalStateException);"
                + " run it with LATCHKEY_NO_AGENT=1\n");
  }

  @Test
  void anAgentThatStopsMidCommandIsAnErrorNotASecondRun() throws Exception {
    startAgent(
        takingEverything(
            o -> {
              o.write("started".getBytes(StandardCharsets.UTF_8));
              // An interrupted thread's channel closes as it writes: the connection dies here.
              Thread.currentThread().interrupt();
              o.write("more".getBytes(StandardCharsets.UTF_8));
              return 0;
            }));
    assertThatThrownBy(() -> run(env(), "post"))
        .isInstanceOf(IOException.class)
        .hasMessage("the agent stopped while running the command");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("started");
  }

  @Test
  void aRelayedCommandShowsOnlyItsNameWhenPrinted() {
    RelayedCommand c =
        new RelayedCommand(
            List.of("api", "-d", "status=hunter2"), Map.of("TOKEN", "t0k"), StandardCharsets.UTF_8);
    assertThat(c.toString()).isEqualTo("RelayedCommand[api]").doesNotContain("hunter2", "t0k");
  }
}
