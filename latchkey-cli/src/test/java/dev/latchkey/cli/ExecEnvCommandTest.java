package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code latchkey exec} and {@code latchkey env}, with a real child process. */
class ExecEnvCommandTest {
  @TempDir Path home;
  @TempDir Path work;
  private Cli cli;

  @BeforeEach
  void keychain() throws Exception {
    cli = new Cli(home);
    Secrets.addAlice(cli, work);
  }

  @Test
  void theChildGetsTheCredentialsInItsEnvironmentOnlyAndItsExitCodeIsPassedThrough()
      throws Exception {
    String script =
        "env > env.txt; tr '\\0' ' ' < /proc/$$/cmdline > cmdline.txt;"
            + " stat -c %a \"$LATCHKEY_CREDENTIALS_FILE\" > mode.txt;"
            + " stat -c %a \"$(dirname \"$LATCHKEY_CREDENTIALS_FILE\")\" > dirmode.txt;"
            + " cp \"$LATCHKEY_CREDENTIALS_FILE\" seen.json;"
            + " echo \"$LATCHKEY_CREDENTIALS_FILE\" > path.txt; exit 7";
    Cli.Result r =
        cli.run(
            "exec",
            "twitter/alice",
            "--file",
            "tw-json",
            "--",
            "sh",
            "-c",
            "cd " + work + " && " + script);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(7);
    assertThat(r.out()).isEmpty();
    String env = Files.readString(work.resolve("env.txt"));
    assertThat(env)
        .contains("TWITTER_CONSUMER_KEY=" + Secrets.CONSUMER_KEY)
        .contains("TWITTER_ACCESS_TOKEN_SECRET=" + Secrets.TOKEN_SECRET)
        .contains("CONSUMER_KEY=" + Secrets.CONSUMER_KEY) // twarc2's
        .contains("BEARER_TOKEN=" + Secrets.BEARER)
        .contains("LATCHKEY_ACCOUNT=twitter/alice")
        .doesNotContain(Cli.PASSPHRASE); // the keychain's passphrase is not handed on
    String cmdline = Files.readString(work.resolve("cmdline.txt"));
    for (String secret : Secrets.ALL) {
      assertThat(cmdline).doesNotContain(secret);
    }
    assertThat(Files.readString(work.resolve("mode.txt")).strip()).isEqualTo("600");
    assertThat(Files.readString(work.resolve("dirmode.txt")).strip()).isEqualTo("700");
    assertThat(Files.readString(work.resolve("seen.json"))).contains(Secrets.CONSUMER_SECRET);
    Path used = Path.of(Files.readString(work.resolve("path.txt")).strip());
    assertThat(used).doesNotExist();
    assertThat(used.getParent()).doesNotExist();
    for (String secret : Secrets.ALL) {
      assertThat(cli.transcript()).doesNotContain(secret);
    }
  }

  @Test
  void namesCanBeChosenAndAdded() throws Exception {
    Cli.Result r =
        cli.run(
            "exec",
            "twitter/alice",
            "--env-names",
            "tweepy",
            "--env",
            "MY_SECRET=consumer_secret",
            "--",
            "sh",
            "-c",
            "env > " + work.resolve("env.txt"));
    r.assertOk();
    String env = Files.readString(work.resolve("env.txt"));
    assertThat(env)
        .contains("API_KEY=" + Secrets.CONSUMER_KEY)
        .contains("API_KEY_SECRET=" + Secrets.CONSUMER_SECRET)
        .contains("MY_SECRET=" + Secrets.CONSUMER_SECRET)
        .doesNotContain("TWITTER_CONSUMER_KEY");
  }

  @Test
  void aMissingProgramExits127AndAFailingOneKeepsItsCode() {
    Cli.Result missing = cli.run("exec", "twitter/alice", "--", "no-such-program-here");
    assertThat(missing.exitCode()).isEqualTo(127);
    assertThat(missing.err()).contains("no-such-program-here: command not found");
    assertThat(cli.run("exec", "twitter/alice", "--", "false").exitCode()).isEqualTo(1);
    cli.run("exec", "twitter/nobody", "--", "true").assertFailure("no account");
    cli.run("exec", "twitter/alice", "--env", "bad name=x", "--", "true").assertUsage("NAME=FIELD");
    cli.run("exec", "twitter/alice", "--env-names", "nope", "--", "true")
        .assertUsage("--env-names");
  }

  @Test
  void envPrintsTheSecretsInEachFormatAndSaysSoInItsHelp() {
    String sh = cli.run("env", "twitter/alice").assertOk().out();
    assertThat(sh)
        .contains("export TWITTER_CONSUMER_SECRET='" + Secrets.CONSUMER_SECRET + "'")
        .contains("export BEARER_TOKEN='" + Secrets.BEARER + "'");
    String dotenv = cli.run("env", "twitter/alice", "--format", "dotenv").assertOk().out();
    assertThat(dotenv).contains("TWITTER_ACCESS_TOKEN=" + Secrets.ACCESS_TOKEN + "\n");
    String json =
        cli.run("env", "twitter/alice", "--format", "json", "--env-names", "twarc")
            .assertOk()
            .out();
    assertThat(json).contains("\"CONSUMER_KEY\" : \"" + Secrets.CONSUMER_KEY + "\"");
    assertThat(json).doesNotContain("TWITTER_");
    String help = cli.run("env", "--help").assertOk().out();
    assertThat(help).contains("PRINTS SECRETS");
    assertThat(help.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    assertThat(cli.run("exec", "--help").assertOk().out().lines())
        .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
  }

  @Test
  void aFileFormatTheAccountCannotFillIsRefusedBeforeRunning() throws Exception {
    cli.runWithInput(
            Secrets.CONSUMER_KEY + "\n\n\n\n", "keys", "add", "--no-verify", "tumblr/keyonly")
        .assertOk();
    Path marker = work.resolve("ran");
    cli.run("exec", "tumblr/keyonly", "--file", "massmine", "--", "touch", marker.toString())
        .assertFailure("massmine");
    assertThat(marker).doesNotExist();
    assertThat(Files.exists(work)).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(work))).isNotEmpty();
  }
}
