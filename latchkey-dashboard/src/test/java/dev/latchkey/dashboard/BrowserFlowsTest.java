package dev.latchkey.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxOAuth2Client;
import dev.latchkey.sandbox.SandboxPlatform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard as a person uses it, in headless Chromium against the sandbox: create the keychain,
 * add keys the platform refuses (error shown, nothing stored), add the right ones (status ok),
 * authorize a secondary account with the PIN flow, revoke it (its status then shows the platform's
 * refusal) and remove it. The screenshots are the README's.
 */
class BrowserFlowsTest extends InChromium {

  private void signInAndCreateKeychain() throws Exception {
    driver.get(fixture.dashboard.signInUri().toString());
    wait.until(ExpectedConditions.titleContains("Create the keychain"));
    assertThat(driver.getCurrentUrl()).doesNotContain("token");
    chromium.screenshot("unlock");
    driver.findElement(By.id("passphrase")).sendKeys(Fixture.PASSPHRASE);
    driver.findElement(By.id("repeat")).sendKeys(Fixture.PASSPHRASE);
    driver.findElement(By.id("unlock")).click();
    wait.until(ExpectedConditions.titleContains("Accounts"));
  }

  private void fillAdd(String name, String key, String secret, String token, String tokenSecret) {
    fillAdd(name, key, secret, token, tokenSecret, null, null);
  }

  private void fillAdd(
      String name,
      String key,
      String secret,
      String token,
      String tokenSecret,
      String clientId,
      String clientSecret) {
    driver.findElement(By.linkText("Add")).click();
    wait.until(ExpectedConditions.titleContains("Add an account"));
    new Select(driver.findElement(By.id("platform"))).selectByValue("twitter");
    driver.findElement(By.id("name")).sendKeys(name);
    driver.findElement(By.id("label")).sendKeys("research app");
    driver.findElement(By.id("consumer_key")).sendKeys(key);
    driver.findElement(By.id("consumer_secret")).sendKeys(secret);
    driver.findElement(By.id("access_token")).sendKeys(token);
    driver.findElement(By.id("access_token_secret")).sendKeys(tokenSecret);
    if (clientId != null) {
      driver.findElement(By.id("client_id")).sendKeys(clientId);
      driver.findElement(By.id("client_secret")).sendKeys(clientSecret);
    }
    driver.findElement(By.id("add")).click();
  }

  private String statusOf(String accountId) {
    WebElement row =
        driver.findElement(By.id("account-" + accountId.replace('/', '-').replace('.', '-')));
    WebElement cell = row.findElement(By.cssSelector("td.status"));
    wait.until(
        d -> !cell.getText().contains("not checked") && !cell.getText().contains("checking"));
    return cell.getText();
  }

  @Test
  void addAuthorizeRevokeAndRemoveInTheBrowser() throws Exception {
    SandboxKeys keys = fixture.sandbox.keys(SandboxPlatform.TWITTER);
    List<String> secrets =
        List.of(keys.consumerSecret(), keys.accessToken(), keys.accessTokenSecret());
    signInAndCreateKeychain();

    // Wrong keys: the platform's own error is shown, and nothing is stored.
    fillAdd(
        "ada",
        keys.consumerKey(),
        "wrong" + keys.consumerSecret().substring(5),
        keys.accessToken(),
        keys.accessTokenSecret());
    WebElement error =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=alert]")));
    assertThat(error.getText())
        .contains("refused these keys")
        .contains("Could not authenticate you")
        .contains("Nothing was stored");
    assertThat(driver.findElement(By.id("consumer_secret")).getAttribute("value")).isEmpty();
    assertThat(driver.findElement(By.id("store-untested")).isDisplayed()).isTrue();
    chromium.screenshot("add-refused");
    assertThat(fixture.storedAccounts()).isEmpty();

    // Right keys: stored, and the status says whose they are.
    fillAdd(
        "ada",
        keys.consumerKey(),
        keys.consumerSecret(),
        keys.accessToken(),
        keys.accessTokenSecret());
    wait.until(ExpectedConditions.titleContains("Accounts"));
    assertThat(driver.findElement(By.cssSelector("[role=status]")).getText())
        .contains("Added twitter/ada");
    assertThat(statusOf("twitter/ada")).contains("ok").contains("@ada_sandbox");
    assertThat(fixture.storedAccounts())
        .extracting(Account::id)
        .containsExactly(AccountId.parse("twitter/ada"));

