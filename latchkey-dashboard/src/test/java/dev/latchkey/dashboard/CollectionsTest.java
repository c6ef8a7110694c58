package dev.latchkey.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.account.Accounts;
import dev.latchkey.collect.AccountsGateway;
import dev.latchkey.collect.Api;
import dev.latchkey.collect.CollectionListener;
import dev.latchkey.collect.CollectionSummary;
import dev.latchkey.collect.Collector;
import dev.latchkey.collect.Job;
import dev.latchkey.collect.JobOptions;
import dev.latchkey.collect.TaskKind;
import dev.latchkey.collect.live.LiveCollections;
import dev.latchkey.collect.live.LivePublisher;
import dev.latchkey.collect.store.OutputFormat;
import dev.latchkey.collect.store.SqliteStore;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainOptions;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.keychain.PassphraseSource;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxOptions;
import dev.latchkey.sandbox.SandboxPlatform;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Collections page: a collection run against a sandbox with a tight rate limit shows on the
 * page with its progress and its wait, updated by server-sent events without a reload.
 */
class CollectionsTest {
  /** Two timeline requests per five-second window: brook_sandbox's 238 tweets take a wait. */
  private static final SandboxOptions TIGHT =
      SandboxOptions.builder()
          .port(0)
          .rateWindow(Duration.ofSeconds(5))
          .rateLimit("/2/users/:id/tweets", 2)
          .build();

  @TempDir Path dir;
  Fixture fixture;
  Chromium chromium;

