package dev.latchkey.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.keychain.Account;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * In headless Chromium: rotating an app's leaked keys from the Manage page, against the sandbox,
 * whose {@code POST /sandbox/apps/regenerate} is the developer portal's Regenerate button. The
 * account ends with the new keys and a new user token, and its status is ok.
 */
class RotateTest extends InChromium {

  /** The portal's Regenerate, as the sandbox offers it over HTTP. */
  private JsonNode regenerate(String consumerKey) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(fixture.sandbox.baseUri() + "/sandbox/apps/regenerate"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"platform\":\"twitter\",\"consumer_key\":\"" + consumerKey + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new ObjectMapper().readTree(r.body());
  }

  private String report() {
    return driver.findElement(By.id("report")).getText();
  }

  @Test
  void rotatingTheLeakedKeysLeavesTheAccountWorkingWithNewOnes() throws Exception {
    SandboxKeys keys = fixture.sandbox.keys(SandboxPlatform.TWITTER);
    driver.get(fixture.dashboard.signInUri().toString());
    wait.until(ExpectedConditions.titleContains("Create the keychain"));
    driver.findElement(By.id("passphrase")).sendKeys(Fixture.PASSPHRASE);
    driver.findElement(By.id("repeat")).sendKeys(Fixture.PASSPHRASE);
    driver.findElement(By.id("unlock")).click();
    wait.until(ExpectedConditions.titleContains("Accounts"));
    driver.get(fixture.dashboard.baseUri() + "add");
    driver.findElement(By.id("name")).sendKeys("ada");
    driver.findElement(By.id("consumer_key")).sendKeys(keys.consumerKey());
    driver.findElement(By.id("consumer_secret")).sendKeys(keys.consumerSecret());
    driver.findElement(By.id("access_token")).sendKeys(keys.accessToken());
    driver.findElement(By.id("access_token_secret")).sendKeys(keys.accessTokenSecret());
    driver.findElement(By.id("add")).click();
    wait.until(ExpectedConditions.titleContains("Accounts"));

    driver.get(fixture.dashboard.baseUri() + "accounts/twitter/ada");
    driver.findElement(By.id("rotate")).click();
    wait.until(ExpectedConditions.titleContains("Rotate the app keys of twitter/ada"));
    assertThat(driver.findElement(By.id("affected")).getText()).isEqualTo("twitter/ada");
    driver.findElement(By.id("invalidate")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("store-keys")));
    assertThat(report()).contains("✓ twitter/ada OAuth 1.0a user token invalidated");
    assertThat(driver.findElement(By.id("regenerate-page")).getAttribute("href"))
        .startsWith("https://developer.");

    JsonNode fresh = regenerate(keys.consumerKey());
    driver.findElement(By.id("consumer_key")).sendKeys(keys.consumerKey());
    driver.findElement(By.id("consumer_secret")).sendKeys(keys.consumerSecret());
    driver.findElement(By.id("store-keys")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=alert]")));
    assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText())
        .startsWith("those are the old keys; regenerate them on https://");

    driver.findElement(By.id("consumer_key")).sendKeys(fresh.get("consumer_key").asText());
    driver.findElement(By.id("consumer_secret")).sendKeys(fresh.get("consumer_secret").asText());
    driver.findElement(By.id("store-keys")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("check")));
    assertThat(report())
        .contains("✓ stored the new keys in 1 account(s); the dead tokens are gone")
        .contains(
            "twitter/ada OAuth 1.0a user token: to authorize again below, signed in as @ada_sandbox")
        .doesNotContain(fresh.get("consumer_secret").asText());
    Account rekeyed = fixture.storedAccounts().get(0);
    assertThat(rekeyed.app().consumerKey().reveal()).isEqualTo(fresh.get("consumer_key").asText());
    assertThat(rekeyed.oauth1()).as("the dead token is gone").isNull();

    driver.findElement(By.id("authorize-twitter-ada-pin")).click();
    String authorize =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("authorize-link")))
            .getAttribute("href");
    driver.findElement(By.id("pin")).sendKeys(approveInANewTab(authorize, "ada_sandbox"));
    driver.findElement(By.id("complete")).click();
    wait.until(ExpectedConditions.titleContains("twitter/ada"));

    driver.get(fixture.dashboard.baseUri() + "accounts/twitter/ada/rotate");
    driver.findElement(By.id("check")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("outcome")));
    assertThat(driver.findElement(By.id("outcome")).getText())
        .isEqualTo("Rotation done: every account works with the new keys.");
    assertThat(report()).contains("✓ twitter/ada: ok");
    chromium.screenshot("rotate");

    driver.get(fixture.dashboard.baseUri().toString());
    wait.until(ExpectedConditions.titleContains("Accounts"));
    var cell = driver.findElement(By.cssSelector("#account-twitter-ada td.status"));
    assertThat(cell.getText()).contains("ok").contains("@ada_sandbox");
    Account after = fixture.storedAccounts().get(0);
    assertThat(after.oauth1().token().reveal()).isNotEqualTo(keys.accessToken());
  }
}
