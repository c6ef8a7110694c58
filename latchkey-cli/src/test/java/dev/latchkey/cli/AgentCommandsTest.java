package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.account.KeychainAccess;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.keychain.KeychainAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code latchkey unlock} starts a real agent process; the commands that follow use it with no
 * passphrase anywhere, write through it, and fall back to the usual unlock once it is gone.
 */
class AgentCommandsTest {
  @TempDir Path home;
  @TempDir Path runtime;
  @TempDir Path files;
  private Cli cli;

  @BeforeEach
  void keychain() throws Exception {
    cli = new Cli(home);
    cli.env.put("XDG_RUNTIME_DIR", runtime.toString());
    Secrets.addAlice(cli, files);
  }

  @AfterEach
  void stopAgent() {
    Optional<KeychainAgent.Status> s = KeychainAgent.status(home.resolve("keychain.age"), cli.env);
    cli.run("lock");
    s.flatMap(status -> ProcessHandle.of(status.pid())).ifPresent(ProcessHandle::destroy);
    for (String secret : Secrets.ALL) {
      assertThat(cli.transcript()).doesNotContain(secret);
    }
    assertThat(cli.transcript()).doesNotContain(Cli.PASSPHRASE);
  }

  private void forgetPassphrase() {
    cli.env.remove("LATCHKEY_PASSPHRASE");
    cli.env.put("LATCHKEY_NO_KEYRING", "1");
  }

  @Test
  void afterUnlockCommandsNeedNoPassphraseAndWriteThroughTheAgent() throws Exception {
    Cli.Result unlocked = cli.run("unlock", "--ttl", "5m");
    unlocked.assertOk();
    assertThat(unlocked.out())
        .startsWith("unlocked " + home.resolve("keychain.age") + " in agent pid ");
    forgetPassphrase();
    assertThat(cli.run("keys", "list").assertOk().out()).contains("twitter/alice");
    cli.runWithInput(Secrets.PROMPT_ANSWERS, "keys", "add", "--no-verify", "twitter/bob")
        .assertOk();
    cli.run("keys", "label", "twitter/bob", "added through the agent").assertOk();
    assertThat(cli.run("keys", "show", "twitter/bob").assertOk().out())
        .contains("added through the agent");
    assertThat(cli.run("unlock", "--status").assertOk().out()).startsWith("unlocked ");
    assertThat(cli.run("unlock").assertOk().out()).startsWith("already unlocked ");

    cli.run("lock").assertOk();
    // The agent is gone: the usual unlock is back, and bob was written to the file itself.
    cli.run("keys", "list").assertFailure("no passphrase");
    cli.env.put("LATCHKEY_PASSPHRASE", Cli.PASSPHRASE);
    assertThat(cli.run("keys", "show", "twitter/bob").assertOk().out())
        .contains("added through the agent");
    assertThat(cli.run("unlock", "--status").exitCode()).isEqualTo(ExitCode.FAILURE);
  }

  @Test
  void theAgentForgetsAfterItsTtl() throws Exception {
    cli.run("unlock", "--ttl", "1s").assertOk();
    forgetPassphrase();
    long end = System.nanoTime() + 10_000_000_000L;
    while (KeychainAgent.status(home.resolve("keychain.age"), cli.env).isPresent()
        && System.nanoTime() < end) {
      Thread.sleep(200);
    }
    cli.run("keys", "list").assertFailure("no passphrase");
  }

  @Test
  void aChangeMadeWithoutTheAgentMakesItForget() throws Exception {
    cli.run("unlock").assertOk();
    cli.env.put(KeychainAccess.NO_AGENT, "1"); // a writer that does not use the agent
    cli.run("keys", "label", "twitter/alice", "changed behind its back").assertOk();
    cli.env.remove(KeychainAccess.NO_AGENT);
    forgetPassphrase();
    cli.run("keys", "list").assertFailure("no passphrase");
    assertThat(KeychainAgent.status(home.resolve("keychain.age"), cli.env)).isEmpty();
  }

  @Test
  void aWrongPassphraseStartsNoAgent() {
    cli.env.put("LATCHKEY_PASSPHRASE", "not it");
    cli.run("unlock").assertFailure("passphrase");
    assertThat(KeychainAgent.status(home.resolve("keychain.age"), cli.env)).isEmpty();
    assertThat(cli.transcript()).doesNotContain("not it");
  }

  @Test
  void passwdThroughTheAgentKeepsItWorking() throws Exception {
    cli.run("unlock").assertOk();
    Path newPass = Files.writeString(files.resolve("new"), "a brand new passphrase\n");
    cli.env.put("LATCHKEY_NEW_PASSPHRASE_FILE", newPass.toString());
    cli.run("keys", "passwd").assertOk();
    forgetPassphrase();
    cli.run("keys", "list").assertOk();
    cli.run("lock").assertOk();
    cli.env.put("LATCHKEY_PASSPHRASE", "a brand new passphrase");
    cli.run("keys", "list").assertOk();
  }

  @Test
  void badDurationsAreUsageErrors() {
    cli.run("unlock", "--ttl", "forever").assertUsage("duration");
    cli.run("unlock", "--ttl", "2h", "--max-lifetime", "1h").assertUsage("--max-lifetime");
  }
}
