package dev.latchkey.cli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.cli.LatchkeyCommand;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxPlatform;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SandboxCommandTest {
  @TempDir Path home;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(SandboxCommand command, String... args) {
    return new CommandLine(command)
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void printsBaseUrlAndMaskedKeysAndServesUntilStopped() throws Exception {
    AtomicReference<SandboxKeys> keys = new AtomicReference<>();
    AtomicReference<Integer> status = new AtomicReference<>();
    int code =
        run(
            new SandboxCommand(
                sandbox -> {
                  keys.set(sandbox.keys(SandboxPlatform.TWITTER));
                  status.set(get(URI.create(sandbox.baseUri() + "/sandbox/")).statusCode());
                }),
            "--seed",
            "7");
    assertThat(code).isZero();
    assertThat(status.get()).isEqualTo(200);
    assertThat(out.toString())
        .contains("Latchkey sandbox running at http://127.0.0.1:")
        .contains("LATCHKEY_SANDBOX=http://127.0.0.1:")
        .contains("consumer_key         " + keys.get().consumerKey().substring(0, 4) + "…")
        .doesNotContain(keys.get().consumerKey())
        .doesNotContain(keys.get().consumerSecret())
        .doesNotContain(keys.get().accessToken())
        .doesNotContain(keys.get().accessTokenSecret());
  }

  @Test
  void revealPrintsTheKeysInFull() {
    AtomicReference<SandboxKeys> keys = new AtomicReference<>();
    int code = run(new SandboxCommand(s -> keys.set(s.keys(SandboxPlatform.TUMBLR))), "--reveal");
    assertThat(code).isZero();
    assertThat(out.toString())
        .contains(keys.get().consumerSecret(), keys.get().accessTokenSecret());
  }

  @Test
  void printKeysWritesOwnerOnlyJsonWithBothPlatforms() throws Exception {
    Path file = home.resolve("keys.json");
    AtomicReference<Sandbox> seen = new AtomicReference<>();
    AtomicReference<SandboxKeys> twitter = new AtomicReference<>();
    int code =
        run(
            new SandboxCommand(
                s -> {
                  seen.set(s);
                  twitter.set(s.keys(SandboxPlatform.TWITTER));
                }),
            "--print-keys",
            file.toString());
    assertThat(code).isZero();
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.get("twitter").get("consumer_secret").asText())
        .isEqualTo(twitter.get().consumerSecret());
    assertThat(json.get("tumblr").get("access_token_secret").asText()).isNotBlank();
    assertThat(out.toString()).doesNotContain(twitter.get().consumerSecret());
  }

  @Test
  void printKeysRefusesAnExistingFileAndLeavesItUntouched() throws Exception {
    Path file = Files.writeString(home.resolve("keys.json"), "mine\n");
    AtomicReference<Boolean> started = new AtomicReference<>(false);

    int code = run(new SandboxCommand(s -> started.set(true)), "--print-keys", file.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo("latchkey sandbox: " + file + " exists; add --force to replace it\n");
    assertThat(started.get()).isFalse();
    assertThat(Files.readString(file)).isEqualTo("mine\n");
  }

  @Test
  void printKeysNeverWritesThroughASymbolicLink() throws Exception {
    Path victim = Files.writeString(home.resolve("victim.txt"), "precious\n");
    Path link = Files.createSymbolicLink(home.resolve("keys.json"), victim);
    Path dangling = Files.createSymbolicLink(home.resolve("new.json"), home.resolve("absent"));

    int refused = run(new SandboxCommand(s -> {}), "--print-keys", link.toString());
    int danglingRefused = run(new SandboxCommand(s -> {}), "--print-keys", dangling.toString());
    int forced = run(new SandboxCommand(s -> {}), "--print-keys", link.toString(), "--force");

    assertThat(refused).isEqualTo(1);
    assertThat(danglingRefused).isEqualTo(1);
    assertThat(Files.exists(home.resolve("absent"))).isFalse();
    assertThat(forced).isZero();
    assertThat(Files.readString(victim)).isEqualTo("precious\n");
    assertThat(Files.isSymbolicLink(link)).isFalse(); // the link itself was replaced
    assertThat(Files.readString(link)).contains("consumer_secret");
    assertThat(Files.getPosixFilePermissions(link))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void sameSeedGivesSameKeys() {
    AtomicReference<SandboxKeys> first = new AtomicReference<>();
    AtomicReference<SandboxKeys> second = new AtomicReference<>();
    run(new SandboxCommand(s -> first.set(s.keys(SandboxPlatform.TWITTER))), "--seed", "42");
    run(new SandboxCommand(s -> second.set(s.keys(SandboxPlatform.TWITTER))), "--seed", "42");
    assertThat(second.get()).isEqualTo(first.get());
  }

  @Test
  void aBadWindowIsAUsageErrorWithExitCode2() {
    int code = run(new SandboxCommand(s -> {}), "--timestamp-window", "0");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("timestamp window must be at least 1 second");
  }

  @Test
  void aPortInUseFailsWithExitCode1AndOneLine() {
    AtomicReference<Integer> inner = new AtomicReference<>();
    run(
        new SandboxCommand(
            s -> {
              StringWriter innerErr = new StringWriter();
              inner.set(
                  new CommandLine(new SandboxCommand(x -> {}))
                      .setOut(new PrintWriter(new StringWriter()))
                      .setErr(new PrintWriter(innerErr, true))
                      .execute("--port", Integer.toString(s.port())));
              err.write(innerErr.toString());
            }));
    assertThat(inner.get()).isEqualTo(1);
    assertThat(err.toString()).contains("cannot start the sandbox").doesNotContain("Exception");
  }

  @Test
  void rateWindowAndRateLimitMakeTheSandboxRefuseWith429() {
    AtomicReference<Integer> second = new AtomicReference<>();
    AtomicReference<String> limit = new AtomicReference<>();
    int code =
        run(
            new SandboxCommand(
                s -> {
                  SandboxKeys k = s.keys(SandboxPlatform.TWITTER);
                  String bearer = bearer(s, k);
                  URI timeline =
                      URI.create(
                          s.twitterBase()
                              + "/1.1/statuses/user_timeline.json?screen_name=ada_sandbox");
                  HttpResponse<String> first = getWithBearer(timeline, bearer);
                  limit.set(first.headers().firstValue("x-rate-limit-limit").orElse(""));
                  second.set(getWithBearer(timeline, bearer).statusCode());
                }),
            "--rate-window",
            "30",
            "--rate-limit",
            "/1.1/statuses/user_timeline.json=1",
            "--users",
            "1000");
    assertThat(code).as(err.toString()).isZero();
    assertThat(limit.get()).isEqualTo("1");
    assertThat(second.get()).isEqualTo(429);
    assertThat(out.toString())
        .contains("1000 users per platform; rate-limit window 30 s")
        .contains("X (Twitter)  http://127.0.0.1:");
  }

  @Test
  void anUnknownRateLimitPathOrUserCountIsAUsageErrorWithExitCode2() {
    assertThat(run(new SandboxCommand(s -> {}), "--rate-limit", "/1.1/nope.json=3")).isEqualTo(2);
    assertThat(err.toString()).contains("no endpoint '/1.1/nope.json'").doesNotContain("Exception");
    assertThat(run(new SandboxCommand(s -> {}), "--users", "5")).isEqualTo(2);
    assertThat(err.toString()).contains("users 5 is out of range");
    assertThat(run(new SandboxCommand(s -> {}), "--rate-window", "0")).isEqualTo(2);
  }

  private static String bearer(Sandbox s, SandboxKeys k) {
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString(
                (k.consumerKey() + ":" + k.consumerSecret())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(s.twitterBase() + "/oauth2/token"))
                      .header("Authorization", "Basic " + basic)
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return new ObjectMapper().readTree(r.body()).get("access_token").asText();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static HttpResponse<String> getWithBearer(URI uri, String bearer) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + bearer).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void proxyPortWritesTheCaAndPrintsHowToUseIt() throws Exception {
    Path ca = home.resolve("sandbox-ca.pem");
    AtomicReference<String> pem = new AtomicReference<>();
    AtomicReference<URI> proxy = new AtomicReference<>();
    int code =
        run(
            new SandboxCommand(
                s -> {
                  pem.set(s.caCertificatePem().orElseThrow());
                  proxy.set(s.proxyUri().orElseThrow());
                }),
            "--proxy-port",
            "0",
            "--ca-cert",
            ca.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(Files.readString(ca)).isEqualTo(pem.get());
    assertThat(out.toString())
        .contains("Proxy: " + proxy.get() + " answers for api.tumblr.com, api.twitter.com")
        .contains("HTTPS_PROXY=" + proxy.get() + " REQUESTS_CA_BUNDLE=" + ca);
  }

  @Test
  void aProxyPortWithoutCaCertIsAUsageError() {
    int code = run(new SandboxCommand(s -> {}), "--proxy-port", "0");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo(
            "latchkey sandbox: --proxy-port and --ca-cert go together: the proxy's clients must"
                + " trust its CA, e.g. --proxy-port 8080 --ca-cert sandbox-ca.pem");
  }

  @Test
  void aBadFaultSpecIsAUsageErrorNamingTheBadPart() {
    int code = run(new SandboxCommand(s -> {}), "--faults", "500=0.05,slow=0.1");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("latchkey sandbox: bad fault 'slow=0.1': slow needs a share and a delay")
        .hasLineCount(1);
  }

  @Test
  void faultsAreAnnounced() {
    int code = run(new SandboxCommand(s -> {}), "--faults", "503=0.1,retry-after=30");
    assertThat(code).isZero();
    assertThat(out.toString()).contains("Faults: 503=0.1,retry-after=30");
  }

  @Test
  void rootCommandRegistersSandboxWithItsOptions() {
    CommandLine root = LatchkeyCommand.newCommandLine(java.util.Map.of());
    root.setOut(new PrintWriter(out, true));
    assertThat(root.execute("sandbox", "--help")).isZero();
    assertThat(out.toString())
        .contains("--port", "--seed", "--print-keys", "--timestamp-window", "--reveal")
        .contains("--users", "--rate-window", "--rate-limit")
        .contains("--proxy-port", "--ca-cert", "--faults");
  }

  private static HttpResponse<String> get(URI uri) {
    try {
      return HttpClient.newHttpClient()
          .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
