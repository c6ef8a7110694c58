package dev.latchkey.cli;

import static dev.latchkey.cli.Secrets.PROMPT_ANSWERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.account.KeychainAccess;
import dev.latchkey.cli.session.CliContext;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainOptions;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.keychain.PassphraseSource;
import dev.latchkey.keychain.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Issue 8's command-line findings, each as it was reproduced: what a person can type, pipe or pass
 * is bounded, decoded strictly and checked where it is parsed, and every refusal is one line.
 */
class HardenedInputTest {
  @TempDir Path home;
  @TempDir Path files;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(home);
  }

  Cli.Result runWithBytes(InputStream stdin, String... args) {
    return cli.run(CliContext.of(cli.env, stdin, cli.keyring), args);
  }

  Keychain keychain() throws Exception {
    return Keychain.open(
        KeychainOptions.builder(
                home.resolve("keychain.age"), PassphraseSource.of(Cli.PASSPHRASE.toCharArray()))
            .weakWorkFactorForTesting(10)
            .build());
  }

  // Finding 5: standard input is decoded strictly.

  @Test
  void invalidUtf8PipedIntoKeysImportIsRefusedNotStoredAsReplacementCharacters() throws Exception {
    byte[] json =
        "{\"consumer_key\":\"\u0000\",\"consumer_secret\":\"s3cret-value\"}"
            .getBytes(StandardCharsets.UTF_8);
    json[17] = (byte) 0xff;

    Cli.Result r =
        runWithBytes(
            new ByteArrayInputStream(json), "keys", "import", "-", "--platform", "twitter");

    r.assertFailure("standard input");
    assertThat(r.err()).contains("is not UTF-8 text (an invalid byte at offset 17)");
    assertThat(Files.exists(home.resolve("keychain.age"))).isFalse();
  }

  @Test
  void invalidUtf8FromJsonOnStandardInputIsRefused() {
    byte[] json = "{\"consumer_key\":\"ab\",\"consumer_secret\":\"cd\"}".getBytes();
    json[18] = (byte) 0xc3; // a lead byte without its continuation
    runWithBytes(
            new ByteArrayInputStream(json),
            "keys",
            "add",
            "twitter/alice",
            "--no-verify",
            "--from-json",
            "-")
        .assertFailure("is not UTF-8 text");
  }

  @Test
  void invalidUtf8AtAPromptIsRefusedAndNothingIsStored() {
    byte[] answers = "ck\n\u0000\n".getBytes(StandardCharsets.UTF_8);
    answers[3] = (byte) 0xfe;

    Cli.Result r =
        runWithBytes(new ByteArrayInputStream(answers), "keys", "add", "twitter/a", "--no-verify");

    r.assertFailure("standard input is not UTF-8 text (an invalid byte at offset 0)");
    assertThat(Files.exists(home.resolve("keychain.age"))).isFalse();
  }

  // Finding 6: standard input is bounded while it is read.

  @Test
  void threeHundredMegabytesOnStandardInputAreRefusedAfterTheBoundWithOneLine() {
    CountingInput endless = new CountingInput(300L << 20);

    Cli.Result r = runWithBytes(endless, "keys", "import", "-", "--platform", "twitter");

    r.assertFailure("standard input is larger than 1 MiB");
    assertThat(endless.taken).isLessThan(2L << 20); // stopped at the bound, not read whole
  }

  @Test
  void anEndlessLineAtAPromptIsRefusedAfterTheBound() {
    CountingInput endless = new CountingInput(300L << 20);

    Cli.Result r = runWithBytes(endless, "auth", "twitter", "--manual", "--no-browser");

    r.assertFailure("standard input has a line longer than 64 KiB");
    assertThat(endless.taken).isLessThan(1L << 20);
  }

  @Test
  void promptsTakeOnlyTheirLinesSoTheRestOfStandardInputIsStillThere() {
    cli.runWithInput(PROMPT_ANSWERS + "\n", "keys", "add", "twitter/a", "--no-verify").assertOk();
    assertThat(cli.run("keys", "show", "twitter/a").out()).contains("access token");
  }

  @Test
  void keysPasswdNamesTheVariableThatNamedTheNewPassphraseFile() {
    cli.run("keys", "add", "twitter/a", "--no-verify", "--from-json", twJson()).assertOk();
    cli.env.put(KeychainAccess.NEW_PASSPHRASE_FILE, files.resolve("missing").toString());

    Cli.Result r = cli.run("keys", "passwd");

    r.assertFailure("check LATCHKEY_NEW_PASSPHRASE_FILE or the path given");
    assertThat(r.err()).doesNotContain("LATCHKEY_PASSPHRASE_FILE ");
  }

  @Test
  void runningOutOfMemoryIsOneLineWithExitCode1() {
    @Command(name = "greedy")
    class Greedy implements Callable<Integer> {
      @Override
      public Integer call() {
        throw new OutOfMemoryError("Java heap space");
      }
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = Main.run(new CommandLine(new Greedy()), new String[0], new PrintStream(err, true));

    assertThat(code).isEqualTo(ExitCode.FAILURE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "latchkey: ran out of memory; give Java more with LATCHKEY_JAVA_OPTS=-Xmx1g (or more)\n");
  }

  // Finding 8: option values are checked where they are parsed.

  @Test
  void aPortOutsideZeroTo65535IsAUsageErrorForEveryPortOption() {
    cli.run("auth", "twitter", "--oauth2", "--port", "99999")
        .assertUsage("'99999' is not a port: give a number from 0 to 65535");
    cli.run("auth", "twitter", "--callback", "--port", "-1").assertUsage("'-1' is not a port");
    cli.run("ui", "--port", "65536").assertUsage("'65536' is not a port");
    cli.run("sandbox", "--port", "70000").assertUsage("'70000' is not a port");
    cli.run("sandbox", "--proxy-port", "x1", "--ca-cert", "ca.pem")
        .assertUsage("'x1' is not a port");
  }

  @Test
  void aTimeoutBelowOneSecondIsAUsageError() {
    cli.run("auth", "twitter", "--oauth2", "--timeout", "-1")
        .assertUsage("'-1' is not a time limit: give whole seconds from 1 to 86400");
    cli.run("auth", "twitter", "--callback", "--timeout", "0").assertUsage("'0' is not a time");
  }

  @Test
  void anUnknownPlatformIsRefusedNamingTheConfiguredOnes() throws Exception {
    cli.runWithInput(PROMPT_ANSWERS, "keys", "add", "myspace/x", "--no-verify")
        .assertUsage("unknown platform 'myspace'; choose one of twitter, tumblr");
    assertThat(Files.exists(home.resolve("keychain.age"))).isFalse();

    cli.runWithInput(
            Secrets.TW_JSON, "keys", "import", "-", "--platform", "myspace", "--format", "tw-json")
        .assertUsage("unknown platform 'myspace'; choose one of twitter, tumblr");

    cli.run("keys", "add", "twitter/a", "--no-verify", "--from-json", twJson()).assertOk();
    cli.run("keys", "rename", "twitter/a", "myspace/a")
        .assertUsage("unknown platform 'myspace'; choose one of twitter, tumblr");
    assertThat(cli.run("keys", "list").out()).contains("twitter/a");
  }

  @Test
  void labelsWithControlCharactersAreRefused() {
    cli.runWithInput(
            PROMPT_ANSWERS, "keys", "add", "twitter/a", "--no-verify", "--label", "evil\u001b[2Jx")
        .assertUsage("the label 'evil\\u001B[2Jx' holds a control character");
    assertThat(Files.exists(home.resolve("keychain.age"))).isFalse();

    cli.run("keys", "add", "twitter/a", "--no-verify", "--from-json", twJson()).assertOk();
    cli.run("keys", "label", "twitter/a", "first\nsecond")
        .assertUsage("the label 'first\\u000Asecond' holds a control character");
    assertThat(cli.run("keys", "list").out()).doesNotContain("first");
  }

  @Test
  void aLabelIsAtMost200CharactersAndTheMessageShortensIt() {
    cli.run("keys", "add", "twitter/a", "--no-verify", "--from-json", twJson()).assertOk();
    String huge = "x".repeat(100_000);

    Cli.Result r = cli.run("keys", "label", "twitter/a", huge);

    r.assertUsage("a label is at most 200 characters, not 100000");
    assertThat(r.err()).contains("…(100000 characters)").hasSizeLessThan(400);
    cli.run("keys", "label", "twitter/a", "x".repeat(200)).assertOk();
  }

  @Test
  void aStoredLabelIsPrintedWithItsControlCharactersEscaped() throws Exception {
    try (Keychain k = keychain()) {
      k.put(
          Account.empty(AccountId.parse("twitter/old"))
              .withApp(AppCredentials.of("ck", "cs"))
              .withLabel("made\u001b]0;owned\u0007 before\nthe check"));
    }

    String list = cli.run("keys", "list").assertOk().out();
    String show = cli.run("keys", "show", "twitter/old").assertOk().out();

    for (String printed : new String[] {list, show}) {
      assertThat(printed).doesNotContain("\u001b").doesNotContain("\u0007");
      assertThat(printed).contains("made\\u001B]0;owned\\u0007 before\\u000Athe check");
    }
  }

  @Test
  void typedValuesInCommandLineErrorsAreShortenedAndEscaped() {
    String huge = "n".repeat(100_000);

    Cli.Result account = cli.run("keys", "show", "twitter/" + huge);
    Cli.Result option = cli.run("auth", "twitter", "--access", "r\u001b[2J\nead");
    Cli.Result unknown = cli.run("keys", "list", "--bogus=" + huge);
    Cli.Result port = cli.run("ui", "--port", huge);

    for (Cli.Result r : new Cli.Result[] {account, option, unknown, port}) {
      assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).doesNotContain("\u001b").hasSizeLessThan(1200);
      assertThat(r.err().lines().filter(l -> l.startsWith("latchkey: ")).count()).isEqualTo(1);
    }
    assertThat(account.err()).contains("…(100000 characters)");
    assertThat(option.err()).contains("r\\u001B[2J\\u000Aead");
    assertThat(port.err()).contains("…(100000 characters)' is not a port");
  }

  // Finding 8: errors in the person's terms.

  @Test
  void aLoopbackPortInUseIsOneLineNamingThePort() throws Exception {
    cli.run("keys", "add", "twitter/a", "--no-verify", "--from-json", twJson()).assertOk();
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      cli.env.put("LATCHKEY_NO_BROWSER", "1");

      cli.run(
              "auth",
              "twitter",
              "--oauth2",
              "--account",
              "twitter/a",
              "--client-id",
              "abc",
              "--port",
              String.valueOf(port))
          .assertFailure(
              "cannot listen on 127.0.0.1:"
                  + port
                  + " (BindException; is another program using that port?) for the"
                  + " authorization redirect; choose another port or paste the code instead");
      cli.run("auth", "twitter", "--callback", "--account", "twitter/a", "--port", "" + port)
          .assertFailure(
              "cannot listen on 127.0.0.1:" + port + " (BindException; is another program");
    }
  }

  @Test
  void anUnreachableTokenEndpointDuringRefreshOrRevokeIsOneLineNamingTheHost() throws Exception {
    try (Keychain k = keychain()) {
      k.put(
          Account.empty(AccountId.parse("twitter/alice"))
              .withApp(AppCredentials.oauth2Client("client-1", Secret.of("client-secret-1")))
              .withOAuth2(
                  new OAuth2Token(
                      Secret.of("access-token-value-1"),
                      Secret.of("refresh-token-value-1"),
                      Instant.now().minusSeconds(60),
                      Set.of("tweet.read", "offline.access"),
                      "client-1")));
    }
    // LATCHKEY_SANDBOX is http://127.0.0.1:9: nothing listens there.

    Cli.Result refresh = cli.run("token", "twitter/alice", "--refresh");
    Cli.Result revoke = cli.run("revoke", "twitter/alice");

    refresh.assertFailure("127.0.0.1:9");
    revoke.assertFailure("127.0.0.1:9");
    for (Cli.Result r : new Cli.Result[] {refresh, revoke}) {
      assertThat(r.err()).doesNotContain("input/output error").doesNotContain("IOException");
    }
    assertThat(cli.transcript())
        .doesNotContain("access-token-value-1", "refresh-token-value-1", "client-secret-1");
  }

  private String twJson() {
    try {
      return Secrets.twJson(files).toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Zero bytes up to {@code size}, made as they are read; counts what was taken. */
  static final class CountingInput extends InputStream {
    private final long size;
    long taken;

    CountingInput(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      if (taken >= size) {
        return -1;
      }
      taken++;
      return 'a';
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (taken >= size) {
        return -1;
      }
      int n = (int) Math.min(len, size - taken);
      java.util.Arrays.fill(b, off, off + n, (byte) 'a');
      taken += n;
      return n;
    }
  }
}
