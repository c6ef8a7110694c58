package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.collect.live.LiveCollections;
import dev.latchkey.collect.live.LiveStatus;
import dev.latchkey.sandbox.LocalPostgres;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code latchkey collect … --store postgresql://… --job NAME}, export and status (issue 11). */
class CollectSharedStoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalPostgres pg;

  @TempDir Path home;
  @TempDir Path work;
  private SandboxCli fixture;
  private Sandbox sandbox;
  private Cli cli;
  private SandboxKeys twitter;

  @BeforeAll
  static void database() {
    var why = LocalPostgres.unavailable();
    assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));
    pg = LocalPostgres.start();
  }

  @AfterAll
  static void stopDatabase() {
    if (pg != null) {
      pg.close();
    }
  }

  @BeforeEach
  void start() {
    fixture = new SandboxCli(home, 11).neverPrinting(pg.password());
    sandbox = fixture.sandbox;
    cli = fixture.cli;
    twitter = fixture.twitter;
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private String user(int i) {
    return sandbox.users(SandboxPlatform.TWITTER).get(i).screenName();
  }

  /** The store URL with the password in it, as a user may type it. */
  private String urlWithPassword(String schema) {
    return pg.url().replace("latchkey@", "latchkey:" + pg.password() + "@") + "?schema=" + schema;
  }

  @Test
  void aJobInASharedStoreIsCollectedShownAndExported() throws Exception {
    String url = urlWithPassword("cli1");
    cli.run("collect", "timeline", user(1), user(2), "--limit", "30", "--store", url, "--job", "j1")
        .assertOk();

    Cli.Result status = cli.run("collect", "status", "--store", url, "--job", "j1").assertOk();
    assertThat(status.out())
        .contains("job j1 in latchkey@127.0.0.1:" + pg.port() + "/latchkey?schema=cli1")
        .contains("latchkey collect timeline " + user(1) + " " + user(2) + " --limit 30")
        .contains("tasks     2 of 2 done, 0 running, 0 failed, 0 left (complete)")
        .contains("records   60 tweets")
        .contains("limit     twitter/ada user /2/users/:id/tweets:");
    // The dashboard's Collections page names the job and database, never the password.
    LiveStatus live =
        LiveCollections.beside(home.resolve("keychain.age")).list().stream()
            .filter(l -> l.store() != null)
            .findFirst()
            .orElseThrow();
    assertThat(live.store())
        .isEqualTo("job j1 in latchkey@127.0.0.1:" + pg.port() + "/latchkey?schema=cli1");
    assertThat(live.toString()).doesNotContain(pg.password());

    Path out = work.resolve("j1.jsonl");
    cli.run("collect", "export", "--store", url, "--job", "j1", "--output", out.toString())
        .assertOk();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(60);
    assertThat(JSON.readTree(lines.get(0)).get("__latchkey").get("account").asText())
        .isEqualTo("twitter/ada");

    Cli.Result pages =
        cli.run("collect", "export", "--store", url, "--job", "j1", "--format", "pages").assertOk();
    assertThat(pages.out().lines().toList())
        .hasSize(2)
        .allSatisfy(l -> assertThat(JSON.readTree(l).has("__twarc")).isTrue());
  }

  @Test
  void theStoreMayComeFromTheEnvironmentWithThePasswordFromPgPassword() {
    cli.env.put("LATCHKEY_STORE", pg.url() + "?schema=cli2");
    cli.env.put("PGPASSWORD", pg.password());
    cli.run("collect", "timeline", user(1), "--limit", "5", "--job", "env-job", "--quiet")
        .assertOk();
    assertThat(cli.run("collect", "export", "--job", "env-job").assertOk().out().lines())
        .hasSize(5);
  }

  @Test
  void storeOptionsThatDoNotFitAreUsageErrorsWithTheFix() {
    String url = urlWithPassword("cli3");
    cli.run("collect", "timeline", "ada", "--job", "x")
        .assertUsage("--job names a job in a shared store: add --store");
    cli.run("collect", "timeline", "ada", "--store", url)
        .assertUsage("--store names a shared store: add --job NAME");
    cli.run("collect", "timeline", "ada", "--store", url, "--job", "x", "-o", "f.jsonl")
        .assertUsage("drop --output and --format");
    cli.run("collect", "timeline", "ada", "--store", url, "--job", "no spaces")
        .assertUsage("--job takes a name of letters");
    cli.run(
            "collect",
            "timeline",
            "ada",
            "--store",
            "mysql://u:" + pg.password() + "@h/db",
            "--job",
            "x")
        .assertUsage("--store takes postgresql://");
    cli.run("collect", "export", "--store", url, "--job", "never-made")
        .assertFailure("there is no job never-made");
  }

  @Test
  void aWrongPasswordIsRefusedWithTheFix() {
    cli.run(
            "collect",
            "timeline",
            user(1),
            "--store",
            pg.url().replace("latchkey@", "latchkey:not-it@"),
            "--job",
            "x")
        .assertFailure("refused the login");
  }
}
