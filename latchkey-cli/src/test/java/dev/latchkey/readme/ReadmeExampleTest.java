package dev.latchkey.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.account.AccountCheck;
import dev.latchkey.account.AccountException;
import dev.latchkey.account.Accounts;
import dev.latchkey.account.CredentialCheck;
import dev.latchkey.account.KeychainAccess;
import dev.latchkey.account.PassphrasePrompt;
import dev.latchkey.account.Revocation;
import dev.latchkey.http.ApiClient;
import dev.latchkey.http.ApiException;
import dev.latchkey.http.ApiRequest;
import dev.latchkey.http.ApiResponse;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.BearerToken;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainOptions;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.keychain.PassphraseSources;
import dev.latchkey.keychain.Secret;
import dev.latchkey.oauth1.AccessType;
import dev.latchkey.oauth1.OAuth1Credentials;
import dev.latchkey.oauth1.OAuth1Signer;
import dev.latchkey.oauth1.PinAuthorization;
import dev.latchkey.oauth1.TemporaryCredentials;
import dev.latchkey.oauth2.AuthorizationCodeGrant;
import dev.latchkey.oauth2.AuthorizationRequest;
import dev.latchkey.oauth2.ClientCredentialsGrant;
import dev.latchkey.oauth2.KeychainTokenStore;
import dev.latchkey.oauth2.LoopbackReceiver;
import dev.latchkey.oauth2.OAuth2Client;
import dev.latchkey.oauth2.RefreshTokenGrant;
import dev.latchkey.oauth2.RequiredScopes;
import dev.latchkey.oauth2.TokenRevocation;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxOAuth2Client;
import dev.latchkey.sandbox.SandboxOptions;
import dev.latchkey.sandbox.SandboxPlatform;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java examples of README.md, run against the sandbox. Each README block is the code between a
 * BEGIN/END README pair below, line for line; a line ending in {@code // README: X} stands for X in
 * the README (the environment, which here points at the sandbox). The person is played by a thread
 * that watches standard output for "Open URL": it approves the authorize page and types the PIN on
 * standard input, or approves the OAuth 2 consent page, as someone at the keyboard would. So a
 * change to the API, or to the README, that breaks an example breaks this test.
 */
class ReadmeExampleTest {
  private static final Path README = Path.of("../README.md");
  private static final Path SOURCE =
      Path.of("src/test/java/dev/latchkey/readme/ReadmeExampleTest.java");
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
  private static final Pattern OPEN = Pattern.compile("Open (http\\S+)");
  private static final Pattern REQUEST_ID =
      Pattern.compile("name=\"request_id\" value=\"([A-Za-z0-9]+)\"");

  @TempDir Path home;

  private Sandbox sandbox;
  private Map<String, String> sandboxEnvironment;
  private PrintStream originalOut;
  private InputStream originalIn;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final LinkedBlockingQueue<Integer> typed = new LinkedBlockingQueue<>();
  private final List<CompletableFuture<Void>> person = new ArrayList<>();
  private final HttpClient browser = HttpClient.newHttpClient();

  @BeforeEach
  void startSandboxAndPerson() {
    sandbox = Sandbox.start(SandboxOptions.builder().seed(0).build());
    sandboxEnvironment = new HashMap<>();
    sandboxEnvironment.put("LATCHKEY_HOME", home.toString());
    sandboxEnvironment.put("LATCHKEY_PASSPHRASE", "correct horse battery staple");
    sandboxEnvironment.put("LATCHKEY_SANDBOX", sandbox.baseUri().toString());
    originalOut = System.out;
    originalIn = System.in;
    System.setOut(new PrintStream(new Watched(), true, StandardCharsets.UTF_8));
    System.setIn(new Typed());
  }

  @AfterEach
  void stop() {
    System.setOut(originalOut);
    System.setIn(originalIn);
    sandbox.close();
  }

  private Map<String, String> environment() {
    return sandboxEnvironment;
  }

  /** Puts an account in the keychain as the README's reader would have it already. */
  private void stored(Account account) throws Exception {
    KeychainOptions options =
        KeychainOptions.builder(
                Keychain.defaultLocation(sandboxEnvironment),
                PassphraseSources.fromEnvironment(sandboxEnvironment))
            .createIfMissing(true)
            .build();
    try (Keychain keychain = Keychain.open(options)) {
      keychain.put(account);
    }
  }

  @Test
  void everyJavaBlockOfTheReadmeIsCodeThisTestRuns() throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
    List<String> regions = regions(source);
    List<String> imports = source.lines().filter(l -> l.startsWith("import ")).toList();
    Matcher m = JAVA_BLOCK.matcher(readme);
    int blocks = 0;
    while (m.find()) {
      blocks++;
      List<String> lines = m.group(1).lines().toList();
      for (String line : lines) {
        if (line.startsWith("import ")) {
          assertThat(imports).as("README import").contains(line);
        }
      }
      String code = normalized(lines.stream().filter(l -> !l.startsWith("import ")).toList());
      assertThat(regions).as("README block %d is run by this test", blocks).contains(code);
    }
    assertThat(blocks).isEqualTo(regions.size()).isEqualTo(3);
  }

  private static List<String> regions(String source) {
    List<String> regions = new ArrayList<>();
    List<String> current = null;
    for (String line : source.lines().toList()) {
      String t = line.strip();
      if (t.equals("// BEGIN README")) {
        current = new ArrayList<>();
      } else if (t.equals("// END README")) {
        regions.add(normalized(current));
        current = null;
      } else if (current != null) {
        int stand = line.indexOf("// README: ");
        current.add(stand >= 0 ? line.substring(stand + "// README: ".length()) : line);
      }
    }
    return regions;
  }

  private static String normalized(List<String> lines) {
    return String.join("\n", lines.stream().map(String::strip).filter(l -> !l.isEmpty()).toList());
  }

  @Test
  void accountLayerExample() throws Exception {
    SandboxKeys keys = sandbox.keys(SandboxPlatform.TWITTER);
    String consumerKey = keys.consumerKey();
    String consumerSecret = keys.consumerSecret();
    String accessToken = keys.accessToken();
    String accessTokenSecret = keys.accessTokenSecret();

    // BEGIN README
    Map<String, String> env = environment(); // README: Map<String, String> env = System.getenv();
    Platforms platforms = Platforms.configured(env, Platforms.defaultConfigFile(env));
    KeychainAccess access = KeychainAccess.builder(env).prompt(PassphrasePrompt.console()).build();

    try (Keychain keychain = access.open(true)) {
      Accounts accounts = Accounts.builder(keychain, platforms).build();
      AccountId alice = AccountId.parse("twitter/alice");

      // Keep pasted keys only once the platform accepts them (as latchkey keys add does)
      Account pasted =
          Account.empty(alice)
              .withApp(AppCredentials.of(consumerKey, consumerSecret))
              .withOAuth1(OAuth1Token.of(accessToken, accessTokenSecret));
      AccountCheck verified = accounts.verify(pasted);
      if (verified.failed()) {
        throw new IllegalStateException(verified.firstFailure().orElseThrow().remedy().message());
      }
      keychain.put(verified.account()); // with the screen name and access level it reported

      // A call as the account: the credential the endpoint takes is chosen and applied
      try {
        ApiResponse timeline =
            accounts.send(
                alice,
                ApiRequest.get("/1.1/statuses/user_timeline.json").query("count", "5").build());
        System.out.println(timeline.json().orElseThrow().size() + " tweets");
      } catch (ApiException e) {
        System.out.println(accounts.remedy(alice, null, e)); // the platform's refusal, and the fix
      }

      // What the platform says of every stored credential, with the fix for each refusal
      for (CredentialCheck check : accounts.check(alice).checks()) {
        System.out.println(
            check.credential().description() + ": " + (check.ok() ? "ok" : check.remedy()));
      }

      // Revoke its tokens at the platform, then remove them (the app's keys stay)
      Revocation revoked = accounts.revoke(alice, false);
      System.out.println(revoked.complete() ? "revoked" : revoked.results());
    } catch (AccountException e) {
      System.out.println(e.getMessage()); // one line: what is wrong, and the fix
    }
    // END README

    String out = printed.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("5 tweets").contains("OAuth 1.0a user token: ok").contains("revoked");
    KeychainOptions options =
        KeychainOptions.builder(
                Keychain.defaultLocation(env), PassphraseSources.fromEnvironment(env))
            .build();
    try (Keychain keychain = Keychain.open(options)) {
      Account alice = keychain.get(AccountId.parse("twitter/alice")).orElseThrow();
      assertThat(alice.oauth1()).as("revoked and removed").isNull();
      assertThat(alice.app()).as("the app's keys stay").isNotNull();
    }
    assertThat(out).doesNotContain(accessTokenSecret).doesNotContain(consumerSecret);
  }

  @Test
  void pinFlowExample() throws Exception {
    SandboxKeys keys = sandbox.keys(SandboxPlatform.TWITTER);
    stored(
        Account.empty(AccountId.parse("twitter/myapp"))
            .withApp(AppCredentials.of(keys.consumerKey(), keys.consumerSecret())));
    String secondUser = sandbox.users(SandboxPlatform.TWITTER).get(1).screenName();

    // BEGIN README
    Map<String, String> env = environment(); // README: Map<String, String> env = System.getenv();
    KeychainOptions options =
        KeychainOptions.builder(
                Keychain.defaultLocation(env), PassphraseSources.fromEnvironment(env))
            .build();
    Platform twitter = Platforms.configured(env, Platforms.defaultConfigFile(env)).get("twitter");
    ApiClient client = ApiClient.create(twitter);
    // Standard input, not System.console(), which is null when output is redirected or in an IDE
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    try (Keychain keychain = Keychain.open(options)) {
      AppCredentials app = keychain.get(AccountId.parse("twitter/myapp")).orElseThrow().app();

      // Three-legged OAuth 1.0a with a PIN (RFC 5849 section 2)
      PinAuthorization flow = new PinAuthorization(client, app);
      TemporaryCredentials started = flow.start(AccessType.READ);
      System.out.println("Open " + started.authorizeUri() + " and type the PIN it shows");
      System.out.print("PIN: ");
      String pin = in.readLine(); // null once input is closed: complete() says no PIN was given
      OAuth1Token token = flow.complete(started, pin);
      keychain.put(
          Account.empty(AccountId.parse("twitter/" + token.screenName()))
              .withApp(app)
              .withOAuth1(token));

      // A signed call; failures throw ApiException with the platform's own code and limits
      ApiResponse me =
          client.send(
              ApiRequest.get("/1.1/account/verify_credentials.json").build(),
              OAuth1Signer.create().authorization(OAuth1Credentials.user(app, token)));
      String screenName = me.json().orElseThrow().get("screen_name").asText();
      System.out.println(screenName + " " + me.rateLimit().orElseThrow());
    }
    // END README

    awaitPerson();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains(secondUser + " ");
    try (Keychain reopened = Keychain.open(options)) {
      assertThat(reopened.get(AccountId.parse("twitter/" + secondUser))).isPresent();
    }
  }

  @Test
  void oauth2Example() throws Exception {
    SandboxKeys keys = sandbox.keys(SandboxPlatform.TWITTER);
    SandboxOAuth2Client registered = sandbox.oauth2Client(SandboxPlatform.TWITTER);
    String consumerKey = keys.consumerKey();
    String consumerSecret = keys.consumerSecret();
    String clientId = registered.clientId();
    String clientSecret = registered.clientSecret();
    AccountId accountId = AccountId.parse("twitter/alice");
    Map<String, String> env = environment();
    stored(Account.empty(accountId));
    KeychainOptions options =
        KeychainOptions.builder(
                Keychain.defaultLocation(env), PassphraseSources.fromEnvironment(env))
            .build();
    HttpResponse<String> answered;
    BearerToken fetched;
    try (Keychain keychain = Keychain.open(options)) {

      // BEGIN README
      HttpClient http = HttpClient.newHttpClient();
      Platform x = Platforms.configured(env, Platforms.defaultConfigFile(env)).get("twitter");

      // App-only bearer token
      BearerToken bearer =
          new ClientCredentialsGrant(http, x, Clock.systemUTC())
              .fetch(AppCredentials.of(consumerKey, consumerSecret));

      // Authorization Code + PKCE through a one-shot loopback receiver
      OAuth2Client client = new OAuth2Client(clientId, Secret.of(clientSecret)); // or publicClient
      var grant =
          new AuthorizationCodeGrant(http, x, client, Clock.systemUTC(), new SecureRandom());
      OAuth2Token token;
      try (LoopbackReceiver receiver = LoopbackReceiver.open(0, "/callback")) {
        AuthorizationRequest request =
            grant.request(
                receiver.redirectUri(), List.of("tweet.read", "users.read", "offline.access"));
        System.out.println("Open " + request.uri());
        token = grant.exchange(request, receiver.awaitCode(request, Duration.ofMinutes(5)));
      }
      keychain.put(keychain.get(accountId).orElseThrow().withOAuth2(token));

      // Keep it fresh: refresh before expiry, and once after a 401, the rotated token stored first
      var refresh =
          new RefreshTokenGrant(
              http,
              x,
              new KeychainTokenStore(keychain),
              Clock.systemUTC(),
              RefreshTokenGrant.DEFAULT_MARGIN);
      HttpResponse<String> me =
          refresh.call(
              accountId,
              client,
              t ->
                  http.sendAsync(
                          HttpRequest.newBuilder(x.api("/2/users/me"))
                              .header("Authorization", "Bearer " + t.accessToken().reveal())
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .join(),
              r -> r.statusCode() == 401);

      RequiredScopes.check(accountId, token, "GET", "/2/users/me"); // names a missing scope
      new TokenRevocation(http, x).revoke(client, token); // RFC 7009
      // END README

      answered = me;
      fetched = bearer;
    }
    awaitPerson();
    assertThat(answered.statusCode()).isEqualTo(200);
    assertThat(fetched.token().reveal()).startsWith("AAAA");
  }

  private void awaitPerson() throws Exception {
    for (CompletableFuture<Void> act : person) {
      act.get(30, TimeUnit.SECONDS);
    }
  }

  /** What the person does on reading "Open URL": approve it, and type the PIN if one is shown. */
  private void act(URI url) {
    try {
      if (url.getPath().endsWith("/oauth/authorize")) {
        String requestToken = url.getQuery().replaceFirst("^.*oauth_token=([^&]+).*$", "$1");
        String who = sandbox.users(SandboxPlatform.TWITTER).get(1).screenName();
        String pin = sandbox.approve(SandboxPlatform.TWITTER, requestToken, who);
        for (byte b : (pin + "\n").getBytes(StandardCharsets.UTF_8)) {
          typed.add(b & 0xff);
        }
      } else {
        HttpResponse<String> page =
            browser.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = REQUEST_ID.matcher(page.body());
        assertThat(m.find()).as("a consent form at %s", url).isTrue();
        HttpResponse<String> posted =
            browser.send(
                HttpRequest.newBuilder(url)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "request_id=" + m.group(1) + "&allow=1"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        URI back = URI.create(posted.headers().firstValue("Location").orElseThrow());
        browser.send(HttpRequest.newBuilder(back).build(), HttpResponse.BodyHandlers.ofString());
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Standard output, watched for "Open URL" lines and also shown. */
  private final class Watched extends OutputStream {
    private final StringBuilder line = new StringBuilder();

    @Override
    public synchronized void write(int b) {
      printed.write(b);
      originalOut.write(b);
      if (b == '\n') {
        Matcher m = OPEN.matcher(line);
        if (m.find()) {
          URI url = URI.create(m.group(1));
          person.add(CompletableFuture.runAsync(() -> act(url)));
        }
        line.setLength(0);
      } else {
        line.append((char) b);
      }
    }
  }

  /** Standard input: what the person types; closed after 30 s of nothing. */
  private final class Typed extends InputStream {
    @Override
    public int read() {
      try {
        Integer b = typed.poll(30, TimeUnit.SECONDS);
        return b == null ? -1 : b;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (length == 0) {
        return 0;
      }
      int first = read();
      if (first < 0) {
        return -1;
      }
      buffer[offset] = (byte) first;
      int n = 1;
      Integer next;
      while (n < length && (next = typed.poll()) != null) {
        buffer[offset + n++] = (byte) (int) next;
      }
      return n;
    }
  }
}