  @AfterEach
  void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
    if (chromium != null) {
      chromium.close();
    }
  }

  /** Collects brook_sandbox's timeline as {@code latchkey collect} does, publishing its status. */
  private CompletableFuture<CollectionSummary> collect(Path output, long limit) {
    SandboxKeys k = fixture.sandbox.keys(SandboxPlatform.TWITTER);
    Account account =
        Account.empty(AccountId.parse("twitter/ada"))
            .withApp(AppCredentials.of(k.consumerKey(), k.consumerSecret()))
            .withOAuth1(OAuth1Token.of(k.accessToken(), k.accessTokenSecret()));
    // Sent through the account layer, as latchkey collect does (a throwaway keychain of its own).
    AccountsGateway gateway;
    try {
      Keychain keychain =
          Keychain.open(
              KeychainOptions.builder(
                      dir.resolve("gateway-" + System.nanoTime()).resolve(Keychain.FILE_NAME),
                      PassphraseSource.of("pw".toCharArray()))
                  .createIfMissing(true)
                  .weakWorkFactorForTesting(10)
                  .build());
      keychain.put(account);
      gateway =
          new AccountsGateway(Accounts.builder(keychain, fixture.platforms).build(), account.id());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    Job job =
        new Job(
            TaskKind.TIMELINE,
            List.of("brook_sandbox"),
            new JobOptions(Api.V2, limit, null, null, false, false));
    return CompletableFuture.supplyAsync(
        () -> {
          try (SqliteStore store =
              SqliteStore.open(OutputFormat.JSONL, output, OutputStream.nullOutputStream())) {
            CollectionListener live =
                new LivePublisher(
                    LiveCollections.beside(fixture.keychainFile),
                    output,
                    1,
                    Clock.systemUTC(),
                    new CollectionListener() {});
            return Collector.builder(gateway, store).listener(live).concurrency(1).build().run(job);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void aCollectionShowsItsProgressAndItsWaitAndIsUpdatedWithoutAReload() throws Exception {
    fixture = new Fixture(dir, null, Duration.ofSeconds(30), TIGHT, Clock.systemUTC(), Map.of());
    chromium = Chromium.start();
    WebDriver driver = chromium.driver;
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    driver.get(fixture.dashboard.signInUri().toString());
    wait.until(ExpectedConditions.titleContains("Create the keychain"));
    driver.findElement(By.id("passphrase")).sendKeys(Fixture.PASSPHRASE);
    driver.findElement(By.id("repeat")).sendKeys(Fixture.PASSPHRASE);
    driver.findElement(By.id("unlock")).click();
    wait.until(ExpectedConditions.titleContains("Accounts"));
    driver.findElement(By.linkText("Collections")).click();
    wait.until(ExpectedConditions.titleContains("Collections"));
    assertThat(text(wait, By.id("no-collections"))).contains("latchkey collect");
    JavascriptExecutor js = (JavascriptExecutor) driver;
    js.executeScript("window.latchkeySamePage = 'yes';");

    Path output = dir.resolve("brook.jsonl");
    CompletableFuture<CollectionSummary> run = collect(output, 400);

    By waiting = By.cssSelector("section.collection[data-state=waiting]");
    wait.until(ExpectedConditions.presenceOfElementLocated(waiting));
    String section = "section.collection[data-state=waiting] ";
    assertThat(text(wait, By.cssSelector(section + ".wait")))
        .contains("/2/users/:id/tweets")
        .containsPattern("\\d+ s more, until");
    assertThat(text(wait, By.cssSelector(section + ".tasks")))
        .contains("0 of 1 done")
        .contains("1 running")
        .contains("1 left");
    assertThat(text(wait, By.cssSelector(section + ".records"))).isEqualTo("200 records");
    assertThat(text(wait, By.cssSelector(section + ".limit")))
        .isEqualTo("0 of 2 requests left in the tightest window");
    int first = countdown(driver);
    assertThat(first).isLessThan(Integer.MAX_VALUE);
    wait.until(d -> countdown(d) < first);
    chromium.screenshot("collections");

    By finished = By.cssSelector("section.collection[data-state=finished]");
    wait.until(ExpectedConditions.presenceOfElementLocated(finished));
    CollectionSummary summary = run.get(60, TimeUnit.SECONDS);
    assertThat(summary.complete()).isTrue();
    assertThat(text(wait, By.cssSelector("section.collection[data-state=finished] .tasks")))
        .contains("1 of 1 done")
        .contains("0 left");
    assertThat(summary.records())
        .as("brook_sandbox has fewer than 400 tweets")
        .isBetween(201L, 399L);
    By records = By.cssSelector("section.collection[data-state=finished] .records");
    wait.until(d -> (summary.records() + " tweets").equals(text(wait, records)));
    assertThat(js.executeScript("return window.latchkeySamePage;"))
        .as("the page was updated in place, not reloaded")
        .isEqualTo("yes");
    assertThat(
            Integer.parseInt(driver.findElement(By.id("collections")).getAttribute("data-updates")))
        .isGreaterThanOrEqualTo(3);

    fixture.dashboard.lock();
    wait.until(ExpectedConditions.titleContains("Unlock the keychain"));
    assertThat(driver.getCurrentUrl()).as("the open page follows the lock").endsWith("/unlock");
  }

  /** The text of an element that the page may replace at any moment (an update arrived). */
  private static String text(WebDriverWait wait, By by) {
    return wait.until(
        d -> {
          try {
            return d.findElement(by).getText();
          } catch (StaleElementReferenceException | NoSuchElementException e) {
            return null;
          }
        });
  }

  private static int countdown(WebDriver d) {
    try {
      var found = d.findElements(By.cssSelector("section.collection .wait .countdown"));
      if (found.isEmpty()) {
        return Integer.MAX_VALUE;
      }
      return Integer.parseInt(found.get(0).getText().replace(" s", "").strip());
    } catch (StaleElementReferenceException e) {
      return Integer.MAX_VALUE;
    }
  }

  @Test
  void withoutScriptThePageReloadsItselfAndAnEndedRunCanBeTakenOffTheList() throws Exception {
    fixture = new Fixture(dir, null, Duration.ofSeconds(30), TIGHT, Clock.systemUTC(), Map.of());
    HttpSession browser = new HttpSession(fixture.dashboard).signIn(fixture.dashboard.signInUri());
    String p = URLEncoder.encode(Fixture.PASSPHRASE, StandardCharsets.UTF_8);
    assertThat(browser.post("/unlock", "passphrase=" + p + "&repeat=" + p).statusCode())
        .isEqualTo(303);
    Path output = dir.resolve("brook.jsonl");
    assertThat(collect(output, 50).get(60, TimeUnit.SECONDS).complete()).isTrue();

    HttpResponse<String> page = browser.get("/collections");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("<noscript><meta http-equiv=\"refresh\" content=\"5\"></noscript>")
        .contains("data-state=\"finished\"")
        .contains("latchkey collect timeline brook_sandbox --limit 50")
        .contains("50 tweets")
        .contains("1 run (last: finished");
    String id = LiveCollections.beside(fixture.keychainFile).list().get(0).id();
    assertThat(browser.post("/collections/" + id + "/forget", "").statusCode()).isEqualTo(303);
    assertThat(browser.get("/collections").body()).contains("No collections yet");
    assertThat(output).exists();
  }

  @Test
  void aWorkerOfASharedJobIsShownWithItsJobAndDatabase() throws Exception {
    fixture = new Fixture(dir, null, Duration.ofSeconds(30), TIGHT, Clock.systemUTC(), Map.of());
    HttpSession browser = new HttpSession(fixture.dashboard).signIn(fixture.dashboard.signInUri());
    String p = URLEncoder.encode(Fixture.PASSPHRASE, StandardCharsets.UTF_8);
    assertThat(browser.post("/unlock", "passphrase=" + p + "&repeat=" + p).statusCode())
        .isEqualTo(303);
    LivePublisher worker =
        new LivePublisher(
            LiveCollections.beside(fixture.keychainFile),
            null,
            "job mps-2026 in lab@db.example:5432/research",
            2,
            Clock.systemUTC(),
            new CollectionListener() {});
    worker.started(
        new Job(TaskKind.TIMELINE, List.of("brook_sandbox"), JobOptions.defaults()), 1, 0, 0);

    assertThat(browser.get("/collections").body())
        .contains("into job mps-2026 in lab@db.example:5432/research")
        .doesNotContain("into standard output");
  }
}
