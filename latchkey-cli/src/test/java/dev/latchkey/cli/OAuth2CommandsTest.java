package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.latchkey.platform.Hosts;
import dev.latchkey.platform.Platforms;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxOAuth2Client;
import dev.latchkey.sandbox.SandboxOptions;
import dev.latchkey.sandbox.SandboxPlatform;
import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** latchkey auth --bearer/--oauth2, token and revoke, in-process against a real sandbox. */
class OAuth2CommandsTest {
  static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  static final Pattern AUTHORIZE_URL =
      Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/\\S+authorize\\?\\S+)");
  static final Pattern REQUEST_ID = Pattern.compile("name=\"request_id\" value=\"([A-Za-z0-9]+)\"");

  @TempDir Path home;
  Sandbox sandbox;
  Cli cli;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void start() {
    sandbox =
        Sandbox.start(
            SandboxOptions.builder().accessTokenLifetime(Duration.ofSeconds(3600)).build());
    cli = new Cli(home);
    cli.env.put("LATCHKEY_SANDBOX", sandbox.baseUri().toString());
    cli.env.put("LATCHKEY_NO_BROWSER", "1");
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  Keychain keychain() throws Exception {
    return Keychain.open(
        KeychainOptions.builder(
                home.resolve("keychain.age"), PassphraseSource.of(Cli.PASSPHRASE.toCharArray()))
            .weakWorkFactorForTesting(10)
            .build());
  }

  void seed(String account, AppCredentials app) throws Exception {
    try (Keychain k = keychain()) {
      k.put(Account.empty(AccountId.parse(account)).withApp(app));
    }
  }

  AppCredentials twitterApp() {
    SandboxKeys k = sandbox.keys(SandboxPlatform.TWITTER);
    SandboxOAuth2Client c = sandbox.oauth2Client(SandboxPlatform.TWITTER);
    return AppCredentials.of(k.consumerKey(), k.consumerSecret())
        .withOAuth2Client(c.clientId(), Secret.of(c.clientSecret()));
  }

  Account stored(String account) throws Exception {
    try (Keychain k = keychain()) {
      return k.get(AccountId.parse(account)).orElseThrow();
    }
  }

  /** Replaces the account's OAuth 2 token in the keychain. */
  void store(String account, OAuth2Token token) throws Exception {
    try (Keychain k = keychain()) {
      k.put(stored(account).withOAuth2(token));
    }
  }

  /** {@code t} with another expiry. */
  static OAuth2Token expired(OAuth2Token t, Instant expiresAt) {
    return new OAuth2Token(t.accessToken(), t.refreshToken(), expiresAt, t.scopes(), t.clientId());
  }

  /** Revocation and invalidation at the sandbox's X endpoints, as another program would do. */
  dev.latchkey.oauth2.TokenRevocation revocation() {
    return new dev.latchkey.oauth2.TokenRevocation(
        HTTP, Platforms.twitter().withHosts(Hosts.all(sandbox.twitterBase())));
  }

  static HttpResponse<String> send(HttpRequest r) {
    try {
      return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  HttpResponse<String> usersMe(String bearer) {
    return send(
        HttpRequest.newBuilder(URI.create(sandbox.twitterBase() + "/2/users/me"))
            .header("Authorization", "Bearer " + bearer)
            .build());
  }

  /** Plays the person: approves the consent page at {@code url}; returns the redirect. */
  static URI approve(String url) {
    HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(url)).build());
    Matcher m = REQUEST_ID.matcher(page.body());
    if (!m.find()) {
      throw new AssertionError("no consent form: " + page.body());
    }
    HttpResponse<String> posted =
        send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("request_id=" + m.group(1) + "&allow=1"))
                .build());
    return URI.create(posted.headers().firstValue("Location").orElseThrow());
  }

  /**
   * Runs the command on a thread with a standard error that is watched for the authorize URL; when
   * it shows, {@code person} acts on it.
   */
  Cli.Result runWithPerson(PipedOutputStream stdin, Function<String, Void> person, String... args)
      throws Exception {
    StringBuffer errText = new StringBuffer();
    StringWriter out = new StringWriter();
    PipedInputStream in = new PipedInputStream();
    if (stdin != null) {
      in.connect(stdin);
    }
    CliContext context =
        CliContext.of(
            cli.env, stdin == null ? new ByteArrayInputStream(new byte[0]) : in, cli.keyring);
    PrintWriter err =
        new PrintWriter(
            new java.io.Writer() {
              @Override
              public void write(char[] cbuf, int off, int len) {
                errText.append(cbuf, off, len);
              }

              @Override
              public void flush() {}

              @Override
              public void close() {}
            },
            true);
    CommandLine commandLine = LatchkeyCommand.newCommandLine(context);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(err);
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(() -> commandLine.execute(args));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String url = null;
    while (url == null && System.nanoTime() < deadline && !exit.isDone()) {
      Matcher m = AUTHORIZE_URL.matcher(errText);
      if (m.find()) {
        url = m.group(1);
      } else {
        Thread.sleep(20);
      }
    }
    if (url != null) {
      person.apply(url);
    }
    int code = exit.get(30, java.util.concurrent.TimeUnit.SECONDS);
    return new Cli.Result(code, out.toString(), errText.toString());
  }

  @Test
  void bearerIsFetchedStoredPrintedByTokenAndRevoked() throws Exception {
    seed("twitter/bot", twitterApp());

    Cli.Result auth = cli.run("auth", "twitter", "--account", "bot", "--bearer").assertOk();
    String bearer = stored("twitter/bot").bearer().token().reveal();
    assertThat(auth.out())
        .contains("Stored the app-only bearer token", "twitter/bot")
        .doesNotContain(bearer);

    Cli.Result token = cli.run("token", "twitter/bot").assertOk();
    assertThat(token.out().strip()).isEqualTo(bearer);
    cli.run("auth", "twitter", "--account", "bot", "--bearer").assertOk();
    assertThat(stored("twitter/bot").bearer().token().reveal()).isEqualTo(bearer); // one per app

    Cli.Result revoke = cli.run("revoke", "twitter/bot").assertOk();
    assertThat(revoke.out())
        .contains("revoked the app-only bearer token of twitter/bot at X (Twitter)")
        .doesNotContain(bearer);
    assertThat(stored("twitter/bot").bearer()).isNull();
    assertThat(stored("twitter/bot").app()).isNotNull();
    cli.run("auth", "twitter", "--account", "bot", "--bearer").assertOk();
    assertThat(stored("twitter/bot").bearer().token().reveal()).isNotEqualTo(bearer);
  }

  @Test
  void bearerWithAWrongSecretFailsWithOneLineAndCode99() throws Exception {
    SandboxKeys k = sandbox.keys(SandboxPlatform.TWITTER);
    seed("twitter/bot", AppCredentials.of(k.consumerKey(), "not-the-right-secret-at-all"));

    cli.run("auth", "twitter", "--account", "bot", "--bearer").assertFailure("code 99");
    assertThat(cli.transcript()).doesNotContain("not-the-right-secret-at-all");
  }

  @Test
  void pkceWithTheLoopbackStoresARefreshableTokenThatUsersMeAccepts() throws Exception {
    seed("twitter/alice", twitterApp());

    Cli.Result r =
        runWithPerson(
            null,
            url -> {
              URI back = approve(url);
              send(HttpRequest.newBuilder(back).build());
              return null;
            },
            "auth",
            "twitter",
            "--account",
            "alice",
            "--oauth2");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Stored an OAuth 2 token for twitter/alice", "refreshable");
    OAuth2Token t = stored("twitter/alice").oauth2();
    assertThat(t.scopes()).containsExactlyInAnyOrder("tweet.read", "users.read", "offline.access");
    assertThat(usersMe(t.accessToken().reveal()).statusCode()).isEqualTo(200);
    assertThat(r.out() + r.err())
        .doesNotContain(t.accessToken().reveal())
        .doesNotContain(t.refreshToken().reveal());
    assertThat(cli.run("token", "twitter/alice").assertOk().out().strip())
        .isEqualTo(t.accessToken().reveal());
  }

  @Test
  void pkceWithAPastedAddressAndAPublicClient() throws Exception {
    SandboxOAuth2Client pub =
        sandbox.registerOAuth2Client(SandboxPlatform.TWITTER, false, List.of());
    PipedOutputStream typed = new PipedOutputStream();

    Cli.Result r =
        runWithPerson(
            typed,
            url -> {
              try {
                typed.write((approve(url) + "\n").getBytes(StandardCharsets.UTF_8));
                typed.flush();
              } catch (java.io.IOException e) {
                throw new AssertionError(e);
              }
              return null;
            },
            "auth",
            "twitter",
            "--account",
            "carol",
            "--oauth2",
            "--paste",
            "--client-id",
            pub.clientId(),
            "--scopes",
            "tweet.read users.read");

    assertThat(r.exitCode()).as(r.err()).isZero();
    OAuth2Token t = stored("twitter/carol").oauth2();
    assertThat(t.clientId()).isEqualTo(pub.clientId());
    assertThat(t.refreshToken()).isNull();
    assertThat(r.out()).contains("no refresh token");
  }

  @Test
  void aPastedAddressWithAnotherStateIsRejected() throws Exception {
    seed("twitter/alice", twitterApp());
    PipedOutputStream typed = new PipedOutputStream();

    Cli.Result r =
        runWithPerson(
            typed,
            url -> {
              try {
                String back = approve(url).toString().replaceAll("state=[^&]+", "state=forged");
                typed.write((back + "\n").getBytes(StandardCharsets.UTF_8));
                typed.flush();
              } catch (java.io.IOException e) {
                throw new AssertionError(e);
              }
              return null;
            },
            "auth",
            "twitter",
            "--account",
            "alice",
            "--oauth2",
            "--paste");

    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err()).contains("state does not match").doesNotContain("\tat ");
    assertThat(stored("twitter/alice").oauth2()).isNull();
  }

  @Test
  void tokenRefreshesAnExpiredTokenAndTheSpentRefreshTokenIsRejected() throws Exception {
    authorizeAlice("tweet.read users.read offline.access");
    OAuth2Token before = stored("twitter/alice").oauth2();
    store("twitter/alice", expired(before, Instant.now().minusSeconds(1)));

    String printed = cli.run("token", "twitter/alice").assertOk().out().strip();

    OAuth2Token after = stored("twitter/alice").oauth2();
    assertThat(printed)
        .isEqualTo(after.accessToken().reveal())
        .isNotEqualTo(before.accessToken().reveal());
    assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
    assertThat(usersMe(printed).statusCode()).isEqualTo(200);
    HttpResponse<String> reuse =
        send(
            HttpRequest.newBuilder(URI.create(sandbox.twitterBase() + "/2/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(
                    "Authorization",
                    "Basic "
                        + java.util.Base64.getEncoder()
                            .encodeToString(
                                (twitterApp().clientId()
                                        + ":"
                                        + twitterApp().clientSecret().reveal())
                                    .getBytes(StandardCharsets.UTF_8)))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant_type=refresh_token&refresh_token="
                            + URLEncoder.encode(
                                before.refreshToken().reveal(), StandardCharsets.UTF_8)))
                .build());
    assertThat(reuse.statusCode()).isEqualTo(400);
    assertThat(reuse.body()).contains("invalid_request");
    assertThat(cli.run("token", "twitter/alice", "--refresh").assertOk().out().strip())
        .isNotEqualTo(printed);
  }

  @Test
  void revokeEndsTheUserTokenAtThePlatformAndRemovesItLocally() throws Exception {
    authorizeAlice("tweet.read users.read offline.access");
    OAuth2Token t = stored("twitter/alice").oauth2();

    Cli.Result r = cli.run("revoke", "twitter/alice").assertOk();

    assertThat(r.out()).contains("revoked the OAuth 2 user token of twitter/alice at X (Twitter)");
    assertThat(usersMe(t.accessToken().reveal()).statusCode()).isEqualTo(401);
    assertThat(stored("twitter/alice").oauth2()).isNull();
    cli.run("token", "twitter/alice").assertFailure("twitter/alice has no OAuth 2 user token");
  }

  @Test
  void tumblrBearerAndOAuth2UseTheConsumerKeyAsClientId() throws Exception {
    SandboxKeys k = sandbox.keys(SandboxPlatform.TUMBLR);
    seed("tumblr/blog", AppCredentials.of(k.consumerKey(), k.consumerSecret()));

    cli.run("auth", "tumblr", "--account", "blog", "--bearer").assertOk();
    Cli.Result r =
        runWithPerson(
            null,
            url -> {
              send(HttpRequest.newBuilder(approve(url)).build());
              return null;
            },
            "auth",
            "tumblr",
            "--account",
            "blog",
            "--oauth2");

    assertThat(r.exitCode()).as(r.err()).isZero();
    Account a = stored("tumblr/blog");
    assertThat(a.bearer()).isNotNull();
    assertThat(a.oauth2().clientId()).isEqualTo(k.consumerKey());
    assertThat(a.oauth2().scopes()).contains("offline_access");
    Cli.Result status = cli.run("status", "tumblr/blog").assertOk();
    assertThat(status.out())
        .contains("  app-only bearer: ok: accepted")
        .contains("  OAuth 2 user token: ok: logged in as @")
        .contains("    scopes: ");
    cli.run("keys", "show", "tumblr/blog").assertOk();
    cli.run("keys", "show", "tumblr/blog", "--json").assertOk();
    Cli.Result revoke = cli.run("revoke", "tumblr/blog", "--oauth2").assertOk();
    assertThat(revoke.err())
        .contains(
            "Tumblr has no API to revoke a OAuth 2 user token; remove the app's access at"
                + " https://www.tumblr.com/settings/apps");
    assertThat(stored("tumblr/blog").oauth2()).isNull();
    // Tumblr's client id is the consumer key: it stays masked like the key itself
    assertThat(cli.transcript()).doesNotContain(k.consumerSecret()).doesNotContain(k.consumerKey());
  }

  @Test
  void tokenWithoutAnyOAuth2CredentialNamesTheCommandThatGetsOne() throws Exception {
    seed("twitter/bot", twitterApp());
    cli.run("token", "twitter/bot")
        .assertFailure("latchkey auth twitter --oauth2 --account twitter/bot");
    cli.run("token", "twitter/bot", "--refresh", "--bearer").assertUsage("--refresh");
  }

  void authorizeAlice(String scopes) throws Exception {
    seed("twitter/alice", twitterApp());
    Cli.Result r =
        runWithPerson(
            null,
            url -> {
              send(HttpRequest.newBuilder(approve(url)).build());
              return null;
            },
            "auth",
            "twitter",
            "--account",
            "alice",
            "--oauth2",
            "--scopes",
            scopes);
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void apiWithAnExpiredOAuth2TokenRefreshesItTransparently() throws Exception {
    authorizeAlice("tweet.read users.read offline.access");
    OAuth2Token before = stored("twitter/alice").oauth2();
    store("twitter/alice", expired(before, Instant.now().minusSeconds(1)));

    Cli.Result r = cli.run("api", "/2/users/me", "--account", "twitter/alice").assertOk();

    assertThat(r.out()).contains(sandbox.users(SandboxPlatform.TWITTER).get(0).screenName());
    OAuth2Token after = stored("twitter/alice").oauth2();
    assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
    assertThat(cli.transcript())
        .doesNotContain(after.accessToken().reveal())
        .doesNotContain(after.refreshToken().reveal());
  }

  @Test
  void apiRefreshesOnceWhenThePlatformRejectsTheTokenWith401() throws Exception {
    authorizeAlice("tweet.read users.read offline.access");
    OAuth2Token before = stored("twitter/alice").oauth2();
    SandboxOAuth2Client c = sandbox.oauth2Client(SandboxPlatform.TWITTER);
    HttpResponse<String> revoked =
        send(
            HttpRequest.newBuilder(URI.create(sandbox.twitterBase() + "/2/oauth2/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(
                    "Authorization",
                    "Basic "
                        + java.util.Base64.getEncoder()
                            .encodeToString(
                                (c.clientId() + ":" + c.clientSecret())
                                    .getBytes(StandardCharsets.UTF_8)))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "token="
                            + URLEncoder.encode(
                                before.accessToken().reveal(), StandardCharsets.UTF_8)))
                .build());
    assertThat(revoked.statusCode()).isEqualTo(200);

    Cli.Result r =
        cli.run("api", "/2/users/me", "--account", "twitter/alice", "--auth", "oauth2").assertOk();

    assertThat(r.out()).contains("\"username\"");
    assertThat(stored("twitter/alice").oauth2().accessToken()).isNotEqualTo(before.accessToken());
  }

  @Test
  void apiNamesAMissingScopeBeforeCalling() throws Exception {
    authorizeAlice("tweet.read offline.access");

    cli.run("api", "/2/users/me", "--account", "twitter/alice", "--auth", "oauth2")
        .assertFailure("lacks scope users.read");
  }

  @Test
  void apiWithTheBearerOnUsersMeIsRefusedBeforeAnyCallNamingWhatTheEndpointTakes()
      throws Exception {
    seed("twitter/bot", twitterApp());
    cli.run("auth", "twitter", "--account", "bot", "--bearer").assertOk();

    cli.run("api", "/2/users/me", "--account", "twitter/bot", "--auth", "bearer")
        .assertFailure(
            "GET /2/users/me does not take an app-only bearer token; it takes OAuth 1.0a user"
                + " token or OAuth 2 user token");
    revocation().invalidate(twitterApp(), stored("twitter/bot").bearer());
    cli.run("api", "/2/users/by/username/XDevelopers", "--account", "twitter/bot")
        .assertFailure("run latchkey auth twitter --bearer --account twitter/bot");
    String bearer = stored("twitter/bot").bearer().token().reveal();
    assertThat(cli.transcript()).doesNotContain(bearer);
  }

  // ---- latchkey status with app-only and OAuth 2 user tokens ----------------------------------

  /** Every secret the sandbox issued to or holds for {@code account}, for leak checks. */
  List<String> secretsOf(String account) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    Account a = stored(account);
    out.add(sandbox.keys(SandboxPlatform.TWITTER).consumerSecret());
    out.add(sandbox.oauth2Client(SandboxPlatform.TWITTER).clientSecret());
    if (a.bearer() != null) {
      out.add(a.bearer().token().reveal());
    }
    if (a.oauth2() != null) {
      out.add(a.oauth2().accessToken().reveal());
      if (a.oauth2().refreshToken() != null) {
        out.add(a.oauth2().refreshToken().reveal());
      }
    }
    return out;
  }

  void assertNoSecretIn(String text, List<String> secrets) {
    for (String secret : secrets) {
      assertThat(text).doesNotContain(secret);
    }
  }

  @Test
  void statusChecksTheBearerAndReportsItOnceInvalidated() throws Exception {
    seed("twitter/bot", twitterApp());
    cli.run("auth", "twitter", "--account", "bot", "--bearer").assertOk();
    List<String> secrets = secretsOf("twitter/bot");

    Cli.Result ok = cli.run("status", "twitter/bot").assertOk();
    assertThat(ok.out())
        .contains("twitter/bot (default)\n  ok: app keys accepted")
        .contains("  app-only bearer: ok: accepted")
        .contains("bearer token AAAA…");

    revocation().invalidate(twitterApp(), stored("twitter/bot").bearer());
    Cli.Result failed = cli.run("status", "twitter/bot");
    assertThat(failed.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(failed.out())
        .contains("  app-only bearer: FAILED: twitter GET /twitter/2/users/by/username/")
        .contains("HTTP 401")
        .contains(
            "  fix: X (Twitter) refused the app-only bearer token of twitter/bot: run latchkey auth"
                + " twitter --bearer --account twitter/bot");

    Cli.Result json = cli.run("status", "twitter/bot", "--json");
    assertThat(json.exitCode()).isEqualTo(ExitCode.FAILURE);
    com.fasterxml.jackson.databind.JsonNode node = this.json.readTree(json.out()).get(0);
    assertThat(node.get("state").asText()).isEqualTo("failed");
    assertThat(node.get("status").asInt()).isEqualTo(401);
    com.fasterxml.jackson.databind.JsonNode checks = node.get("checks");
    assertThat(checks.get(0).get("credential").asText()).isEqualTo("app");
    assertThat(checks.get(0).get("state").asText()).isEqualTo("ok");
    assertThat(checks.get(1).get("credential").asText()).isEqualTo("bearer");
    assertThat(checks.get(1).get("state").asText()).isEqualTo("failed");
    assertThat(checks.get(1).get("fix").asText()).contains("--bearer");
    assertNoSecretIn(cli.transcript(), secrets);
  }

  @Test
  void statusShowsTheOAuth2TokensOwnerScopesAndExpiry() throws Exception {
    authorizeAlice("tweet.read users.read offline.access");
    String owner = sandbox.users(SandboxPlatform.TWITTER).get(0).screenName();
    OAuth2Token t = stored("twitter/alice").oauth2();

    Cli.Result r = cli.run("status", "twitter/alice").assertOk();

    assertThat(r.out())
        .contains("  OAuth 2 user token: ok: logged in as @" + owner + " (id ")
        .contains("    scopes: offline.access tweet.read users.read\n")
        .containsPattern(
            "    expires: in 59 min \\(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\),"
                + " refreshable\n")
        .doesNotContain("refreshed:")
        .contains("OAuth 2 token " + t.accessToken().masked());
    com.fasterxml.jackson.databind.JsonNode oauth2 =
        json.readTree(cli.run("status", "twitter/alice", "--json").assertOk().out())
            .get(0)
            .get("checks")
            .get(1);
    assertThat(oauth2.get("credential").asText()).isEqualTo("oauth2");
    assertThat(oauth2.get("user").asText()).isEqualTo(owner);
    assertThat(oauth2.get("scopes").toString())
        .isEqualTo("[\"offline.access\",\"tweet.read\",\"users.read\"]");
    assertThat(Instant.parse(oauth2.get("expiresAt").asText()))
        .isEqualTo(t.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    assertThat(oauth2.get("expiresInSeconds").asLong()).isBetween(3000L, 3600L);
    assertThat(oauth2.get("refreshed").asBoolean()).isFalse();
    assertThat(stored("twitter/alice").oauth2()).isEqualTo(t);
    assertNoSecretIn(cli.transcript(), secretsOf("twitter/alice"));
  }

  @Test
  void statusRefreshesAnExpiredOAuth2TokenSavesTheRotationAndChecksTheNewOne() throws Exception {
    sandbox.close();
    sandbox =
        Sandbox.start(SandboxOptions.builder().accessTokenLifetime(Duration.ofSeconds(3)).build());
    cli.env.put("LATCHKEY_SANDBOX", sandbox.baseUri().toString());
    authorizeAlice("tweet.read users.read offline.access");
    OAuth2Token before = stored("twitter/alice").oauth2();
    List<String> secrets = secretsOf("twitter/alice");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (usersMe(before.accessToken().reveal()).statusCode() == 200
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(usersMe(before.accessToken().reveal()).statusCode()).isEqualTo(401);
    Thread.sleep(100); // past the stored expiry too

    Cli.Result r = cli.run("status", "twitter/alice").assertOk();

    OAuth2Token after = stored("twitter/alice").oauth2();
    assertThat(after.accessToken()).isNotEqualTo(before.accessToken());
    assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
    assertThat(r.out())
        .contains("  OAuth 2 user token: ok: logged in as @")
        .contains("    refreshed: it had expired; the new token is saved")
        .contains("OAuth 2 token " + after.accessToken().masked());
    secrets.addAll(secretsOf("twitter/alice"));
    assertNoSecretIn(cli.transcript(), secrets);
  }

  @Test
  void statusReportsARevokedOAuth2TokenWithTheCommandThatGetsANewOne() throws Exception {
    authorizeAlice("tweet.read users.read offline.access");
    OAuth2Token t = stored("twitter/alice").oauth2();
    SandboxOAuth2Client c = sandbox.oauth2Client(SandboxPlatform.TWITTER);
    revocation()
        .revoke(new dev.latchkey.oauth2.OAuth2Client(c.clientId(), Secret.of(c.clientSecret())), t);

    Cli.Result r = cli.run("status", "twitter/alice");

    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.out())
        .contains("  OAuth 2 user token: FAILED: twitter GET /twitter/2/users/me failed: HTTP 401")
        .contains(
            "  fix: X (Twitter) refused the OAuth 2 user token of twitter/alice: run latchkey auth"
                + " twitter --oauth2 --account twitter/alice")
        .contains("    scopes: offline.access tweet.read users.read");
    assertNoSecretIn(cli.transcript(), secretsOf("twitter/alice"));
  }

  @Test
  void statusReportsAnExpiredOAuth2TokenWithoutRefreshToken() throws Exception {
    seed("twitter/carol", twitterApp());
    store(
        "twitter/carol",
        new OAuth2Token(
            Secret.of("expiredAccessTokenValue0123456789"),
            null,
            Instant.now().minusSeconds(600),
            java.util.Set.of("tweet.read"),
            twitterApp().clientId()));

    Cli.Result r = cli.run("status", "twitter/carol");

    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.out())
        .contains("  OAuth 2 user token: FAILED: expired 10 min ago (")
        .contains("run latchkey auth twitter --oauth2 --account twitter/carol")
        .contains(", not refreshable");
    assertThat(cli.transcript()).doesNotContain("expiredAccessTokenValue0123456789");
  }
}
