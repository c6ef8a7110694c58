package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.keychain.KeychainAgent;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxOptions;
import dev.latchkey.sandbox.SandboxPlatform;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a real agent process from {@code latchkey unlock}, {@code api}, {@code status}, {@code keys
 * list}, {@code keys show} and {@code token} run inside it and print exactly what they print when
 * run here; every other command line is left to the process that got it.
 */
class RelayedCommandsTest {
  @TempDir Path home;
  @TempDir Path runtime;
  @TempDir Path files;
  private Sandbox sandbox;
  private SandboxKeys keys;
  private Cli cli;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void unlocked() throws Exception {
    sandbox = Sandbox.start(SandboxOptions.builder().port(0).seed(5).build());
    keys = sandbox.keys(SandboxPlatform.TWITTER);
    cli = new Cli(home);
    cli.env.put("XDG_RUNTIME_DIR", runtime.toString());
    cli.env.put("LATCHKEY_SANDBOX", sandbox.baseUri().toString());
    Path json = Files.writeString(files.resolve("tw.json"), keys.twJson());
    cli.run("keys", "add", "twitter/alice", "--from-json", json.toString()).assertOk();
    cli.run("unlock", "--ttl", "5m").assertOk();
  }

  @AfterEach
  void stop() {
    Optional<KeychainAgent.Status> s = KeychainAgent.status(home.resolve("keychain.age"), cli.env);
    cli.run("lock");
    s.flatMap(status -> ProcessHandle.of(status.pid())).ifPresent(ProcessHandle::destroy);
    sandbox.close();
    String printed = cli.transcript() + text(out) + text(err);
    for (String secret :
        new String[] {keys.consumerSecret(), keys.accessToken(), keys.accessTokenSecret()}) {
      assertThat(printed).doesNotContain(secret);
    }
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private OptionalInt relay(Map<String, String> env, String... args) throws Exception {
    out.reset();
    err.reset();
    return RelayedCommands.runInAgent(args, env, out, err);
  }

  @Test
  void apiRunsInTheAgentAndPrintsWhatItPrintsHere() throws Exception {
    String[] call = {"api", "/1.1/account/verify_credentials.json"};
    assertThat(relay(cli.env, call)).hasValue(ExitCode.OK);
    Cli.Result here = cli.run(call).assertOk();
    assertThat(text(out)).isEqualTo(here.out()).contains("\"screen_name\"");
    assertThat(text(err)).isEqualTo(here.err());
  }

  @Test
  void aFailingCallHasTheSameLineAndExitCodeInTheAgent() throws Exception {
    String[] call = {"api", "/1.1/users/show.json", "-p", "screen_name=nobody_at_all_here"};
    Cli.Result here = cli.run(call);
    assertThat(here.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(relay(cli.env, call)).hasValue(ExitCode.FAILURE);
    assertThat(text(err)).isEqualTo(here.err()).startsWith("latchkey: ");
    String[] usage = {"api", "/1.1/account/verify_credentials.json", "--auth", "nonsense"};
    assertThat(relay(cli.env, usage)).hasValue(ExitCode.USAGE);
    assertThat(text(err)).isEqualTo(cli.run(usage).err());
  }

  @Test
  void statusAndTokenRunInTheAgentToo() throws Exception {
    assertThat(relay(cli.env, "status")).hasValue(ExitCode.OK);
    assertThat(text(out)).contains("twitter/alice");
    assertThat(relay(cli.env, "token", "twitter/alice")).isPresent();
    assertThat(text(out) + text(err)).isEqualTo(runHere("token", "twitter/alice"));
  }

  @Test
  void keysListAndShowRunInTheAgent() throws Exception {
    assertThat(relay(cli.env, "keys", "list")).hasValue(ExitCode.OK);
    assertThat(text(out)).isEqualTo(cli.run("keys", "list").out()).contains("twitter/alice");
    assertThat(relay(cli.env, "keys", "show", "twitter/alice", "--json")).hasValue(ExitCode.OK);
    assertThat(text(out)).isEqualTo(cli.run("keys", "show", "twitter/alice", "--json").out());
  }

  private String runHere(String... args) {
    Cli.Result r = cli.run(args);
    return r.out() + r.err();
  }

  @Test
  void otherCommandLinesAreLeftToTheProcessThatGotThem() throws Exception {
    assertThat(relay(cli.env, "keys", "label", "twitter/alice", "x")).isEmpty();
    assertThat(relay(cli.env, "keys")).isEmpty();
    assertThat(relay(cli.env, "api", "--help")).isEmpty();
    assertThat(
            relay(
                cli.env,
                "api",
                "/1.1/account/verify_credentials.json",
                "--keychain=" + home.resolve("keychain.age")))
        .isEmpty();
    Map<String, String> noAgent = new HashMap<>(cli.env);
    noAgent.put("LATCHKEY_NO_AGENT", "1");
    assertThat(relay(noAgent, "api", "/1.1/account/verify_credentials.json")).isEmpty();
    Map<String, String> ownJvm = new HashMap<>(cli.env);
    ownJvm.put("LATCHKEY_JAVA_OPTS", "-Djavax.net.ssl.trustStore=/somewhere");
    assertThat(relay(ownJvm, "api", "/1.1/account/verify_credentials.json")).isEmpty();
    assertThat(text(out) + text(err)).isEmpty();
  }

  @Test
  void withoutAnAgentNothingIsRelayed() throws Exception {
    cli.run("lock").assertOk();
    assertThat(relay(cli.env, "api", "/1.1/account/verify_credentials.json")).isEmpty();
  }
}