    // A secondary account with the PIN flow.
    driver.findElement(By.linkText("Authorize")).click();
    wait.until(ExpectedConditions.titleContains("Authorize another account"));
    driver.findElement(By.id("method-pin")).click();
    driver.findElement(By.id("start")).click();
    WebElement link =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("authorize-link")));
    chromium.screenshot("authorize-pin");
    String pin = approveInANewTab(link.getAttribute("href"), "brook_sandbox");
    driver.findElement(By.id("pin")).sendKeys(pin);
    driver.findElement(By.id("complete")).click();
    wait.until(ExpectedConditions.titleContains("twitter/brook_sandbox"));
    assertThat(driver.findElement(By.cssSelector("[role=status]")).getText())
        .contains("Authorized twitter/brook_sandbox as @brook_sandbox");
    assertThat(driver.findElement(By.id("status")).getText())
        .contains("ok")
        .contains("@brook_sandbox");
    driver.findElement(By.linkText("Accounts")).click();
    wait.until(ExpectedConditions.titleContains("Accounts"));
    assertThat(statusOf("twitter/brook_sandbox")).contains("@brook_sandbox");
    chromium.screenshot("accounts");

    // Revoke: the platform now refuses the token, and the status says so.
    driver.findElement(By.linkText("twitter/brook_sandbox")).click();
    wait.until(ExpectedConditions.titleContains("twitter/brook_sandbox"));
    WebElement revoke = driver.findElement(By.id("revoke"));
    revoke.click();
    wait.until(ExpectedConditions.stalenessOf(revoke)); // the same title: wait for the new page
    wait.until(ExpectedConditions.titleContains("twitter/brook_sandbox"));
    WebElement status = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("status")));
    wait.until(d -> status.getText().contains("failed"));
    assertThat(status.getText()).contains("Invalid or expired token");
    chromium.screenshot("revoked");

    // Remove.
    driver.findElement(By.id("remove-confirm")).click();
    driver.findElement(By.id("remove")).click();
    wait.until(ExpectedConditions.titleContains("Accounts"));
    assertThat(driver.findElement(By.cssSelector("[role=status]")).getText())
        .contains("Removed twitter/brook_sandbox");
    assertThat(driver.findElements(By.linkText("twitter/brook_sandbox"))).isEmpty();
    assertThat(fixture.storedAccounts())
        .extracting(Account::id)
        .containsExactly(AccountId.parse("twitter/ada"));

    // No page showed a secret, and none reached the log.
    List<String> seen = new ArrayList<>(fixture.log);
    seen.add(driver.getPageSource());
    for (String s : secrets) {
      assertThat(String.join("\n", seen)).doesNotContain(s);
    }
  }

  @Test
  void callbackAndOAuth2RedirectsComeBackToTheDashboardsOwnAddress() throws Exception {
    SandboxKeys keys = fixture.sandbox.keys(SandboxPlatform.TWITTER);
    SandboxOAuth2Client client = fixture.sandbox.oauth2Client(SandboxPlatform.TWITTER);
    signInAndCreateKeychain();
    fillAdd(
        "ada",
        keys.consumerKey(),
        keys.consumerSecret(),
        keys.accessToken(),
        keys.accessTokenSecret(),
        client.clientId(),
        client.clientSecret());
    wait.until(ExpectedConditions.titleContains("Accounts"));

    // OAuth 1.0a with a callback to http://127.0.0.1:PORT/oauth1/callback.
    approveIn("method-callback", null);
    wait.until(ExpectedConditions.titleContains("Authorized"));
    assertThat(driver.getCurrentUrl()).startsWith(fixture.dashboard.baseUri() + "oauth1/callback");
    assertThat(driver.findElement(By.cssSelector("main")).getText())
        .contains("Authorized @brook_sandbox; saved as twitter/brook_sandbox");
    driver.findElement(By.id("continue")).click();
    wait.until(ExpectedConditions.titleContains("twitter/brook_sandbox"));
    assertThat(driver.findElement(By.id("status")).getText()).contains("@brook_sandbox");

    // OAuth 2 with PKCE, redirected to http://127.0.0.1:PORT/oauth2/callback.
    approveIn("method-oauth2", "brook_oauth2");
    wait.until(ExpectedConditions.titleContains("Authorized"));
    assertThat(driver.getCurrentUrl()).startsWith(fixture.dashboard.baseUri() + "oauth2/callback");
    assertThat(driver.findElement(By.cssSelector("main")).getText())
        .contains("Authorized @brook_sandbox; saved as twitter/brook_oauth2");
    chromium.screenshot("oauth2-done");
    driver.findElement(By.id("continue")).click();
    wait.until(ExpectedConditions.titleContains("twitter/brook_oauth2"));
    assertThat(driver.findElement(By.id("status")).getText())
        .contains("OAuth 2 user token: @brook_sandbox")
        .contains("offline.access")
        .contains("refreshable");
    Account stored =
        fixture.storedAccounts().stream()
            .filter(a -> a.id().name().equals("brook_oauth2"))
            .findFirst()
            .orElseThrow();
    assertThat(stored.oauth2()).isNotNull();
    assertThat(stored.oauth2().scopes()).contains("offline.access");
  }

  /** Starts an authorization, then approves it on the sandbox's page as @brook_sandbox. */
  private void approveIn(String method, String name) {
    driver.findElement(By.linkText("Authorize")).click();
    wait.until(ExpectedConditions.titleContains("Authorize another account"));
    driver.findElement(By.id(method)).click();
    if (name != null) {
      driver.findElement(By.id("name")).sendKeys(name);
    }
    driver.findElement(By.id("start")).click();
    String authorize =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("authorize-link")))
            .getAttribute("href");
    driver.get(authorize);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("oauth_form")));
    driver.findElement(By.xpath("//label[contains(., '@brook_sandbox')]/input")).click();
    driver.findElement(By.id("allow")).click();
  }

  @Test
  void theRedirectFileSignsInWithTheTokenOffTheCommandLine() throws Exception {
    Path page = dir.resolve("sign-in.html");
    java.nio.file.Files.writeString(page, Dashboard.redirectPage(fixture.dashboard.signInUri()));
    driver.get(page.toUri().toString());
    wait.until(ExpectedConditions.titleContains("Create the keychain"));
    assertThat(driver.getCurrentUrl()).isEqualTo(fixture.dashboard.baseUri() + "unlock");
    assertThat(fixture.dashboard.signInUri()).as("spent").isNull();
  }
}
