package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.collect.CollectionListener;
import dev.latchkey.collect.Job;
import dev.latchkey.collect.JobOptions;
import dev.latchkey.collect.TaskKind;
import dev.latchkey.collect.live.LiveCollections;
import dev.latchkey.collect.live.LivePublisher;
import dev.latchkey.collect.live.LiveStatus;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxOptions;
import dev.latchkey.sandbox.SandboxPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  @TempDir Path work;
  private SandboxCli fixture;
  private Sandbox sandbox;
  private Cli cli;
  private SandboxKeys twitter;

  @BeforeEach
  void start() {
    fixture = new SandboxCli(home, 11);
    sandbox = fixture.sandbox;
    cli = fixture.cli;
    twitter = fixture.twitter;
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private String user() {
    return sandbox.users(SandboxPlatform.TWITTER).get(1).screenName();
  }

  @Test
  void aTimelineGoesToTheFileWithProgressLinesAndASummary() throws Exception {
    Path out = work.resolve("t.jsonl");

    Cli.Result r = cli.run("collect", "timeline", user(), "--output", out.toString()).assertOk();

    List<String> lines = Files.readAllLines(out);
    assertThat(lines).isNotEmpty();
    JsonNode first = JSON.readTree(lines.get(0));
    assertThat(first.get("__latchkey").get("account").asText()).isEqualTo("twitter/ada");
    assertThat(r.err())
        .contains("latchkey: starting: latchkey collect timeline " + user() + " (1 task)")
        .contains("latchkey: collected " + lines.size() + " records in ")
        .contains("1 of 1 tasks done")
        .contains("0 refused (429)")
        .contains("first request to last record ");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void withoutOutputTheRecordsGoToStandardOutput() throws Exception {
    Cli.Result r = cli.run("collect", "timeline", user(), "--limit", "12", "--quiet").assertOk();

    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(12);
    assertThat(JSON.readTree(lines.get(0)).has("__latchkey")).isTrue();
    assertThat(r.errors()).isBlank();
  }

  @Test
  void aCollectionRecordsItselfWhereTheDashboardLooks() throws Exception {
    Path out = work.resolve("live.jsonl");
    cli.run("collect", "timeline", user(), "--limit", "30", "-o", out.toString(), "--quiet")
        .assertOk();

    List<LiveStatus> listed =
        LiveCollections.beside(home.resolve(dev.latchkey.keychain.Keychain.FILE_NAME)).list();
    assertThat(listed).hasSize(1);
    LiveStatus s = listed.get(0);
    assertThat(s.job()).isEqualTo("timeline " + user() + " --limit 30");
    assertThat(s.output()).isEqualTo(out.toAbsolutePath().normalize().toString());
    assertThat(s.outcome()).isEqualTo("finished");
    assertThat(s.records()).isEqualTo(30);
    assertThat(s.running()).isFalse();
  }

  @Test
  void aDifferentCommandIntoAnExistingOutputIsRefusedAndStatusTellsWhatItHolds() throws Exception {
    Path out = work.resolve("c.jsonl");
    cli.run("collect", "timeline", user(), "--limit", "30", "-o", out.toString()).assertOk();

    cli.run("collect", "timeline", user(), "-o", out.toString())
        .assertFailure(
            "holds another collection (latchkey collect timeline " + user() + " --limit 30)");
    Cli.Result status = cli.run("collect", "status", out.toString()).assertOk();

    assertThat(status.out())
        .contains(out + ": latchkey collect timeline " + user() + " --limit 30")
        .contains("tasks     1 of 1 done (complete)")
        .contains("records   30 tweets")
        .contains("limit     twitter/ada user /2/users/:id/tweets:")
        .doesNotContain("now ");
  }

  @Test
  void statusOfAFileWhoseRunWaitsSaysWhyAndForHowLong() throws Exception {
    Path out = work.resolve("w.jsonl");
    cli.run("collect", "timeline", user(), "--limit", "5", "-o", out.toString()).assertOk();
    // A run of the same collection that waits, as it publishes itself for the dashboard.
    LivePublisher running =
        new LivePublisher(
            LiveCollections.beside(home.resolve("keychain.age")),
            out,
            1,
            Clock.systemUTC(),
            new CollectionListener() {});
    running.started(new Job(TaskKind.TIMELINE, List.of(user()), JobOptions.defaults()), 1, 1, 5);
    running.waiting("rate limit on /2/users/:id/tweets", Instant.now().plusSeconds(90));

    assertThat(cli.run("collect", "status", out.toString()).assertOk().out())
        .containsPattern(
            "  now       running in pid "
                + ProcessHandle.current().pid()
                + ", waiting for rate limit on /2/users/:id/tweets: resuming in 1:[23]\\d \\(at ");
  }

  @Test
  void badInputIsAUsageErrorWithTheFix() {
    cli.run("collect", "timeline").assertUsage("timeline needs at least one argument");
    cli.run("collect", "timeline", "ada", "--since", "last tuesday")
        .assertUsage("--since: 'last tuesday' is neither an id nor a date");
    cli.run("collect", "mentions", "ada", "--api", "1.1")
        .assertUsage("mentions of any user need API v2");
    cli.run("collect", "followers", "ada", "--since", "2024-01-01")
        .assertUsage("Unknown option: '--since'");
    cli.run("collect", "tweets", "12ab").assertUsage("'12ab' is not a tweet id");
    cli.run("collect", "timeline", "ada", "--format", "csv")
        .assertUsage("--format takes jsonl, pages or sqlite");
    cli.run("collect", "timeline", "ada", "--users-file", work.resolve("none.txt").toString())
        .assertUsage("does not exist");
    cli.run("collect", "timeline", "ada", "--account", "tumblr/x")
        .assertUsage("is a tumblr account; this command needs a twitter account");
  }

  @Test
  void usersFromAFileAreEachCollectedAndUnknownOnesBecomeErrorRecords() throws Exception {
    Path users = work.resolve("users.txt");
    Files.writeString(users, "# who\n" + user() + "\n\nno_such_user_42\n");
    Path out = work.resolve("u.jsonl");

    Cli.Result r =
        cli.run("collect", "timeline", "--users-file", users.toString(), "-o", out.toString())
            .assertOk();

    List<JsonNode> errors = new ArrayList<>();
    for (String line : Files.readAllLines(out)) {
      JsonNode n = JSON.readTree(line);
      if (n.has("error")) {
        errors.add(n.get("error"));
      }
    }
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get("target").asText()).isEqualTo("no_such_user_42");
    assertThat(r.err()).contains("error record: no_such_user_42:").contains("2 of 2 tasks done");
  }

  @Test
  void ctrlCDuringAWaitStopsCleanlyWith130AndTheCollectionResumes() throws Exception {
    try (Sandbox tight =
        Sandbox.start(
            SandboxOptions.builder()
                .rateWindow(java.time.Duration.ofSeconds(60))
                .rateLimit("/2/users/:id/tweets", 2)
                .build())) {
      Cli local = new Cli(work.resolve("home2"));
      local.env.put("LATCHKEY_SANDBOX", tight.baseUri().toString());
      SandboxKeys k = tight.keys(SandboxPlatform.TWITTER);
      local
          .runWithInput(
              String.join(
                      "\n",
                      k.consumerKey(),
                      k.consumerSecret(),
                      k.accessToken(),
                      k.accessTokenSecret())
                  + "\n",
              "auth",
              "twitter",
              "--manual",
              "--account",
              "ada")
          .assertOk();
      Path out = work.resolve("ctrl-c.jsonl");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(Main.class.getName());
      command.addAll(List.of("collect", "timeline", "brook_sandbox", "-o", out.toString()));
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.environment().putAll(local.env);
      Path err = work.resolve("ctrl-c.err");
      pb.redirectError(err.toFile()).redirectOutput(work.resolve("ctrl-c.out").toFile());
      Process p = pb.start();
      java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
      while (!Files.readString(err).contains("resuming in")) {
        assertThat(java.time.Instant.now())
            .as("no wait announced: %s", Files.readString(err))
            .isBefore(deadline);
        assertThat(p.isAlive()).as("ended early: %s", Files.readString(err)).isTrue();
        Thread.sleep(50);
      }
      new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();

      assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      String stderr = Files.readString(err);
      assertThat(p.exitValue()).as(stderr).isEqualTo(130);
      assertThat(stderr)
          .contains("rate limit on /2/users/:id/tweets: resuming in ")
          .contains("latchkey: collected 200 records in 2 pages")
          .contains("stopped; run the same command again to resume");
      assertThat(Files.readAllLines(out)).hasSize(200);
      Cli.Result status = local.run("collect", "status", out.toString()).assertOk();
      assertThat(status.out())
          .contains("0 of 1 done, 1 left")
          .contains("200 records in 2 pages so far");
    }
  }
}
