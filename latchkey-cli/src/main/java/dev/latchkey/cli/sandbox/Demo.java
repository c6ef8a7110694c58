package dev.latchkey.cli.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.cli.ExitCode;
import dev.latchkey.cli.keys.AccountView;
import dev.latchkey.cli.use.FailureHints;
import dev.latchkey.http.ApiClient;
import dev.latchkey.http.ApiException;
import dev.latchkey.http.ApiRequest;
import dev.latchkey.http.ApiResponse;
import dev.latchkey.http.Identity;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.BearerToken;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.KeychainOptions;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.keychain.Secret;
import dev.latchkey.oauth1.AuthorizationException;
import dev.latchkey.oauth1.OAuth1Credentials;
import dev.latchkey.oauth1.OAuth1Signer;
import dev.latchkey.oauth1.PinAuthorization;
import dev.latchkey.oauth1.TemporaryCredentials;
import dev.latchkey.oauth2.AuthorizationCodeGrant;
import dev.latchkey.oauth2.AuthorizationRequest;
import dev.latchkey.oauth2.ClientCredentialsGrant;
import dev.latchkey.oauth2.LoopbackReceiver;
import dev.latchkey.oauth2.OAuth2Client;
import dev.latchkey.oauth2.OAuth2Exception;
import dev.latchkey.platform.Hosts;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxOAuth2Client;
import dev.latchkey.sandbox.SandboxOptions;
import dev.latchkey.sandbox.SandboxPlatform;
import dev.latchkey.sandbox.SandboxUser;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The steps of {@code latchkey demo}, each printed as a person would see it with the real platform:
 * a numbered title, {@code …} lines for what the person does, {@code ✓} or {@code ✗} for the
 * outcome. The first failing step stops the story; the clean-up always runs.
 *
 * <p>Everything is real: the sandbox is the emulator {@code latchkey sandbox} runs, the keychain is
 * the encrypted one (at the default work factor), the flows are the library's ({@link
 * PinAuthorization}, {@link ClientCredentialsGrant}, {@link AuthorizationCodeGrant}), and the
 * authorize pages are fetched, parsed and submitted over HTTP by {@link DemoBrowser}.
 */
public final class Demo {
  static final int STEPS = 11;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TWITTER_DATE =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter SHORT_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean verbose;
  private final boolean keep;
  private final long seed;
  private final Clock clock;
  private final Consumer<Sandbox> sandboxHook;
  private final Integer testWorkFactor;
  private final OAuth1Signer signer = OAuth1Signer.create();

  private int step;
  private long keychainNanos;
  private int workFactor;
  private int keychainWrites;
  private int done;
  private String failedName;
  private String failure;

  private Sandbox sandbox;
  private DemoHttp http;
  private DemoBrowser browser;
  private Path directory;
  private char[] passphrase;
  private Keychain keychain;
  private Platform twitter;
  private Platform tumblr;
  private AccountId owner;
  private AccountId second;
  private AccountId tumblrOwner;

  Demo(
      PrintWriter out,
      PrintWriter err,
      boolean verbose,
      boolean keep,
      long seed,
      Clock clock,
      Consumer<Sandbox> sandboxHook,
      Integer testWorkFactor) {
    this.out = out;
    this.err = err;
    this.verbose = verbose;
    this.keep = keep;
    this.seed = seed;
    this.clock = clock;
    this.sandboxHook = sandboxHook;
    this.testWorkFactor = testWorkFactor;
  }

  /** A step's work; any exception it throws fails the step with the exception's message. */
  private interface Body {
    void run() throws Exception;
  }

