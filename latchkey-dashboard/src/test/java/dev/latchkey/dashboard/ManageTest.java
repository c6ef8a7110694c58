package dev.latchkey.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxPlatform;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the pages do, over HTTP as a browser sends it: adding (tested, untested, refused), the idle
 * lock, revealing and exporting only after the passphrase is typed again, importing a file, labels,
 * renames and defaults, and OAuth redirects that are not the awaited one.
 */
class ManageTest {
  @TempDir Path dir;
  Fixture fixture;
  HttpSession browser;
  SandboxKeys keys;

  @BeforeEach
  void start() throws Exception {
    fixture = new Fixture(dir);
    keys = fixture.sandbox.keys(SandboxPlatform.TWITTER);
    browser = new HttpSession(fixture.dashboard).signIn(fixture.dashboard.signInUri());
    String p = enc(Fixture.PASSPHRASE);
    assertThat(browser.post("/unlock", "passphrase=" + p + "&repeat=" + p).statusCode())
        .isEqualTo(303);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private HttpResponse<String> add(String name, String secret, String extra) throws Exception {
    return browser.post(
        "/add",
        "platform=twitter&name="
            + enc(name)
            + "&consumer_key="
            + enc(keys.consumerKey())
            + "&consumer_secret="
            + enc(secret)
            + "&access_token="
            + enc(keys.accessToken())
            + "&access_token_secret="
            + enc(keys.accessTokenSecret())
            + extra);
  }

  private void addAda() throws Exception {
    assertThat(add("ada", keys.consumerSecret(), "").statusCode()).isEqualTo(303);
  }

  @Test
  void refusedKeysAreKeptOnlyInMemoryAndStoredUntestedWhenAsked() throws Exception {
    HttpResponse<String> refused = add("ada", "x" + keys.consumerSecret(), "");
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body())
        .contains("Could not authenticate you")
        .contains("Nothing was stored");
    assertThat(refused.body())
        .doesNotContain(keys.accessToken())
        .doesNotContain(keys.consumerSecret());
    assertThat(fixture.storedAccounts()).isEmpty();
    assertThat(browser.post("/add/untested", "").statusCode()).isEqualTo(303);
    assertThat(fixture.storedAccounts())
        .extracting(Account::id)
        .containsExactly(AccountId.parse("twitter/ada"));
    assertThat(browser.post("/add/untested", "").statusCode()).as("used once").isEqualTo(409);
  }

  @Test
  void lockingForgetsRefusedKeysKeptInMemory() throws Exception {
    assertThat(add("ada", "x" + keys.consumerSecret(), "").statusCode()).isEqualTo(422);
    assertThat(browser.post("/lock", "").statusCode()).isEqualTo(303);
    String p = enc(Fixture.PASSPHRASE);
    assertThat(browser.post("/unlock", "passphrase=" + p).statusCode()).isEqualTo(303);
    assertThat(browser.post("/add/untested", "").statusCode()).isEqualTo(409);
    assertThat(fixture.storedAccounts()).isEmpty();
  }

  @Test
  void everyFieldHasALabelAndEveryPageOneHeading() throws Exception {
    addAda();
    Pattern input = Pattern.compile("<(?:input|select)\\b([^>]*)>");
    Pattern id = Pattern.compile("\\bid=\"([^\"]+)\"");
    for (String path :
        new String[] {"/", "/add", "/authorize", "/import", "/accounts/twitter/ada"}) {
      String body = browser.get(path).body();
      assertThat(body).as(path).containsOnlyOnce("<h1>").contains("<html lang=\"en\">");
      Matcher m = input.matcher(body);
      while (m.find()) {
        String attributes = m.group(1);
        if (attributes.contains("type=\"hidden\"")) {
          continue;
        }
        Matcher named = id.matcher(attributes);
        assertThat(named.find()).as(path + ": " + m.group()).isTrue();
        assertThat(body)
            .as(path + ": label for " + named.group(1))
            .contains("<label for=\"" + named.group(1) + "\"");
      }
    }
  }

