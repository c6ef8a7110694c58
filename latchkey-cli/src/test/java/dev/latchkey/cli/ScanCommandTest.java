package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxOptions;
import dev.latchkey.sandbox.SandboxPlatform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code latchkey scan}: files, git history, the pre-commit hook; nothing secret printed. */
class ScanCommandTest {
  @TempDir Path home;
  @TempDir Path work;
  private Cli cli;

  @BeforeEach
  void keychain() throws IOException {
    cli = new Cli(home);
    Secrets.addAlice(cli, home);
  }

  private void assertNothingSecretPrinted() {
    for (String s : Secrets.ALL) {
      assertThat(cli.transcript()).doesNotContain(s);
    }
  }

  @Test
  void aPlantedSecretIsReportedWithFileLineAndAccountAndExits1() throws IOException {
    Files.writeString(work.resolve("clean.txt"), "nothing here\n");
    Files.writeString(
        work.resolve("config.py"), "import os\n\nSECRET = '" + Secrets.TOKEN_SECRET + "'\n");
    Cli.Result r = cli.run("scan", work.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.out())
        .isEqualTo(
            work.resolve("config.py") + ":3: twitter/alice access token secret (raw, atsS…)\n");
    assertThat(r.err())
        .contains("found 1 secret in 1 place")
        .contains("latchkey rotate twitter/alice");
    assertNothingSecretPrinted();
  }