  /** Runs every step and returns the exit code. */
  int run() {
    long started = System.nanoTime();
    out.println(
        "latchkey demo: the whole story against the offline sandbox; nothing leaves 127.0.0.1.");
    out.println();
    try {
      step(
          "sandbox",
          "Start the sandbox (it stands in for api.x.com, api.tumblr.com and www.tumblr.com)",
          this::startSandbox);
      step("keychain", "Create a throwaway keychain", this::createKeychain);
      step(
          "keys add",
          "Add the apps' keys, as pasted from the developer portals (latchkey keys add)",
          this::addKeys);
      step(
          "PIN flow",
          "Authorize a second X account with the PIN flow (latchkey auth twitter --pin)",
          this::pinFlow);
      step(
          "status",
          "Check every stored account against its API (latchkey status)",
          this::checkAccounts);
      step(
          "timeline",
          "Read one page of a timeline (GET /1.1/statuses/user_timeline.json)",
          this::timeline);
      step(
          "Tumblr blog info",
          "Read a Tumblr blog's info with the app's key (GET /v2/blog/{blog}/info?api_key=…)",
          this::blogInfo);
      step(
          "bearer token",
          "Get an app-only bearer token (latchkey auth twitter --bearer)",
          this::bearer);
      step(
          "PKCE flow",
          "Authorize with OAuth 2 and PKCE through a loopback redirect (latchkey auth twitter"
              + " --oauth2)",
          this::pkce);
      step("users/me", "Verify the OAuth 2 user token (GET /2/users/me)", this::usersMe);
    } finally {
      cleanUp();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    out.println();
    if (failure == null) {
      out.printf(
          Locale.ROOT,
          "✓ All %d steps worked in %.1f s, %.1f s of it in the keychain's scrypt (%d writes at"
              + " 2^%d).%n",
          STEPS,
          seconds,
          keychainNanos / 1e9,
          keychainWrites,
          workFactor);
      out.println(
          "  With your own keys: latchkey keys add twitter/NAME, then latchkey auth twitter and"
              + " latchkey status.");
      out.flush();
      return ExitCode.OK;
    }
    out.printf(
        Locale.ROOT,
        "✗ %d of %d steps worked; step %d failed, the steps after it did not run.%n",
        done,
        STEPS,
        step);
    out.flush();
    err.println("latchkey: demo step " + step + " (" + failedName + ") failed: " + failure);
    err.flush();
    return ExitCode.FAILURE;
  }

  private void step(String name, String title, Body body) {
    if (failure != null) {
      return;
    }
    step++;
    out.printf(Locale.ROOT, "%2d. %s%n", step, title);
    out.flush();
    try {
      body.run();
      done++;
    } catch (Exception e) {
      failedName = name;
      failure = describe(e);
      line("✗ " + failure);
      if (verbose && !(e instanceof DemoFailure)) {
        e.printStackTrace(err);
        err.flush();
      }
    }
  }

  /** One line a library exception is allowed to show: their messages never hold secrets. */
  private static String describe(Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    if (e instanceof DemoFailure
        || e instanceof ApiException
        || e instanceof KeychainException
        || e instanceof OAuth2Exception
        || e instanceof AuthorizationException
        || e instanceof IOException
        || e instanceof IllegalStateException) {
      String m = e.getMessage();
      return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().get();
    }
    return "unexpected error ("
        + e.getClass().getSimpleName()
        + "); run with --verbose for details";
  }

  // ---- 1. sandbox -------------------------------------------------------------------------------

  private void startSandbox() {
    sandbox =
        Sandbox.start(SandboxOptions.builder().port(0).seed(seed).random(new Random(seed)).build());
    sandboxHook.accept(sandbox);
    http = new DemoHttp(verbose ? out : null);
    browser = new DemoBrowser(http);
    twitter = Platforms.twitter().withHosts(Hosts.all(sandbox.twitterBase()));
    tumblr = Platforms.tumblr().withHosts(Hosts.all(sandbox.tumblrBase()));
    ok("sandbox running at " + sandbox.baseUri() + " (seed " + seed + ")");
    line("  X (Twitter) at " + sandbox.twitterBase() + ", Tumblr at " + sandbox.tumblrBase());
  }

  // ---- 2. keychain ------------------------------------------------------------------------------

  private void createKeychain() throws IOException, KeychainException {
    directory =
        Files.createTempDirectory(
            "latchkey-demo-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    passphrase = Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
    Arrays.fill(random, (byte) 0);
    KeychainOptions.Builder options =
        KeychainOptions.builder(
                directory.resolve(Keychain.FILE_NAME), creating -> passphrase.clone())
            .createIfMissing(true)
            .workFactor(KeychainOptions.MINIMUM_WORK_FACTOR)
            .clock(clock);
    workFactor = KeychainOptions.MINIMUM_WORK_FACTOR;
    if (testWorkFactor != null) {
      options.weakWorkFactorForTesting(testWorkFactor);
      workFactor = testWorkFactor;
    }
    long opening = System.nanoTime();
    keychain = Keychain.open(options.build());
    keychainNanos += System.nanoTime() - opening;
    ok(
        "created "
            + keychain.path()
            + " (directory mode 0700), encrypted with a passphrase made from 24 random bytes");
    line(
        "  age scrypt work factor 2^"
            + workFactor
            + (testWorkFactor != null
                ? " (weakened for tests)"
                : ", the least Latchkey writes, to keep the demo quick (your own keychain: 2^"
                    + KeychainOptions.DEFAULT_WORK_FACTOR
                    + ")"));
  }

  // ---- 3. keys add ------------------------------------------------------------------------------

  private void addKeys() throws KeychainException {
    SandboxUser twitterOwner = sandbox.users(SandboxPlatform.TWITTER).get(0);
    SandboxUser tumblrUser = sandbox.users(SandboxPlatform.TUMBLR).get(0);
    owner = new AccountId("twitter", twitterOwner.screenName());
    tumblrOwner = new AccountId("tumblr", tumblrUser.screenName());

    SandboxKeys x = sandbox.keys(SandboxPlatform.TWITTER);
    SandboxOAuth2Client client = sandbox.oauth2Client(SandboxPlatform.TWITTER);
    line("X developer portal, the app of @" + twitterOwner.screenName() + ", \"Keys and tokens\":");
    field("API key (consumer key)", x.consumerKey());
    field("API key secret", x.consumerSecret());
    field("Access token", x.accessToken());
    field("Access token secret", x.accessTokenSecret());
    line(String.format(Locale.ROOT, "  %-30s %s", "OAuth 2.0 Client ID", client.clientId()));
    if (client.clientSecret() != null) {
      field("OAuth 2.0 Client Secret", client.clientSecret());
    }
    AppCredentials app =
        AppCredentials.of(x.consumerKey(), x.consumerSecret())
            .withOAuth2Client(client.clientId(), Secret.ofNullable(client.clientSecret()));
    add(
        Account.empty(owner)
            .withApp(app)
            .withOAuth1(OAuth1Token.of(x.accessToken(), x.accessTokenSecret())));

    SandboxKeys t = sandbox.keys(SandboxPlatform.TUMBLR);
    line("Tumblr's app page, the app of " + tumblrUser.screenName() + ":");
    field("OAuth consumer key", t.consumerKey());
    field("Secret key", t.consumerSecret());
    field("Token (from the API console)", t.accessToken());
    field("Token secret", t.accessTokenSecret());
    add(
        Account.empty(tumblrOwner)
            .withApp(AppCredentials.of(t.consumerKey(), t.consumerSecret()))
            .withOAuth1(OAuth1Token.of(t.accessToken(), t.accessTokenSecret())));
  }

  private void field(String name, String value) {
    line(String.format(Locale.ROOT, "  %-30s %s", name, Secret.of(value).masked()));
  }

  private void add(Account account) throws KeychainException {
    store(account, false);
    boolean isDefault =
        keychain.defaultAccount(account.id().platform()).map(account.id()::equals).orElse(false);
    ok(
        "added "
            + AccountView.summary(account)
            + (isDefault ? ", the default " + account.id().platform() + " account" : ""));
  }

  // ---- 4. PIN flow ------------------------------------------------------------------------------

  private void pinFlow() throws Exception {
    SandboxUser person = sandbox.users(SandboxPlatform.TWITTER).get(1);
    AppCredentials app = app(owner);
    PinAuthorization pin = new PinAuthorization(client(twitter), app);
    TemporaryCredentials started = pin.start(null);
    ok("got a request token (POST /oauth/request_token, oauth_callback=oob)");
    line("Open this page in a browser where you are signed in to the account to add,");
    line("approve the app, and type the PIN it shows:");
    line("  " + started.authorizeUri());

    DemoBrowser.Page page = browser.open(started.authorizeUri());
    expectPage(page, "the authorize page");
    act("opening the authorize page: \"" + page.text("h1") + "\"");
    act("signing in as @" + person.screenName() + " (" + person.name() + ")");
    act("clicking \"" + buttonText(page, "allow") + "\"");
    DemoBrowser.Page answer =
        browser.signInAndPress(page, "oauth_form", person.screenName(), "allow");
    expectPage(answer, "the page after Authorize");
    String shown = answer.text("#oauth_pin code");
    if (shown == null || shown.isEmpty()) {
      throw new DemoFailure(
          "the page after Authorize shows no PIN (no <code> in <div id=\"oauth_pin\">)");
    }
    act("the page shows PIN " + shown);
    act("typing the PIN into Latchkey's prompt");
    OAuth1Token token = pin.complete(started, shown);
    ok(
        "access token for @"
            + token.screenName()
            + " (user id "
            + token.userId()
            + ", access level "
            + token.accessLevel()
            + "): "
            + token.token().masked());
    second = new AccountId("twitter", token.screenName());
    Account saved = Account.empty(second).withApp(app).withOAuth1(token);
    store(saved, false);
    ok("saved as " + AccountView.summary(saved) + ", named after the screen name");
  }

  private static String buttonText(DemoBrowser.Page page, String id) {
    String text = page.text("#" + id);
    return text == null || text.isEmpty() ? id : text;
  }

  private static void expectPage(DemoBrowser.Page page, String what) {
    if (page.status() != 200) {
      String why = page.text("#oauth_error");
      throw new DemoFailure(
          what
              + " answered HTTP "
              + page.status()
              + (why == null ? "" : ": " + why)
              + " ("
              + DemoBrowser.withoutQuery(page.uri())
              + ")");
    }
  }

  // ---- 5. status --------------------------------------------------------------------------------

  private void checkAccounts() throws Exception {
    List<Account> accounts = new ArrayList<>(keychain.accounts());
    accounts.sort(Comparator.comparing(a -> a.id().toString()));
    for (Account a : accounts) {
      if (a.app() == null || a.oauth1() == null) {
        continue;
      }
      Platform p = a.id().platform().equals("twitter") ? twitter : tumblr;
      Identity who;
      try {
        who = client(p).verify(signer.authorization(OAuth1Credentials.user(a.app(), a.oauth1())));
      } catch (ApiException e) {
        // What latchkey status would say: the platform's answer, then the fix.
        throw new DemoFailure(
            a.id() + ": " + e.getMessage() + "; " + FailureHints.fix(p, a.id().name(), e));
      }
      String name = p == twitter ? "@" + who.screenName() : who.screenName();
      ok(
          String.format(
              Locale.ROOT,
              "%-22s %-16s %s",
              a.id(),
              name,
              who.accessLevel() == null
                  ? "(Tumblr reports no access level)"
                  : "x-access-level: " + who.accessLevel()));
    }
  }

  // ---- 6. timeline ------------------------------------------------------------------------------

  private void timeline() throws Exception {
    Account account = keychain.get(second).orElseThrow();
    ApiResponse r =
        client(twitter)
            .send(
                ApiRequest.get("/1.1/statuses/user_timeline.json")
                    .query("count", "20")
                    .query("tweet_mode", "extended")
                    .build(),
                signer.authorization(OAuth1Credentials.user(account.app(), account.oauth1())));
    JsonNode tweets = r.json().filter(JsonNode::isArray).orElse(null);
    if (tweets == null) {
      throw new DemoFailure("the timeline answer is not a JSON array of tweets");
    }
    String remaining = r.header("x-rate-limit-remaining").orElse("?");
    String limit = r.header("x-rate-limit-limit").orElse("?");
    ok(
        "@"
            + account.oauth1().screenName()
            + "'s timeline: "
            + tweets.size()
            + " tweets on this page (rate limit: "
            + remaining
            + " of "
            + limit
            + " calls left); the latest three:");
    for (int i = 0; i < Math.min(3, tweets.size()); i++) {
      JsonNode t = tweets.get(i);
      String text = t.path("full_text").asText(t.path("text").asText(""));
      line("  " + shortDate(t.path("created_at").asText("")) + "  " + shorten(text, 64));
    }
  }

  private static String shortDate(String twitterDate) {
    try {
      return SHORT_DATE.format(ZonedDateTime.parse(twitterDate, TWITTER_DATE));
    } catch (DateTimeParseException e) {
      return twitterDate;
    }
  }

  private static String shorten(String text, int max) {
    String one = text.replaceAll("\\s+", " ").strip();
    return one.length() <= max ? one : one.substring(0, max - 1) + "…";
  }

  // ---- 7. Tumblr blog info ----------------------------------------------------------------------

  private void blogInfo() throws Exception {
    Account account = keychain.get(tumblrOwner).orElseThrow();
    String blog = tumblrOwner.name() + ".tumblr.com";
    URI uri =
        tumblr.api(
            "/v2/blog/"
                + blog
                + "/info?api_key="
                + URLEncoder.encode(account.app().consumerKey().reveal(), StandardCharsets.UTF_8));
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("User-Agent", ApiClient.USER_AGENT)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (IOException e) {
      body = null;
    }
    if (r.statusCode() != 200 || body == null) {
      String msg = body == null ? "" : body.path("meta").path("msg").asText("");
      throw new DemoFailure(
          "Tumblr answered HTTP "
              + r.statusCode()
              + (msg.isEmpty() ? "" : " (" + msg + ")")
              + " for GET /v2/blog/"
              + blog
              + "/info");
    }
    JsonNode b = body.path("response").path("blog");
    long updated = b.path("updated").asLong(0);
    ok(
        blog
            + " \""
            + b.path("title").asText()
            + "\": "
            + b.path("posts").asInt()
            + " posts, last updated "
            + (updated == 0 ? "never" : SHORT_DATE.format(Instant.ofEpochSecond(updated))));
    String description = b.path("description").asText("");
    if (!description.isBlank()) {
      line("  " + shorten(description, 72));
    }
  }

  // ---- 8. bearer --------------------------------------------------------------------------------

  private void bearer() throws Exception {
    ClientCredentialsGrant grant = new ClientCredentialsGrant(http, twitter, clock);
    String tokenPath = twitter.api(twitter.oauth2().orElseThrow().appOnlyTokenPath()).getRawPath();
    BearerToken first = appOnlyToken(grant);
    ok(
        "POST /oauth2/token (Basic auth with the API key and secret) gave "
            + first.token().masked()
            + "; saved in "
            + owner);
    act("needing it again, as the next run of a script would");
    BearerToken again = appOnlyToken(grant);
    int fetched = http.calls(tokenPath);
    if (!again.token().equals(first.token()) || fetched != 1) {
      throw new DemoFailure(
          "the bearer token was fetched " + fetched + " times; it should be fetched once and kept");
    }
    ok(
        "reused the stored token (obtained "
            + SHORT_DATE.format(again.obtainedAt())
            + "); not fetched again");
    try {
      client(twitter).sendBearer(ApiRequest.get("/2/users/me").build(), again.token());
      throw new DemoFailure(
          "GET /2/users/me accepted the app-only token; X refuses app-only tokens there");
    } catch (ApiException e) {
      String title = e.problem().map(p -> p.title()).orElse("");
      if (e.status() != 403 || !title.equals("Unsupported Authentication")) {
        throw new DemoFailure(
            "GET /2/users/me with the app-only token: "
                + e.getMessage()
                + "; X answers 403 Unsupported Authentication to a valid app-only token there");
      }
    }
    ok(
        "X accepts it as the app's token: GET /2/users/me answers 403 \"Unsupported"
            + " Authentication\", as X does, because that endpoint needs a user's token (next step)");
  }

  /** The stored app-only token, or a new one fetched once and stored. */
  private BearerToken appOnlyToken(ClientCredentialsGrant grant) throws Exception {
    Account account = keychain.get(owner).orElseThrow();
    if (account.bearer() != null) {
      return account.bearer();
    }
    BearerToken token = grant.fetch(account.app());
    store(account.withBearer(token), true);
    return token;
  }

  // ---- 9. PKCE ----------------------------------------------------------------------------------

  private OAuth2Token userToken;

  private void pkce() throws Exception {
    SandboxUser person = sandbox.users(SandboxPlatform.TWITTER).get(1);
    AppCredentials app = app(owner);
    AuthorizationCodeGrant grant =
        new AuthorizationCodeGrant(http, twitter, OAuth2Client.of(app), clock, new SecureRandom());
    try (LoopbackReceiver receiver = LoopbackReceiver.open(0, "/callback")) {
      AuthorizationRequest request =
          grant.request(receiver.redirectUri(), twitter.oauth2().orElseThrow().defaultScopes());
      ok(
          "listening for the redirect at "
              + receiver.redirectUri()
              + " (one request, then it stops)");
      line("Open this page in a browser where you are signed in to X, and approve:");
      line("  " + request.uri());
      DemoBrowser.Page page = browser.open(request.uri());
      expectPage(page, "the OAuth 2 authorize page");
      act("opening the authorize page: \"" + page.text("h1") + "\"");
      List<String> asked = page.document().select("#scopes li").eachText();
      act(
          "signing in as @"
              + person.screenName()
              + "; the page asks for "
              + (asked.isEmpty()
                  ? String.join(", ", twitter.oauth2().orElseThrow().defaultScopes())
                  : asked.size() + " permissions"));
      act("clicking \"" + buttonText(page, "allow") + "\"");
      DemoBrowser.Page answer =
          browser.signInAndPress(page, "oauth_form", person.screenName(), "allow");
      if (!answer.isRedirect()) {
        String why = answer.text("#oauth_error");
        throw new DemoFailure(
            "the authorize page did not send the browser back (HTTP "
                + answer.status()
                + (why == null ? "" : ": " + why)
                + ")");
      }
      URI back = URI.create(answer.location());
      act("the browser is sent back to " + DemoBrowser.withoutQuery(back) + "?state=…&code=…");
      CompletableFuture<DemoBrowser.Page> landing = browser.openLater(back);
      String code = receiver.awaitCode(request, TIMEOUT);
      DemoBrowser.Page landed;
      try {
        landed = landing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new DemoFailure("the browser got no page from " + DemoBrowser.withoutQuery(back));
      }
      act("the tab says \"" + landed.title() + "\"; Latchkey checked the state");
      userToken = grant.exchange(request, code);
      Account account = keychain.get(second).orElseThrow();
      store(account.withOAuth2(userToken), true);
      long minutes =
          userToken.expiresAt() == null
              ? -1
              : Duration.between(clock.instant(), userToken.expiresAt()).toMinutes();
      ok(
          "exchanged the code and PKCE verifier at POST /2/oauth2/token: access token "
              + userToken.accessToken().masked()
              + (userToken.refreshToken() == null
                  ? ""
                  : ", refresh token " + userToken.refreshToken().masked())
              + (minutes < 0
                  ? ""
                  : ", valid " + (minutes >= 60 ? (minutes + 1) / 60 + " h" : minutes + " min")));
      ok("scopes " + String.join(" ", new TreeSet<>(userToken.scopes())) + "; saved in " + second);
    }
  }

  // ---- 10. /2/users/me --------------------------------------------------------------------------

  private void usersMe() throws Exception {
    ApiResponse r =
        client(twitter).sendBearer(ApiRequest.get("/2/users/me").build(), userToken.accessToken());
    JsonNode body = r.json().orElseThrow(() -> new DemoFailure("GET /2/users/me answered no JSON"));
    JsonNode data = body.path("data");
    ok(
        "@"
            + data.path("username").asText()
            + " ("
            + data.path("name").asText()
            + ", id "
            + data.path("id").asText()
            + "), with OAuth 2 user context");
  }

  // ---- 11. clean up -----------------------------------------------------------------------------

  private void cleanUp() {
    if (failure == null) {
      step++;
      out.printf(Locale.ROOT, "%2d. Clean up%n", step);
    } else {
      out.println("    Clean up"); // the failed step keeps its number in the summary
    }
    List<String> problems = new ArrayList<>();
    if (keychain != null) {
      keychain.close();
    }
    if (directory != null) {
      if (keep) {
        try {
          Path file = directory.resolve("passphrase");
          Files.writeString(
              file,
              new String(passphrase) + "\n",
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE);
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
          ok("kept " + directory + " (--keep); the sandbox's tokens stop working with it");
          line(
              "  look inside: LATCHKEY_PASSPHRASE_FILE="
                  + file
                  + " latchkey --keychain "
                  + directory.resolve(Keychain.FILE_NAME)
                  + " keys list");
        } catch (IOException e) {
          problems.add("cannot write the passphrase file in " + directory);
        }
      } else {
        try {
          deleteTree(directory);
          ok("deleted the keychain, its directory and the passphrase (it was only in memory)");
        } catch (IOException e) {
          problems.add("cannot delete " + directory + "; remove it by hand");
        }
      }
    }
    if (passphrase != null) {
      Arrays.fill(passphrase, '\0');
    }
    if (sandbox != null) {
      sandbox.close();
      ok("stopped the sandbox");
    }
    if (problems.isEmpty()) {
      if (failure == null) {
        done++;
      }
    } else {
      for (String p : problems) {
        line("✗ " + p);
      }
      if (failure == null) {
        failedName = "clean up";
        failure = String.join("; ", problems);
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** Writes one account, as the command it stands for would; the time goes to the summary. */
  private void store(Account account, boolean replace) throws KeychainException {
    long started = System.nanoTime();
    if (replace) {
      keychain.put(account);
    } else {
      keychain.add(account);
    }
    keychainNanos += System.nanoTime() - started;
    keychainWrites++;
  }

  private ApiClient client(Platform platform) {
    return new ApiClient(http, platform, clock, TIMEOUT);
  }

  private AppCredentials app(AccountId id) {
    return keychain
        .get(id)
        .map(Account::app)
        .orElseThrow(() -> new DemoFailure("no app keys in " + id + "; step 3 stores them"));
  }

  private void ok(String text) {
    line("✓ " + text);
  }

  private void act(String text) {
    line("… " + text);
  }

  private void line(String text) {
    out.println("    " + text);
    out.flush();
  }
}
