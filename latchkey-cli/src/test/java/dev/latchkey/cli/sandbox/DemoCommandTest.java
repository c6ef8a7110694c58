package dev.latchkey.cli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.account.KeychainAccess;
import dev.latchkey.cli.Cli;
import dev.latchkey.cli.LatchkeyCommand;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainOptions;
import dev.latchkey.keychain.Secret;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxOAuth2Client;
import dev.latchkey.sandbox.SandboxPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
  private static final Pattern CREATED = Pattern.compile("created (\\S+/keychain\\.age) ");
  private static final Pattern KEPT = Pattern.compile("kept (\\S+) \\(--keep\\)");

  @TempDir Path home;

  private final List<Path> kept = new ArrayList<>();

  @AfterEach
  void deleteKeptKeychains() throws Exception {
    for (Path dir : kept) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Runs {@code latchkey demo} in-process; {@code hook} sees the started sandbox first. */
  private Cli.Result demo(Consumer<Sandbox> hook, String... args) {
    return demoSetUp(d -> d.sandboxHook = hook, args);
  }

  /** Runs {@code latchkey demo} in-process, its command set up by {@code setUp} first. */
  private Cli.Result demoSetUp(Consumer<DemoCommand> setUp, String... args) {
    Cli cli = new Cli(home);
    cli.customize =
        commandLine ->
            setUp.accept((DemoCommand) commandLine.getSubcommands().get("demo").getCommand());
    return cli.run(args);
  }

  /**
   * Every credential the sandbox handed out at start: both platforms' four keys, OAuth 2 client.
   */
  private static List<String> startKeys(Sandbox sandbox) {
    List<String> out = new ArrayList<>();
    for (SandboxPlatform p : SandboxPlatform.values()) {
      SandboxKeys k = sandbox.keys(p);
      out.addAll(
          List.of(k.consumerKey(), k.consumerSecret(), k.accessToken(), k.accessTokenSecret()));
    }
    // The client id is public (RFC 6749 §2.2): it is in every authorize URL a browser opens.
    SandboxOAuth2Client client = sandbox.oauth2Client(SandboxPlatform.TWITTER);
    if (client.clientSecret() != null) {
      out.add(client.clientSecret());
    }
    return out;
  }

  @Test
  void everyStepWorksAndNoSecretReachesTheOutputNorTheKeptKeychainsNeighbours() throws Exception {
    List<String> secrets = new ArrayList<>();
    Cli.Result r = demo(s -> secrets.addAll(startKeys(s)), "demo", "--keep");

    r.assertOk();
    assertThat(r.out())
        .contains(" 1. Start the sandbox")
        .contains(" 2. Create a throwaway keychain")
        .contains(" 3. Add the apps' keys")
        .contains(" 4. Authorize a second X account with the PIN flow")
        .contains(" 5. Check every stored account")
        .contains(" 6. Read one page of a timeline")
        .contains(" 7. Read a Tumblr blog's info")
        .contains(" 8. Get an app-only bearer token")
        .contains(" 9. A secret leaks: find it and rotate the app's keys")
        .contains("10. Authorize with OAuth 2 and PKCE")
        .contains("11. Verify the OAuth 2 user token")
        .contains("12. Collect a timeline under a tight rate limit")
        .contains("13. Clean up")
        .contains("… opening the authorize page")
        .contains("… signing in as @")
        .contains("… clicking \"Authorize app\"")
        .containsPattern("… the page shows PIN \\d{7}")
        .contains("the stored token came back")
        .contains("    $ latchkey keys add twitter\n")
        .contains("    $ latchkey auth twitter --pin --no-browser\n")
        .contains("    $ latchkey status --json\n")
        .contains("x-access-level: read-write")
        .containsPattern(
            "✓ it waits for the window instead of being refused: rate limit on"
                + " /2/users/:id/tweets: resuming in 0:0\\d")
        .contains("… pressing Ctrl-C during the wait")
        .contains("exit code 130, the checkpoint kept")
        .containsPattern(
            "✓ continuing timeline \\S+ from its checkpoint \\(200 records in 2 pages\\)")
        .contains("timeline.jsonl: 300 tweets, none twice")
        .contains("✓ All 13 steps worked")
        .doesNotContain("✗");

    Matcher m = KEPT.matcher(r.out());
    assertThat(m.find()).as("kept directory in:\n%s", r.out()).isTrue();
    Path dir = Path.of(m.group(1));
    kept.add(dir);
    assertThat(Files.getPosixFilePermissions(dir))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    Path passphraseFile = dir.resolve("passphrase");
    assertThat(Files.getPosixFilePermissions(passphraseFile))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    // Every credential the demo stored, read back from the kept keychain with its passphrase.
    char[] passphrase = Files.readString(passphraseFile).strip().toCharArray();
    List<Account> accounts;
    try (Keychain keychain =
        Keychain.open(
            KeychainOptions.builder(dir.resolve(Keychain.FILE_NAME), c -> passphrase.clone())
                .weakWorkFactorForTesting(10)
                .build())) {
      accounts = keychain.accounts();
    }
    assertThat(accounts).extracting(a -> a.id().toString()).hasSize(3);
    Account second = accounts.stream().filter(a -> a.oauth2() != null).findFirst().orElseThrow();
    assertThat(second.oauth1()).isNotNull();
    assertThat(second.oauth2().scopes()).contains("offline.access", "users.read");
    assertThat(accounts.stream().filter(a -> a.bearer() != null)).hasSize(1);
    for (Account a : accounts) {
      secrets.addAll(revealAll(a));
    }
    secrets.add(new String(passphrase));

    assertThat(secrets).hasSizeGreaterThan(15);
    for (String secret : secrets) {
      assertThat(r.out()).doesNotContain(secret);
      assertThat(r.err()).doesNotContain(secret);
    }
  }

  private static List<String> revealAll(Account a) {
    List<Secret> s = new ArrayList<>();
    if (a.app() != null) {
      s.add(a.app().consumerKey());
      s.add(a.app().consumerSecret());
      s.add(a.app().clientSecret());
    }
    if (a.oauth1() != null) {
      s.add(a.oauth1().token());
      s.add(a.oauth1().tokenSecret());
    }
    if (a.bearer() != null) {
      s.add(a.bearer().token());
    }
    if (a.oauth2() != null) {
      s.add(a.oauth2().accessToken());
      s.add(a.oauth2().refreshToken());
    }
    return s.stream().filter(x -> x != null).map(Secret::reveal).toList();
  }

  @Test
  void theThrowawayKeychainIsDeletedAndTheUsersOwnHomeIsNotTouched() throws Exception {
    Cli.Result r = demo(s -> {}, "demo");

    r.assertOk();
    Matcher m = CREATED.matcher(r.out());
    assertThat(m.find()).as("created keychain in:\n%s", r.out()).isTrue();
    Path keychain = Path.of(m.group(1));
    assertThat(keychain).doesNotExist();
    assertThat(keychain.getParent()).doesNotExist();
    assertThat(keychain.getParent()).isNotEqualTo(home);
    try (Stream<Path> files = Files.list(home)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aRevokedOwnerTokenFailsTheStatusStepWithExitOneAndOneLineNamingIt() {
    Cli.Result r =
        demoSetUp(
            d ->
                d.beforeStep =
                    (step, s) -> {
                      if (step.equals("status")) {
                        s.revokeUserTokens(
                            SandboxPlatform.TWITTER,
                            s.users(SandboxPlatform.TWITTER).get(0).screenName());
                      }
                    },
            "demo");

    r.assertFailure("demo step 5 (status) failed: twitter/");
    List<String> errors = r.errors().lines().filter(l -> !l.isBlank()).toList();
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0)).contains("89");
    assertThat(r.out())
        .contains(" 4. Authorize a second X account")
        .contains(" 5. Check every stored account")
        .contains("✗ twitter/")
        .doesNotContain(" 6. Read one page of a timeline")
        .contains("    Clean up")
        .contains("deleted the keychain")
        .contains("✗ 4 of 13 steps worked; step 5 failed");
    Matcher m = CREATED.matcher(r.out());
    assertThat(m.find()).isTrue();
    assertThat(Path.of(m.group(1)).getParent()).doesNotExist();
  }

  @Test
  void verboseShowsOneStatusLinePerExchangeAndNoQueryStrings() {
    Cli.Result r = demo(s -> {}, "--verbose", "demo");

    r.assertOk();
    assertThat(r.out())
        .contains("HTTP POST /twitter/oauth/request_token -> 200")
        .contains("HTTP GET /twitter/oauth/authorize -> 200")
        .contains("HTTP POST /twitter/oauth/authorize -> 200")
        .contains("HTTP POST /twitter/oauth/access_token -> 200")
        .contains("HTTP GET /tumblr/v2/blog/")
        .contains("HTTP POST /twitter/i/oauth2/authorize -> 302")
        .contains("HTTP GET /callback -> 200")
        .contains("HTTP GET /twitter/2/users/by/username/")
        .contains("HTTP GET /twitter/2/users/me -> 200");
    assertThat(r.out().lines().filter(l -> l.contains("HTTP POST /twitter/oauth2/token")))
        .as("the app-only token is fetched once, and once more for the rotated keys")
        .hasSize(2);
    assertThat(r.out().lines().filter(l -> l.contains("      HTTP ")))
        .allSatisfy(l -> assertThat(l).doesNotContain("?"));
  }

  @Test
  void aBrokenStatusCommandFailsTheDemoAtItsStep() {
    Cli.Result r =
        demoSetUp(
            d ->
                d.commands =
                    context -> {
                      CommandLine commandLine = LatchkeyCommand.newCommandLine(context);
                      commandLine.getCommandSpec().removeSubcommand("status");
                      commandLine.addSubcommand("status", new BrokenStatus());
                      return commandLine;
                    },
            "demo");

    r.assertFailure("demo step 5 (status) failed: status is broken in this test");
    assertThat(r.out())
        .contains(" 5. Check every stored account")
        .contains("✗ status is broken in this test")
        .doesNotContain(" 6. Read one page of a timeline");
  }

  /** A {@code status} that fails the way a broken check would: one line, exit 1. */
  @CommandLine.Command(name = "status")
  static final class BrokenStatus implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--json")
    boolean json;

    @Override
    public Integer call() {
      spec.commandLine().getErr().println("latchkey: status is broken in this test");
      return 1;
    }
  }

  @Test
  void theUsersKeychainOptionsAreRefusedAsUsage() {
    Cli cli = new Cli(home);
    cli.run("--keychain", home.resolve("mine.age").toString(), "demo")
        .assertUsage("throwaway keychain of its own");
    cli.run("--insecure-storage", "demo").assertUsage("throwaway keychain of its own");
    assertThat(home.resolve("mine.age")).doesNotExist();
  }

  @Test
  void aNonNumericTestWorkFactorIsRefused() {
    Cli cli = new Cli(home);
    cli.env.put(KeychainAccess.TEST_WORK_FACTOR, "weak");
    cli.run("demo").assertFailure("must be a number like 10");
  }

  @Test
  void theDemoNeverPromptsAndIgnoresTheUsersSandboxAndPassphraseSettings() {
    Cli cli = new Cli(home);
    cli.env.put("LATCHKEY_PASSPHRASE", "");
    cli.env.put("LATCHKEY_SANDBOX", "http://127.0.0.1:9");
    Cli.Result r = cli.runWithInput("", "demo");
    r.assertOk();
    assertThat(r.err()).doesNotContain("assphrase");
  }
}