  @Test
  void aSecretInBase64IsFound() throws IOException {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (Secrets.CONSUMER_KEY + ":" + Secrets.CONSUMER_SECRET)
                    .getBytes(StandardCharsets.UTF_8));
    Files.writeString(work.resolve("request.http"), "Authorization: Basic " + basic + "\n");
    Cli.Result r = cli.run("scan", work.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.out())
        .contains("twitter/alice consumer key (Base64")
        .contains("twitter/alice consumer secret (Base64");
    assertNothingSecretPrinted();
  }

  @Test
  void gitHistoryFindsADeletedFileAndAStash() throws Exception {
    Assumptions.assumeTrue(GitRepo.available(), "git is not installed; skipping the history scan");
    GitRepo git = new GitRepo(work);
    git.run("init", "-q", "-b", "main");
    Files.writeString(work.resolve("README"), "hello\n");
    git.commitAll("first");
    Secrets.twJson(work);
    git.commitAll("keys, oops");
    Files.delete(work.resolve("tw.json"));
    git.commitAll("remove the keys");
    Files.writeString(work.resolve("README"), "hello\nbearer " + Secrets.CONSUMER_SECRET + "\n");
    git.run("stash", "-q");

    Cli.Result files = cli.run("scan", work.toString());
    assertThat(files.exitCode()).as(files.err()).isEqualTo(ExitCode.OK);

    Cli.Result history = cli.run("scan", "--git", work.toString());
    assertThat(history.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(history.out())
        .contains(": tw.json:2: twitter/alice consumer key (raw")
        .contains(": tw.json:6: twitter/alice bearer token (raw")
        .containsPattern(
            "@[0-9a-f]{12} \\(stash@\\{0\\}\\): README:2: twitter/alice consumer secret");
    Cli.Result json = cli.run("scan", "--git", "--json", work.toString());
    assertThat(json.out()).contains("\"commit\"").contains("\"holders\"");
    assertThat(Files.readString(home.resolve("keychain.age.scan-findings.json")))
        .contains("twitter/alice");
    assertNothingSecretPrinted();
  }

  @Test
  void noFalseHitOnTheSandboxsExampleValues() throws Exception {
    // The keychain holds a sandbox app's keys (seed 0); the files hold what the sandbox and the
    // project publish: its other seeds' users, timelines and blogs, and the READMEs' examples.
    try (Sandbox zero = Sandbox.start(SandboxOptions.builder().port(0).seed(0).build());
        Sandbox one = Sandbox.start(SandboxOptions.builder().port(0).seed(1).build())) {
      SandboxKeys keys = zero.keys(SandboxPlatform.TWITTER);
      Path json = work.resolve("zero.json");
      Files.writeString(
          json,
          "{\"consumer_key\":\""
              + keys.consumerKey()
              + "\",\"consumer_secret\":\""
              + keys.consumerSecret()
              + "\",\"access_token\":\""
              + keys.accessToken()
              + "\",\"access_token_secret\":\""
              + keys.accessTokenSecret()
              + "\"}");
      cli.run("keys", "add", "--no-verify", "twitter/sandbox", "--from-json", json.toString())
          .assertOk();
      Files.delete(json);
      Path examples = Files.createDirectory(work.resolve("examples"));
      for (Sandbox s : List.of(zero, one)) {
        for (String page :
            List.of(
                "/sandbox/",
                "/twitter/1.1/users/show.json?screen_name=ada_sandbox",
                "/tumblr/v2/blog/ada-sandbox/info")) {
          Files.writeString(
              examples.resolve(s.baseUri().getPort() + page.replaceAll("[^a-z0-9]", "_")),
              get(s.baseUri().resolve(page)));
        }
      }
      Path repo = Path.of("").toAbsolutePath().getParent();
      Files.copy(repo.resolve("README.md"), examples.resolve("README.md"));
      Files.copy(repo.resolve("latchkey-sandbox/README.md"), examples.resolve("sandbox-README.md"));
      Cli.Result r = cli.run("scan", examples.toString());
      assertThat(r.out()).isEmpty();
      assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    }
  }

  private static String get(URI uri) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void theHookRefusesACommitCarryingASecretAndKeepsNoSecret() throws Exception {
    Assumptions.assumeTrue(GitRepo.available(), "git is not installed; skipping the hook");
    GitRepo git = new GitRepo(work);
    git.run("init", "-q", "-b", "main");
    Cli.Result installed = cli.run("scan", "--install-hook", work.toString());
    installed.assertOk();
    Path hook = work.resolve(".git/hooks/pre-commit");
    Path digests = work.resolve(".git/latchkey/scan-digests.json");
    assertThat(hook).isExecutable();
    assertThat(digests).exists();
    assertThat(Files.getPosixFilePermissions(digests))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    String kept = Files.readString(hook) + Files.readString(digests);
    for (String s : Secrets.ALL) {
      assertThat(kept).doesNotContain(s);
      assertThat(kept)
          .doesNotContain(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
    }

    Files.writeString(work.resolve("ok.txt"), "fine\n");
    git.run("add", "ok.txt");
    GitRepo.Outcome ok = git.attempt("commit", "-q", "-m", "fine");
    assertThat(ok.exitCode()).as(ok.output()).isZero();

    Files.writeString(
        work.resolve(".env"), "TWITTER_CONSUMER_SECRET=" + Secrets.CONSUMER_SECRET + "\n");
    git.run("add", ".env");
    GitRepo.Outcome refused = git.attempt("commit", "-q", "-m", "oops");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.output())
        .contains(".env (staged):1: twitter/alice consumer secret")
        .doesNotContain("not in the keychain")
        .contains("--no-verify")
        .doesNotContain(Secrets.CONSUMER_SECRET);
    assertThat(git.output("log", "--oneline")).doesNotContain("oops");

    // Without the keychain or a passphrase the hook still works: it only needs its digests.
    Files.writeString(work.resolve(".env"), "X_BEARER=" + Secrets.BEARER + "\n");
    git.run("add", ".env");
    GitRepo.Outcome again =
        git.attemptWithout("LATCHKEY_PASSPHRASE", "commit", "-q", "-m", "again");
    assertThat(again.exitCode()).isNotZero();
    assertThat(again.output()).contains("twitter/alice bearer token");

    Cli.Result twice = cli.run("scan", "--install-hook", work.toString());
    twice.assertOk();
    Files.writeString(hook, "#!/bin/sh\necho mine\n");
    cli.run("scan", "--install-hook", work.toString()).assertFailure("--force");
    assertNothingSecretPrinted();
  }

  @Test
  void aBadSizeIsAUsageError() {
    cli.run("scan", "--max-file-size", "lots", work.toString()).assertUsage("--max-file-size");
    cli.run("scan", work.resolve("missing").toString()).assertUsage("no such file");
  }

  /** The real git, with a fixed identity and the test's latchkey environment for the hook. */
  final class GitRepo {
    record Outcome(int exitCode, String output) {}

    private final Path dir;

    GitRepo(Path dir) {
      this.dir = dir;
    }

    static boolean available() {
      try {
        return new ProcessBuilder("git", "--version").start().waitFor() == 0;
      } catch (IOException | InterruptedException e) {
        return false;
      }
    }

    void commitAll(String message) throws Exception {
      run("add", "-A");
      run("commit", "-q", "-m", message);
    }

    void run(String... args) throws Exception {
      Outcome o = attempt(args);
      if (o.exitCode() != 0) {
        throw new IOException("git " + String.join(" ", args) + ": " + o.output());
      }
    }

    String output(String... args) throws Exception {
      return attempt(args).output();
    }

    Outcome attempt(String... args) throws Exception {
      return attemptWithout(null, args);
    }

    Outcome attemptWithout(String unset, String... args) throws Exception {
      List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
      command.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().putAll(cli.env);
      if (unset != null) {
        pb.environment().remove(unset);
      }
      pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
      pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
      pb.environment().put("GIT_AUTHOR_NAME", "Test");
      pb.environment().put("GIT_AUTHOR_EMAIL", "test@example.org");
      pb.environment().put("GIT_COMMITTER_NAME", "Test");
      pb.environment().put("GIT_COMMITTER_EMAIL", "test@example.org");
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Outcome(p.waitFor(), out);
    }
  }
}
