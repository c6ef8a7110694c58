package dev.latchkey.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real client libraries against the sandbox (issue 9): tweepy (Debian's {@code python3-tweepy}),
 * twitter-api-v2 and tumblr.js (npm, installed by {@code scripts/install-client-libs}). Each script
 * under {@code src/test/clients} is written for the real hosts and reaches the sandbox only through
 * environment variables: {@code HTTPS_PROXY} to the sandbox's proxy and the CA file in {@code
 * REQUESTS_CA_BUNDLE} / {@code NODE_EXTRA_CA_CERTS} (Node also gets {@code NODE_OPTIONS=--require
 * proxy-agent.cjs}, as Node 20 has no proxy support of its own). A script prints one JSON line per
 * call; each call is one test here.
 *
 * <p>A missing tool skips its script with a message. A call that fails because the sandbox lacks
 * what it needs (an endpoint answering 404 to a bare request, app-only access, rate-limit
 * enforcement, a leniency) skips with that reason; any other failure fails.
 */
class SandboxClientLibrariesTest {
  static final Path CLIENTS = Path.of("src/test/clients").toAbsolutePath();
  static final Path PYTHON = Path.of("/usr/bin/python3");
  static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);
  static final String DATA_API = "issue 9's data API (branch sandbox-data)";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Map<String, Boolean> PROBES = new ConcurrentHashMap<>();

  @TempDir static Path dir;
  static Sandbox sandbox;
  static Path caFile;

  /**
   * For the scripts that run into rate limits: X's 15-minute window shortened to 3 s, and three
   * calls a window for the endpoints they repeat.
   */
  static Sandbox limited;

  static Path limitedCaFile;

  @BeforeAll
  static void start() {
    caFile = dir.resolve("sandbox-ca.pem");
    sandbox = Sandbox.start(SandboxOptions.builder().proxyPort(0).caCertificate(caFile).build());
    limitedCaFile = dir.resolve("limited-ca.pem");
    limited =
        Sandbox.start(
            SandboxOptions.builder()
                .proxyPort(0)
                .caCertificate(limitedCaFile)
                .rateWindow(Duration.ofSeconds(3))
                .rateLimit("/1.1/users/show.json", 3)
                .rateLimit("/2/users/me", 3)
                .build());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
    limited.close();
  }

  /** One call a script makes, and what the sandbox must offer for it to pass. */
  record Call(String name, List<Requirement> requires) {
    static Call of(String name, Requirement... requires) {
      return new Call(name, List.of(requires));
    }
  }

  /**
   * Something the sandbox must offer; {@code met} probes it (given the failure's detail, for
   * requirements that only a symptom reveals).
   */
  record Requirement(String reason, Predicate<String> met) {
    static Requirement probe(String reason, Supplier<Boolean> probe) {
      return new Requirement(reason, detail -> PROBES.computeIfAbsent(reason, k -> probe.get()));
    }
  }

  // ---- what the scripts call -------------------------------------------------------------------

  @TestFactory
  Stream<DynamicTest> tweepyApiV11() {
    return python(
        "tweepy_v1.py",
        Map.of(),
        Call.of("v1.verify_credentials"),
        Call.of("v1.get_user"),
        Call.of("v1.user_timeline_to_the_end"),
        Call.of("v1.search_tweets", served("GET", "/twitter/1.1/search/tweets.json")),
        Call.of("v1.get_follower_ids", served("GET", "/twitter/1.1/followers/ids.json")),
        Call.of("v1.get_followers", served("GET", "/twitter/1.1/followers/list.json")),
        Call.of("v1.get_friends", served("GET", "/twitter/1.1/friends/list.json")),
        Call.of("v1.lookup_users", served("GET", "/twitter/1.1/users/lookup.json")),
        Call.of(
            "v1.app_only_reads",
            appOnly("/twitter/1.1/users/show.json?screen_name=ada_sandbox"),
            appOnly("/twitter/1.1/statuses/user_timeline.json?screen_name=ada_sandbox")));
  }

  @TestFactory
  Stream<DynamicTest> tweepyClientV2() {
    return python(
        "tweepy_v2.py",
        Map.of(),
        Call.of("v2.get_me"),
        Call.of("v2.get_user_by_username"),
        Call.of("v2.get_users", served("GET", "/twitter/2/users")),
        Call.of("v2.users_tweets_to_the_end"),
        Call.of("v2.search_recent_tweets", served("GET", "/twitter/2/tweets/search/recent")),
        Call.of("v2.get_users_followers", served("GET", "/twitter/2/users/1/followers")),
        Call.of("v2.get_users_following", served("GET", "/twitter/2/users/1/following")),
        Call.of("v2.app_only_users_tweets", appOnly("/twitter/2/users/1/tweets")),
        Call.of(
            "v2.get_tweet_and_tweets",
            appOnly("/twitter/2/users/1/tweets"),
            served("GET", "/twitter/2/tweets/1"),
            served("GET", "/twitter/2/tweets")));
  }

  @TestFactory
  Stream<DynamicTest> tweepyWaitsOnTheRateLimit() {
    return python(
        limited,
        "tweepy_rate_limit.py",
        Map.of("X_CALLS", "5"),
        Call.of("v1.wait_on_rate_limit", rateLimitsEnforced()),
        Call.of("v2.wait_on_rate_limit", rateLimitsEnforced()));
  }

  @TestFactory
  Stream<DynamicTest> tweepyPkceFlow() {
    // A callback on http://127.0.0.1 needs oauthlib's opt-in, as every tweepy user sets it.
    return python(
        "tweepy_pkce.py",
        Map.of("OAUTHLIB_INSECURE_TRANSPORT", "1"),
        Call.of(
            "oauth2.pkce_user_handler",
            new Requirement(
                "X accepts the 171-character code verifier of Debian's oauthlib (" + DATA_API + ")",
                detail -> !detail.contains("code verifier was invalid"))));
  }

  @TestFactory
  Stream<DynamicTest> twitterApiV2() {
    return node(
        limited,
        "twitter_api_v2.cjs",
        Map.of("X_CALLS", "5"),
        Call.of("v1.verifyCredentials"),
        Call.of("v1.userTimeline_to_the_end"),
        Call.of("v1.search", served("GET", "/twitter/1.1/search/tweets.json")),
        Call.of("v1.users_lookup", served("GET", "/twitter/1.1/users/lookup.json")),
        Call.of("v2.me"),
        Call.of("v2.userByUsername"),
        Call.of("v2.users_by_ids_and_usernames", served("GET", "/twitter/2/users/by")),
        Call.of("v2.userTimeline_to_the_end"),
        Call.of("v2.app_only_userTimeline", appOnly("/twitter/2/users/1/tweets")),
        Call.of("v2.search", served("GET", "/twitter/2/tweets/search/recent")),
        Call.of("v2.followers", served("GET", "/twitter/2/users/1/followers")),
        Call.of("v2.429_then_retry_after_reset", rateLimitsEnforced()));
  }

  @TestFactory
  Stream<DynamicTest> tumblrJs() {
    return node(
        sandbox,
        "tumblr_js.cjs",
        Map.of(),
        Call.of("userInfo"),
        Call.of("blogInfo_with_api_key"),
        Call.of("blogPosts_to_the_end"),
        Call.of(
            "blogPosts_npf",
            Requirement.probe(
                "npf=true answered with NPF posts (" + DATA_API + ")", () -> npfServed())),
        Call.of("taggedPosts", served("GET", "/tumblr/v2/tagged")),
        Call.of("userDashboard", served("GET", "/tumblr/v2/user/dashboard")),
        Call.of("userLikes", served("GET", "/tumblr/v2/user/likes")),
        Call.of("userFollowing", served("GET", "/tumblr/v2/user/following")),
        Call.of(
            "blogFollowers_of_own_blog", served("GET", "/tumblr/v2/blog/ada-sandbox/followers")));
  }

  // ---- running the scripts ---------------------------------------------------------------------

  private Stream<DynamicTest> python(String script, Map<String, String> extra, Call... calls) {
    return python(sandbox, script, extra, calls);
  }

  private Stream<DynamicTest> python(
      Sandbox target, String script, Map<String, String> extra, Call... calls) {
    Optional<String> missing = pythonMissing();
    return run(
        target,
        "tweepy",
        missing,
        List.of(PYTHON.toString(), CLIENTS.resolve("python").resolve(script).toString()),
        Map.of("REQUESTS_CA_BUNDLE", ca(target).toString()),
        extra,
        calls);
  }

  private static Path ca(Sandbox target) {
    return target == limited ? limitedCaFile : caFile;
  }

  private Stream<DynamicTest> node(
      Sandbox target, String script, Map<String, String> extra, Call... calls) {
    Path modules = npmCache().resolve("node_modules");
    Optional<String> missing =
        Files.isDirectory(modules.resolve("twitter-api-v2"))
                && Files.isDirectory(modules.resolve("tumblr.js"))
                && Files.isDirectory(modules.resolve("https-proxy-agent"))
            ? (works("node", "--version") ? Optional.empty() : Optional.of("node is not on PATH"))
            : Optional.of(
                "the npm client libraries are not in "
                    + modules
                    + "; run scripts/install-client-libs (CI does)");
    Path nodeDir = CLIENTS.resolve("node");
    return run(
        target,
        script.replace(".cjs", ""),
        missing,
        List.of("node", nodeDir.resolve(script).toString()),
        Map.of(
            "NODE_EXTRA_CA_CERTS",
            ca(target).toString(),
            "NODE_PATH",
            modules.toString(),
            "NODE_OPTIONS",
            "--require " + nodeDir.resolve("proxy-agent.cjs")),
        extra,
        calls);
  }

  private Stream<DynamicTest> run(
      Sandbox target,
      String client,
      Optional<String> missing,
      List<String> command,
      Map<String, String> trust,
      Map<String, String> extra,
      Call... calls) {
    if (missing.isPresent()) {
      return Stream.of(
          DynamicTest.dynamicTest(
              client + " is not installed", () -> Assumptions.abort("skipped: " + missing.get())));
    }
    Map<String, JsonNode> results = runScript(target, command, trust, extra);
    List<DynamicTest> tests = new ArrayList<>();
    for (Call call : calls) {
      tests.add(
          DynamicTest.dynamicTest(
              client + " " + call.name(), () -> check(client, call, results.get(call.name()))));
    }
    return tests.stream();
  }

  private static void check(String client, Call call, JsonNode result) {
    if (result == null) {
      fail(call.name() + " printed no result (did the script crash? see the output above)");
    }
    if (result.path("ok").asBoolean()) {
      assertThat(result.path("detail").asText()).isNotBlank();
      System.out.println(
          "PASS " + client + " " + call.name() + ": " + result.path("detail").asText());
      return;
    }
    String detail = result.path("detail").asText();
    for (Requirement r : call.requires()) {
      if (!r.met().test(detail)) {
        Assumptions.abort("skipped until the sandbox offers it: " + r.reason());
      }
    }
    fail(
        call.name()
            + " failed: "
            + result.path("detail").asText()
            + "\n"
            + result.path("trace").asText());
  }

  /** Runs the script with nothing but the environment pointing it at the sandbox. */
  private static Map<String, JsonNode> runScript(
      Sandbox target, List<String> command, Map<String, String> trust, Map<String, String> extra) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    for (String name : List.of("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY")) {
      env.remove(name);
      env.remove(name.toLowerCase(java.util.Locale.ROOT));
    }
    env.put("HTTPS_PROXY", target.proxyUri().orElseThrow().toString());
    env.putAll(trust);
    env.putAll(keys(target));
    env.putAll(extra);
    Map<String, JsonNode> results = new LinkedHashMap<>();
    StringBuilder other = new StringBuilder();
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(command + " did not finish within " + SCRIPT_TIMEOUT);
      }
      for (String line : output.split("\n")) {
        if (line.startsWith("{\"call\"")) {
          JsonNode node = JSON.readTree(line);
          results.put(node.path("call").asText(), node);
        } else if (!line.isBlank()) {
          other.append(line).append('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (other.length() > 0) {
      System.out.println(String.join(" ", command) + " also printed:\n" + other);
    }
    return results;
  }

  /** What a script needs to know, as a user would export it: keys and the seeded accounts. */
  private static Map<String, String> keys(Sandbox target) {
    SandboxKeys x = target.keys(SandboxPlatform.TWITTER);
    SandboxKeys t = target.keys(SandboxPlatform.TUMBLR);
    SandboxOAuth2Client oauth2 = target.oauth2Client(SandboxPlatform.TWITTER);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("X_CONSUMER_KEY", x.consumerKey());
    env.put("X_CONSUMER_SECRET", x.consumerSecret());
    env.put("X_ACCESS_TOKEN", x.accessToken());
    env.put("X_ACCESS_TOKEN_SECRET", x.accessTokenSecret());
    env.put("X_CLIENT_ID", oauth2.clientId());
    env.put("X_CLIENT_SECRET", oauth2.clientSecret());
    env.put("X_TARGET", "brook_sandbox");
    env.put("X_CAPPED", "capped_sandbox");
    env.put("X_CAPPED_ID", userId(target, "capped_sandbox"));
    env.put("X_POPULAR", "popular_sandbox");
    env.put("X_OTHERS", "cyd_sandbox,dana_sandbox");
    env.put("X_PKCE_USER", "cyd_sandbox");
    env.put("T_CONSUMER_KEY", t.consumerKey());
    env.put("T_CONSUMER_SECRET", t.consumerSecret());
    env.put("T_TOKEN", t.accessToken());
    env.put("T_TOKEN_SECRET", t.accessTokenSecret());
    env.put("T_BLOG", "brook-sandbox");
    env.put("T_OWN_BLOG", "ada-sandbox");
    return env;
  }

  // ---- what the sandbox offers -----------------------------------------------------------------

  /** An endpoint the sandbox serves: a bare request gets anything but 404. */
  private static Requirement served(String method, String path) {
    return Requirement.probe(
        method + " " + path + " (" + DATA_API + ")",
        () -> status(HttpRequest.newBuilder(sandboxUri(path)).method(method, noBody())) != 404);
  }

  /** A read X serves to app-only bearer tokens: not refused with 403. */
  private static Requirement appOnly(String path) {
    return Requirement.probe(
        "app-only bearer access to GET " + path + " (" + DATA_API + ")",
        () ->
            status(
                    HttpRequest.newBuilder(sandboxUri(path))
                        .header("Authorization", "Bearer " + bearerToken()))
                != 403);
  }

  /** Enforced rate limits, which come with the data API's rate-limit status endpoint. */
  private static Requirement rateLimitsEnforced() {
    return Requirement.probe(
        "enforced rate limits with a short window (" + DATA_API + ")",
        () ->
            status(
                    HttpRequest.newBuilder(
                        sandboxUri("/twitter/1.1/application/rate_limit_status.json")))
                != 404);
  }

  private static boolean npfServed() {
    URI uri =
        sandboxUri(
            "/tumblr/v2/blog/ada-sandbox/posts?npf=true&limit=1&api_key="
                + sandbox.keys(SandboxPlatform.TUMBLR).consumerKey());
    try {
      String body = HTTP.send(HttpRequest.newBuilder(uri).build(), ofString()).body();
      return JSON.readTree(body).path("response").path("posts").path(0).has("content");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The id of a seeded X user, from v1.1 {@code users/show}. */
  private static String userId(Sandbox target, String screenName) {
    URI uri = URI.create(target.twitterBase() + "/1.1/users/show.json?screen_name=" + screenName);
    try {
      String body =
          HTTP.send(
                  HttpRequest.newBuilder(uri)
                      .header("Authorization", "Bearer " + bearerToken(target))
                      .build(),
                  ofString())
              .body();
      return JSON.readTree(body).path("id_str").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String bearerToken() {
    return bearerToken(sandbox);
  }

  private static String bearerToken(Sandbox target) {
    SandboxKeys x = target.keys(SandboxPlatform.TWITTER);
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (x.consumerKey() + ":" + x.consumerSecret()).getBytes(StandardCharsets.UTF_8));
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(target.twitterBase() + "/oauth2/token"))
                  .header("Authorization", "Basic " + basic)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                  .build(),
              ofString());
      return JSON.readTree(r.body()).path("access_token").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int status(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static URI sandboxUri(String path) {
    return URI.create(sandbox.baseUri() + path);
  }

  private static HttpRequest.BodyPublisher noBody() {
    return HttpRequest.BodyPublishers.noBody();
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  // ---- the tools -------------------------------------------------------------------------------

  private static Optional<String> pythonMissing() {
    if (!Files.isExecutable(PYTHON)) {
      return Optional.of(PYTHON + " is missing");
    }
    return works(PYTHON.toString(), "-c", "import tweepy")
        ? Optional.empty()
        : Optional.of(
            "Debian's python3-tweepy is not installed for "
                + PYTHON
                + "; run scripts/install-client-libs as root (CI does)");
  }

  static Path npmCache() {
    String configured = System.getProperty("latchkey.npm.dir", System.getenv("LATCHKEY_NPM_CACHE"));
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".cache", "latchkey-npm");
  }

  private static boolean works(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