  @Test
  void keysWithoutATestAreStoredWithoutAskingThePlatform() throws Exception {
    fixture.sandbox.close();
    assertThat(add("offline", "whatever-secret-value", "&untested=1").statusCode()).isEqualTo(303);
    assertThat(fixture.storedAccounts())
        .extracting(Account::id)
        .containsExactly(AccountId.parse("twitter/offline"));
  }

  @Test
  void anExistingNameIsNotReplacedUnlessAsked() throws Exception {
    addAda();
    HttpResponse<String> again = add("ada", keys.consumerSecret(), "");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("twitter/ada exists already");
    assertThat(add("ada", keys.consumerSecret(), "&replace=1").statusCode()).isEqualTo(303);
  }

  @Test
  void aBlankNameBecomesTheScreenName() throws Exception {
    assertThat(add("", keys.consumerSecret(), "").statusCode()).isEqualTo(303);
    assertThat(fixture.storedAccounts())
        .extracting(Account::id)
        .containsExactly(AccountId.parse("twitter/ada_sandbox"));
    assertThat(fixture.storedAccounts().get(0).oauth1().screenName()).isEqualTo("ada_sandbox");
  }

  @Test
  void halfATokenIsRefusedWithTheFix() throws Exception {
    HttpResponse<String> r =
        browser.post(
            "/add",
            "platform=twitter&name=x&consumer_key=abcdefabcdefabcdef&consumer_secret=abcdefabcdefabcdef"
                + "&access_token=abcdefabcdefabcd");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("both the access token and its secret, or neither");
  }

  @Test
  void theKeychainLocksAfterTheIdleTime() throws Exception {
    addAda();
    assertThat(browser.get("/").statusCode()).isEqualTo(200);
    fixture.clock.advance(Duration.ofMinutes(14));
    assertThat(browser.get("/").statusCode()).as("used 14 min ago").isEqualTo(200);
    fixture.clock.advance(Duration.ofMinutes(15));
    HttpResponse<String> locked = browser.get("/");
    assertThat(locked.statusCode()).isEqualTo(303);
    assertThat(locked.headers().firstValue("Location")).contains("/unlock");
    assertThat(browser.get("/unlock").body()).contains("is locked");
  }

