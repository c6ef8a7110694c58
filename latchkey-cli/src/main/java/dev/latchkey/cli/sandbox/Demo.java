package dev.latchkey.cli.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.terminal.Terminal;
import dev.latchkey.keychain.Secret;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.RateLimitHeaders;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxOAuth2Client;
import dev.latchkey.sandbox.SandboxPlatform;
import dev.latchkey.sandbox.SandboxUser;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The steps of {@code latchkey demo}: each runs the {@code latchkey} commands it names, in-process,
 * on a throwaway keychain and the embedded sandbox, and shows what a person would see with the real
 * platform: a numbered title, {@code $ latchkey ...} for each command, {@code …} for what the
 * person does, {@code ✓} or {@code ✗} for the outcome. The authorize pages are approved by {@link
 * DemoBrowser} as a person would, and the PIN is typed into the command's own prompt. So the demo
 * passes only when the commands it shows work. {@link DemoScript} runs the steps: the first failing
 * step stops the story; the clean-up always runs.
 *
 * <p>To add a step, add one {@link #step} line to {@link #story()} and its method: run commands
 * with {@code latchkey(args)} (or {@code latchkey(typist, args)} when it asks something), check
 * what they printed, and say it with {@code ok}, {@code act} and {@code line}; throw {@link
 * DemoFailure} to fail the step with one line. A test may add steps the same way.
 */
final class Demo extends DemoScript {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TWITTER_DATE =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter SHORT_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final Pattern AUTHORIZE_URL = Pattern.compile("(?m)^  (https?://\\S+)$");
  private static final Pattern WAITING = Pattern.compile("Waiting for the redirect to (\\S+) ");

  private String owner;
  private String second;
  private String tumblrOwner;

  Demo(Setup setup) {
    super(setup);
    story();
  }

  /** The story, in order; the clean-up comes after the last step. */
  @Override
  void story() {
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
    step("status", "Check every stored account against its API (latchkey status)", this::status);
    step(
        "timeline",
        "Read one page of a timeline (latchkey api /1.1/statuses/user_timeline.json)",
        this::timeline);
    step(
        "Tumblr blog info",
        "Read a Tumblr blog's info with the app's key (latchkey api /v2/blog/{blog}/info)",
        this::blogInfo);
    step(
        "bearer token",
        "Get an app-only bearer token and reuse it (latchkey auth twitter --bearer)",
        this::bearer);
    step(
        "leak and rotate",
        "A secret leaks: find it and rotate the app's keys (latchkey scan, latchkey rotate)",
        this::leakAndRotate);
    step(
        "PKCE flow",
        "Authorize with OAuth 2 and PKCE through a loopback redirect (latchkey auth twitter"
            + " --oauth2)",
        this::pkce);
    step("users/me", "Verify the OAuth 2 user token (latchkey api /2/users/me)", this::usersMe);
    step(
        "collect",
        "Collect a timeline under a tight rate limit, stop it while it waits, resume it (latchkey"
            + " collect timeline)",
        this::collect);
  }

  // ---- 3. keys add ------------------------------------------------------------------------------

  private void addKeys() {
    SandboxUser twitterOwner = sandbox.users(SandboxPlatform.TWITTER).get(0);
    SandboxUser tumblrUser = sandbox.users(SandboxPlatform.TUMBLR).get(0);
    owner = "twitter/" + twitterOwner.screenName();
    tumblrOwner = "tumblr/" + tumblrUser.screenName();

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
    Map<String, String> pasted = new HashMap<>();
    pasted.put("Consumer key (API key): ", x.consumerKey());
    pasted.put("Consumer secret (API key secret): ", x.consumerSecret());
    pasted.put("Access token: ", x.accessToken());
    pasted.put("Access token secret: ", x.accessTokenSecret());
    pasted.put("OAuth 2.0 Client ID: ", client.clientId());
    pasted.put("OAuth 2.0 Client Secret: ", client.clientSecret());
    act("pasting each value into its hidden prompt; Latchkey tries them with X before storing");
    Run added = latchkey(paste(pasted), "keys", "add", "twitter").requireOk();
    ok(added.out().strip());
    requireAccount(added, owner);

    SandboxKeys t = sandbox.keys(SandboxPlatform.TUMBLR);
    line("Tumblr's app page, the app of " + tumblrUser.screenName() + ":");
    field("OAuth consumer key", t.consumerKey());
    field("Secret key", t.consumerSecret());
    field("Token (from the API console)", t.accessToken());
    field("Token secret", t.accessTokenSecret());
    Map<String, String> tumblrPasted = new HashMap<>();
    tumblrPasted.put("Consumer key (API key): ", t.consumerKey());
    tumblrPasted.put("Consumer secret (API key secret): ", t.consumerSecret());
    tumblrPasted.put("Access token: ", t.accessToken());
    tumblrPasted.put("Access token secret: ", t.accessTokenSecret());
    Run tumblrAdded = latchkey(paste(tumblrPasted), "keys", "add", "tumblr").requireOk();
    ok(tumblrAdded.out().strip());
    requireAccount(tumblrAdded, tumblrOwner);
  }

  /** A person pasting values into prompts: each prompt's value, blank for any other. */
  private static Terminal.Typist paste(Map<String, String> values) {
    return (prompt, hidden) -> values.getOrDefault(prompt, "");
  }

  private static void requireAccount(Run run, String account) {
    if (!run.out().contains(account + " ")) {
      throw new DemoFailure("the command did not store " + account + ": " + run.out().strip());
    }
  }

  // ---- 4. PIN flow ------------------------------------------------------------------------------

  private void pinFlow() {
    SandboxUser person = sandbox.users(SandboxPlatform.TWITTER).get(1);
    second = "twitter/" + person.screenName();
    Transcript transcript = new Transcript();
    line("$ latchkey auth twitter --pin --no-browser");
    Terminal.Typist typist =
        (prompt, hidden) -> {
          if (!prompt.startsWith("PIN")) {
            throw new DemoFailure("the command asked \"" + prompt.strip() + "\" unexpectedly");
          }
          try {
            return approveAndReadPin(authorizeUrl(transcript), person);
          } catch (IOException | InterruptedException e) {
            throw new DemoFailure("the browser could not reach the authorize page: " + e);
          }
        };
    Run run = execute(transcript, typist, "auth", "twitter", "--pin", "--no-browser").requireOk();
    ok(run.out().lines().findFirst().orElse("").strip());
    requireAccount(run, second);
  }

  /** The page the command showed last, to open in a browser. */
  private static URI authorizeUrl(Transcript transcript) {
    return URI.create(
        transcript
            .findLast(AUTHORIZE_URL)
            .orElseThrow(() -> new DemoFailure("the command showed no page to open")));
  }

  /** Does what a person does with the page the command shows, and returns the PIN it shows. */
  private String approveAndReadPin(URI authorize, SandboxUser person)
      throws IOException, InterruptedException {
    ok("got a request token; the command shows the page to open and asks for the PIN:");
    line("  " + authorize);
    DemoBrowser.Page page = browser.open(authorize);
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
    return shown;
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

  // ---- leak and rotate -------------------------------------------------------------------------

  /**
   * The walkthrough's "you exposed your credentials": the app's secret sits in a bot's config file
   * about to be pushed; {@code scan} finds it, and {@code rotate} invalidates the tokens, has the
   * keys regenerated (the sandbox's portal button), re-authorizes both accounts that used the app
   * (PIN flow for each, the bearer again), checks them and re-scans the file.
   */
  private void leakAndRotate() throws IOException {
    SandboxKeys leaked = sandbox.keys(SandboxPlatform.TWITTER);
    Path project = Files.createDirectory(directory.resolve("bot"));
    Files.writeString(
        project.resolve("config.py"),
        "CONSUMER_KEY = \""
            + leaked.consumerKey()
            + "\"\n"
            + "CONSUMER_SECRET = \""
            + leaked.consumerSecret()
            + "\"\n");
    act("a bot's config.py holds the app's key and secret, and is about to be pushed to GitHub");
    Run scan = latchkey("scan", project.toString());
    if (scan.exitCode() != ExitCode.FAILURE) {
      throw new DemoFailure("latchkey scan did not find the app's secret in config.py");
    }
    scan.out().lines().filter(l -> l.contains("config.py:")).limit(2).forEach(l -> ok(l.strip()));

    List<SandboxUser> people =
        List.of(
            sandbox.users(SandboxPlatform.TWITTER).get(0),
            sandbox.users(SandboxPlatform.TWITTER).get(1));
    Transcript transcript = new Transcript();
    SandboxKeys[] fresh = new SandboxKeys[1];
    int[] pins = new int[1];
    Terminal.Typist typist =
        (prompt, hidden) -> {
          if (prompt.contains("New API key (consumer key)")) {
            act(
                "in the developer portal: \"Regenerate\" under Consumer Keys, then copy the new pair");
            fresh[0] = sandbox.regenerateApp(SandboxPlatform.TWITTER, leaked.consumerKey());
            return fresh[0].consumerKey();
          }
          if (prompt.contains("New API key secret") && fresh[0] != null) {
            return fresh[0].consumerSecret();
          }
          if (prompt.startsWith("PIN") && pins[0] < people.size()) {
            try {
              return approveAndReadPin(authorizeUrl(transcript), people.get(pins[0]++));
            } catch (IOException | InterruptedException e) {
              throw new DemoFailure("the browser could not reach the authorize page: " + e);
            }
          }
          throw new DemoFailure("the command asked \"" + prompt.strip() + "\" unexpectedly");
        };
    line("$ latchkey rotate " + owner + " --no-browser");
    Run run = execute(transcript, typist, "rotate", owner, "--no-browser");
    List<String> report =
        run.out().lines().dropWhile(l -> !l.startsWith("Rotation")).skip(1).toList();
    report.forEach(l -> line(l.strip().startsWith("✓") ? "  " + l.strip() : "    " + l.strip()));
    run.requireOk();
    ok(
        "the old keys and every token issued to them are dead; both accounts work with the new keys");
  }

  // ---- 5. status --------------------------------------------------------------------------------

  private void status() throws IOException {
    Run run = latchkey("status", "--json");
    JsonNode checked = JSON.readTree(run.out().isBlank() ? "[]" : run.out());
    for (JsonNode account : checked) {
      String id = account.path("account").asText();
      String user = account.path("user").asText("");
      boolean failed = "failed".equals(account.path("state").asText());
      Platform platform = platforms.get(account.path("platform").asText());
      String level =
          platform.accessLevelHeader().isPresent()
              ? platform.accessLevelHeader().get() + ": " + account.path("accessLevel").asText("?")
              : "(" + platform.displayName() + " reports no access level)";
      if (failed) {
        line("✗ " + id + ": " + account.path("problem").asText());
      } else {
        ok(String.format(Locale.ROOT, "%-22s %-16s %s", id, "@" + user, level));
      }
    }
    if (run.exitCode() != ExitCode.OK) {
      for (JsonNode account : checked) {
        if ("failed".equals(account.path("state").asText())) {
          throw new DemoFailure(
              account.path("account").asText()
                  + ": "
                  + account.path("problem").asText()
                  + "; "
                  + account.path("fix").asText("see latchkey status"));
        }
      }
      run.requireOk();
    }
  }

  // ---- 6. timeline ------------------------------------------------------------------------------

  private void timeline() throws IOException {
    Run run =
        latchkey(
                "api",
                "/1.1/statuses/user_timeline.json",
                "-p",
                "count=20",
                "-p",
                "tweet_mode=extended",
                "--account",
                second,
                "--include")
            .requireOk();
    Included answer = Included.of(run.out());
    JsonNode tweets = answer.body().isArray() ? answer.body() : null;
    if (tweets == null) {
      throw new DemoFailure("the timeline answer is not a JSON array of tweets");
    }
    RateLimitHeaders names = platforms.get("twitter").rateLimitHeaders();
    ok(
        "@"
            + second.substring(second.indexOf('/') + 1)
            + "'s timeline: "
            + tweets.size()
            + " tweets on this page (rate limit: "
            + answer.header(names.remaining())
            + " of "
            + answer.header(names.limit())
            + " calls left); the latest three:");
    for (int i = 0; i < Math.min(3, tweets.size()); i++) {
      JsonNode t = tweets.get(i);
      String text = t.path("full_text").asText(t.path("text").asText(""));
      line("  " + shortDate(t.path("created_at").asText("")) + "  " + shorten(text, 64));
    }
  }

  /** The output of {@code api --include}: status line and headers, a blank line, the body. */
  private record Included(Map<String, String> headers, JsonNode body) {
    static Included of(String printed) throws IOException {
      int blank = printed.indexOf("\n\n");
      if (blank < 0) {
        throw new DemoFailure("the answer has no headers");
      }
      Map<String, String> headers = new HashMap<>();
      for (String line : printed.substring(0, blank).split("\n")) {
        int colon = line.indexOf(": ");
        if (colon > 0) {
          headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 2));
        }
      }
      return new Included(headers, JSON.readTree(printed.substring(blank + 2)));
    }

    String header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "?");
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

  private void blogInfo() throws IOException {
    String blog = tumblrOwner.substring(tumblrOwner.indexOf('/') + 1) + ".tumblr.com";
    act("no --account: only Tumblr serves /v2/blog/..., so it is its default account's app key");
    Run run = latchkey("api", "/v2/blog/" + blog + "/info", "--auth", "api-key").requireOk();
    JsonNode b = JSON.readTree(run.out()).path("response").path("blog");
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

  private void bearer() throws IOException {
    Platform twitter = platforms.get("twitter");
    String tokenPath = twitter.api(twitter.oauth2().orElseThrow().appOnlyTokenPath()).getRawPath();
    Run got = latchkey("auth", "twitter", "--bearer", "--account", owner).requireOk();
    ok(got.out().strip());
    act("needing it again, as the next run of a script would");
    Run again = latchkey("token", owner, "--bearer").requireOk();
    String token = again.out().strip();
    int fetched = http.calls(tokenPath);
    if (token.isEmpty() || fetched != 1) {
      throw new DemoFailure(
          "the bearer token was fetched " + fetched + " times; it should be fetched once and kept");
    }
    ok(
        "the stored token came back ("
            + Secret.of(token).masked()
            + "); POST "
            + tokenPath.substring(tokenPath.indexOf("/oauth2/"))
            + " was called once, not again");
    String someone = second.substring(second.indexOf('/') + 1);
    Run used =
        latchkey("api", "/2/users/by/username/" + someone, "--account", owner, "--auth", "bearer")
            .requireOk();
    JsonNode data = JSON.readTree(used.out()).path("data");
    ok(
        "X accepts it as the app's token: @"
            + data.path("username").asText()
            + " (id "
            + data.path("id").asText()
            + "); /2/users/me takes only a user's token (next step)");
  }

  // ---- 9. PKCE ----------------------------------------------------------------------------------

  private void pkce() throws Exception {
    SandboxUser person = sandbox.users(SandboxPlatform.TWITTER).get(1);
    Transcript transcript = new Transcript();
    String[] args = {"auth", "twitter", "--oauth2", "--account", second, "--no-browser"};
    line("$ latchkey " + String.join(" ", args));
    CompletableFuture<Run> running =
        CompletableFuture.supplyAsync(
            () ->
                execute(
                    transcript,
                    (prompt, hidden) -> {
                      throw new DemoFailure(
                          "the command asked \"" + prompt.strip() + "\" unexpectedly");
                    },
                    args));
    String redirect =
        transcript.await(WAITING, TIMEOUT, () -> !running.isDone(), "where it listens");
    URI authorize =
        URI.create(transcript.await(AUTHORIZE_URL, TIMEOUT, () -> true, "the page to open"));
    ok("listening for the redirect at " + redirect + " (one request, then it stops)");
    line("Open this page in a browser where you are signed in to X, and approve:");
    line("  " + authorize);
    DemoBrowser.Page page = browser.open(authorize);
    expectPage(page, "the OAuth 2 authorize page");
    act("opening the authorize page: \"" + page.text("h1") + "\"");
    List<String> asked = page.document().select("#scopes li").eachText();
    act(
        "signing in as @"
            + person.screenName()
            + "; the page asks for "
            + (asked.isEmpty() ? "its permissions" : asked.size() + " permissions"));
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
    DemoBrowser.Page landed;
    try {
      landed = browser.openLater(back).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new DemoFailure("the browser got no page from " + DemoBrowser.withoutQuery(back));
    }
    act("the tab says \"" + landed.title() + "\"; Latchkey checked the state");
    Run run;
    try {
      run = running.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).requireOk();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception x ? x : e;
    }
    ok(run.out().strip());
  }

  // ---- 10. /2/users/me --------------------------------------------------------------------------

  private void usersMe() throws IOException {
    Run run = latchkey("api", "/2/users/me", "--account", second, "--auth", "oauth2").requireOk();
    JsonNode data = JSON.readTree(run.out()).path("data");
    ok(
        "@"
            + data.path("username").asText()
            + " ("
            + data.path("name").asText()
            + ", id "
            + data.path("id").asText()
            + "), with OAuth 2 user context");
  }

  // ---- 11. collect ------------------------------------------------------------------------------

  private static final Pattern RATE_WAIT =
      Pattern.compile("latchkey: (rate limit on \\S+: resuming in \\d+:\\d\\d)");
  private static final Pattern CONTINUING =
      Pattern.compile("latchkey: (continuing .* from its checkpoint \\([^)]*\\))");
  private static final Pattern COLLECTED = Pattern.compile("latchkey: (collected [^\\n]*)");

  /** The sandbox's seeded account with 4,000 tweets, and how many of them the demo collects. */
  private static final String COLLECT_USER = "capped_sandbox";

  private static final int COLLECT_TWEETS = 300;

  /**
   * 300 tweets of a timeline: three pages when the sandbox lets {@code /2/users/:id/tweets} take
   * {@link #COLLECT_CALLS} calls a window, so the first run waits after two; it is stopped during
   * the wait as Ctrl-C would stop it, and the same command run again continues from its checkpoint.
   */
  private void collect() throws Exception {
    java.nio.file.Path file = directory.resolve("timeline.jsonl");
    String[] args = {
      "collect",
      "timeline",
      COLLECT_USER,
      "--limit",
      Integer.toString(COLLECT_TWEETS),
      "--account",
      owner,
      "--output",
      file.toString()
    };
    line(
        "the sandbox lets /2/users/:id/tweets take "
            + COLLECT_CALLS
            + " calls every "
            + COLLECT_WINDOW.toSeconds()
            + " s (X: 900 every 15 minutes); "
            + COLLECT_TWEETS
            + " tweets are "
            + COLLECT_TWEETS / 100
            + " pages of 100");
    line("$ latchkey " + String.join(" ", args));
    Transcript first = new Transcript();
    CompletableFuture<Run> running = new CompletableFuture<>();
    Thread collecting =
        new Thread(
            () -> {
              try {
                running.complete(execute(first, noQuestions(), args));
              } catch (RuntimeException | Error e) {
                running.completeExceptionally(e);
              }
            },
            "latchkey-demo-collect");
    collecting.start();
    String wait;
    try {
      wait = first.await(RATE_WAIT, TIMEOUT, () -> !running.isDone(), "a rate-limit wait");
    } catch (DemoFailure e) {
      String why = running.isDone() ? first.lastError() : null;
      throw why == null ? e : new DemoFailure(why);
    }
    ok("it waits for the window instead of being refused: " + wait);
    act("pressing Ctrl-C during the wait");
    collecting.interrupt();
    Run stopped = finished(running);
    if (stopped.exitCode() != 130) {
      throw new DemoFailure(
          "the interrupted collection ended with exit code "
              + stopped.exitCode()
              + (first.lastError() == null ? "" : ": " + first.lastError()));
    }
    ok(first.find(COLLECTED).orElse("stopped") + "; exit code 130, the checkpoint kept");
    Run resumed = latchkey(args).requireOk();
    ok(
        resumed
            .err()
            .find(CONTINUING)
            .orElseThrow(() -> new DemoFailure("the second run did not continue the first")));
    long lines;
    java.util.Set<String> ids = new java.util.HashSet<>();
    try (var all = java.nio.file.Files.lines(file)) {
      lines = all.peek(l -> ids.add(idOf(l))).count();
    }
    if (lines != COLLECT_TWEETS || ids.size() != COLLECT_TWEETS) {
      throw new DemoFailure(
          file.getFileName()
              + " holds "
              + lines
              + " lines, "
              + ids.size()
              + " ids; expected "
              + COLLECT_TWEETS);
    }
    ok(
        resumed.err().find(COLLECTED).orElse("collected")
            + "; "
            + file.getFileName()
            + ": "
            + COLLECT_TWEETS
            + " tweets, none twice");
  }

  private static Terminal.Typist noQuestions() {
    return (prompt, hidden) -> {
      throw new DemoFailure("the command asked \"" + prompt.strip() + "\" unexpectedly");
    };
  }

  private static Run finished(CompletableFuture<Run> running) throws Exception {
    try {
      return running.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception x ? x : e;
    } catch (TimeoutException e) {
      throw new DemoFailure("the collection did not stop within " + TIMEOUT.toSeconds() + " s");
    }
  }

  private static String idOf(String line) {
    try {
      return JSON.readTree(line).path("id").asText();
    } catch (IOException e) {
      throw new DemoFailure("a line of the collection is not JSON");
    }
  }
}