  @Test
  void lockForgetsTheKeychainAtOnce() throws Exception {
    assertThat(browser.post("/lock", "").statusCode()).isEqualTo(303);
    assertThat(browser.get("/").headers().firstValue("Location")).contains("/unlock");
    HttpResponse<String> wrong = browser.post("/unlock", "passphrase=nope");
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.body()).contains("role=\"alert\"");
  }

  @Test
  void revealAsksForThePassphraseAgainAndHidesAfterItsTime() throws Exception {
    addAda();
    HttpResponse<String> page = browser.get("/accounts/twitter/ada");
    assertThat(page.body())
        .doesNotContain(keys.accessTokenSecret())
        .contains("Show for 30 seconds");
    HttpResponse<String> wrong =
        browser.post("/accounts/twitter/ada/reveal", "field=access_token_secret&passphrase=nope");
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.body()).doesNotContain(keys.accessTokenSecret()).contains("nothing was shown");
    HttpResponse<String> shown =
        browser.post(
            "/accounts/twitter/ada/reveal",
            "field=access_token_secret&passphrase=" + enc(Fixture.PASSPHRASE));
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.body())
        .contains(keys.accessTokenSecret())
        .contains("http-equiv=\"refresh\" content=\"30;url=/accounts/twitter/ada\"")
        .doesNotContain(keys.consumerSecret());
    assertThat(shown.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(browser.get("/accounts/twitter/ada").body())
        .doesNotContain(keys.accessTokenSecret());
  }

  @Test
  void exportNeedsThePassphraseAndDownloadsTheFile() throws Exception {
    addAda();
    assertThat(
            browser.post("/accounts/twitter/ada/export", "format=tw-json&passphrase=nope").body())
        .doesNotContain(keys.consumerSecret());
    HttpResponse<String> file =
        browser.post(
            "/accounts/twitter/ada/export", "format=tw-json&passphrase=" + enc(Fixture.PASSPHRASE));
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Disposition"))
        .contains("attachment; filename=\"twitter-ada.tw.json\"");
    assertThat(file.body()).contains(keys.consumerSecret()).contains("consumer_key");
  }

  @Test
  void labelRenameAndDefault() throws Exception {
    addAda();
    assertThat(add("bob", keys.consumerSecret(), "").statusCode()).isEqualTo(303);
    assertThat(
            browser
                .post("/accounts/twitter/bob/label", "label=" + enc("the lab's app"))
                .statusCode())
        .isEqualTo(303);
    HttpResponse<String> control =
        browser.post("/accounts/twitter/bob/label", "label=" + enc("a\u001b[31mred"));
    assertThat(control.statusCode()).isEqualTo(400);
    assertThat(control.body()).contains("control character");
    assertThat(browser.post("/accounts/twitter/bob/rename", "new_name=carol").statusCode())
        .isEqualTo(303);
    assertThat(browser.post("/accounts/twitter/carol/default", "").statusCode()).isEqualTo(303);
    String list = browser.get("/").body();
    assertThat(list)
        .contains("twitter/carol")
        .contains("the lab's app")
        .doesNotContain("twitter/bob");
    Matcher row =
        Pattern.compile("twitter/carol</a>\\s*<span class=\"badge\">default").matcher(list);
    assertThat(row.find()).isTrue();
    Account carol =
        fixture.storedAccounts().stream()
            .filter(a -> a.id().name().equals("carol"))
            .findFirst()
            .orElseThrow();
    assertThat(carol.label()).isEqualTo("the lab's app");
  }

  @Test
  void importTakesAFileAndRefusesToOverwriteUnlessAsked() throws Exception {
    String twJson =
        "{\"consumer_key\": \""
            + keys.consumerKey()
            + "\", \"consumer_secret\": \""
            + keys.consumerSecret()
            + "\"}";
    HttpResponse<String> imported = upload("tw.json", twJson, false);
    assertThat(imported.statusCode()).isEqualTo(303);
    assertThat(fixture.storedAccounts()).hasSize(1);
    HttpResponse<String> again = upload("tw.json", twJson, false);
    assertThat(again.headers().firstValue("Location")).contains("/import");
    assertThat(browser.get("/import").body()).contains("Already in the keychain");
    HttpResponse<String> junk = upload("notes.txt", "hello", false);
    assertThat(junk.headers().firstValue("Location")).contains("/import");
    assertThat(browser.get("/import").body()).contains("notes.txt").doesNotContain("hello");
  }

  private HttpResponse<String> upload(String name, String content, boolean replace)
      throws Exception {
    String boundary = "latchkeyboundary";
    StringBuilder body = new StringBuilder();
    body.append("--")
        .append(boundary)
        .append("\r\n")
        .append("Content-Disposition: form-data; name=\"csrf\"\r\n\r\n")
        .append(browser.csrf)
        .append("\r\n");
    if (replace) {
      body.append("--")
          .append(boundary)
          .append("\r\n")
          .append("Content-Disposition: form-data; name=\"replace\"\r\n\r\n1\r\n");
    }
    body.append("--")
        .append(boundary)
        .append("\r\n")
        .append("Content-Disposition: form-data; name=\"file\"; filename=\"")
        .append(name)
        .append("\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        .append(content)
        .append("\r\n--")
        .append(boundary)
        .append("--\r\n");
    return browser.send(
        browser.withCookie(
            HttpRequest.newBuilder(browser.base.resolve("/import"))
                .header("Origin", "http://127.0.0.1:" + browser.port)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))));
  }

  @Test
  void strayRedirectsAreRefusedAndTheRealOneStillWorks() throws Exception {
    addAda();
    HttpResponse<String> started = browser.post("/authorize", "app=twitter/ada&method=callback");
    String flowPage = started.headers().firstValue("Location").orElseThrow();
    String page = browser.get(flowPage).body();
    Matcher link =
        Pattern.compile("id=\"authorize-link\"[^>]*|href=\"([^\"]*oauth_token=[^\"]*)\"")
            .matcher(page);
    String authorize = null;
    while (link.find()) {
      if (link.group(1) != null) {
        authorize = link.group(1).replace("&amp;", "&");
      }
    }
    assertThat(authorize).isNotNull();
    String requestToken = authorize.substring(authorize.indexOf("oauth_token=") + 12);
    String flow = flowPage.substring(flowPage.lastIndexOf('/') + 1);

    HttpSession stranger = new HttpSession(fixture.dashboard);
    for (String stray :
        new String[] {
          "/oauth1/callback",
          "/oauth1/callback?flow=wrong&oauth_token=" + requestToken + "&oauth_verifier=1",
          "/oauth1/callback?flow=" + flow + "&oauth_token=other&oauth_verifier=1",
          "/oauth2/callback?state=wrong&code=x"
        }) {
      HttpResponse<String> r = stranger.get(stray);
      assertThat(r.statusCode()).as(stray).isEqualTo(400);
      assertThat(r.body()).as(stray).contains("keeps waiting");
    }
    HttpResponse<String> foreign =
        stranger.send(
            HttpRequest.newBuilder(browser.base.resolve("/oauth1/callback?flow=" + flow))
                .header("Host", "evil.example"));
    assertThat(foreign.statusCode()).isEqualTo(403);

    String verifier =
        fixture.sandbox.approve(SandboxPlatform.TWITTER, requestToken, "brook_sandbox");
    HttpResponse<String> real =
        stranger.get(
            "/oauth1/callback?flow="
                + flow
                + "&oauth_token="
                + requestToken
                + "&oauth_verifier="
                + verifier);
    assertThat(real.statusCode()).isEqualTo(200);
    assertThat(real.body()).contains("saved as twitter/brook_sandbox").doesNotContain("<table");
    assertThat(fixture.storedAccounts()).extracting(a -> a.id().name()).contains("brook_sandbox");
    assertThat(
            stranger
                .get("/oauth1/callback?flow=" + flow + "&oauth_token=" + requestToken)
                .statusCode())
        .as("done once")
        .isEqualTo(400);
  }

  @Test
  void tumblrKeysAreTestedAndCheckedAgainstTumblr() throws Exception {
    SandboxKeys tumblr = fixture.sandbox.keys(SandboxPlatform.TUMBLR);
    HttpResponse<String> added =
        browser.post(
            "/add",
            "platform=tumblr&name=blog&consumer_key="
                + enc(tumblr.consumerKey())
                + "&consumer_secret="
                + enc(tumblr.consumerSecret())
                + "&access_token="
                + enc(tumblr.accessToken())
                + "&access_token_secret="
                + enc(tumblr.accessTokenSecret()));
    assertThat(added.statusCode()).isEqualTo(303);
    HttpResponse<String> checked =
        browser.send(
            browser.withCookie(
                HttpRequest.newBuilder(browser.base.resolve("/accounts/tumblr/blog/check"))
                    .header("Origin", "http://127.0.0.1:" + browser.port)
                    .header("X-CSRF-Token", browser.csrf)
                    .header("X-Fragment", "1")
                    .POST(HttpRequest.BodyPublishers.noBody())));
    assertThat(checked.statusCode()).isEqualTo(200);
    assertThat(checked.body()).contains("✓ ok").contains("@ada-sandbox").doesNotContain("<html");
    assertThat(browser.get("/").body()).contains("Tumblr");
  }
}
