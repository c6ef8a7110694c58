package dev.latchkey.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.sandbox.SandboxPlatform;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * In headless Chromium: the dashboard used with the keyboard alone, and a revealed secret that
 * needs the passphrase again and leaves the page after its time.
 */
class KeyboardAndRevealTest extends InChromium {
  @Override
  Fixture fixture(Path directory) throws Exception {
    return new Fixture(directory, null, Duration.ofSeconds(2));
  }

  private String focused() {
    var e = driver.switchTo().activeElement();
    String id = e.getAttribute("id");
    return id == null || id.isEmpty() ? e.getTagName() + ":" + e.getText() : id;
  }

  @Test
  void createTheKeychainAndReachEveryPageWithTheKeyboard() {
    driver.get(fixture.dashboard.signInUri().toString());
    wait.until(ExpectedConditions.titleContains("Create the keychain"));
    assertThat(focused()).as("the passphrase field has the focus").isEqualTo("passphrase");
    new Actions(driver)
        .sendKeys(Fixture.PASSPHRASE + Keys.TAB + Fixture.PASSPHRASE + Keys.ENTER)
        .perform();
    wait.until(ExpectedConditions.titleContains("Accounts"));

    new Actions(driver).sendKeys(Keys.TAB).perform();
    assertThat(focused()).as("first stop: the skip link").isEqualTo("a:Skip to the content");
    new Actions(driver).sendKeys(Keys.TAB, Keys.TAB, Keys.ENTER).perform();
    wait.until(ExpectedConditions.titleContains("Add an account"));
    new Actions(driver).sendKeys(Keys.TAB).perform();
    for (int i = 0; i < 12 && !focused().equals("platform"); i++) {
      new Actions(driver).sendKeys(Keys.TAB).perform();
    }
    assertThat(focused()).isEqualTo("platform");
    new Actions(driver).sendKeys(Keys.TAB).perform();
    assertThat(focused()).isEqualTo("name");
    assertThat(driver.findElement(By.cssSelector("label[for=name]")).getText())
        .startsWith("Account name");
  }

  @Test
  void aRevealedSecretAsksForThePassphraseAndHidesAgain() throws Exception {
    String secret = fixture.sandbox.keys(SandboxPlatform.TWITTER).accessTokenSecret();
    driver.get(fixture.dashboard.signInUri().toString());
    wait.until(ExpectedConditions.titleContains("Create the keychain"));
    new Actions(driver)
        .sendKeys(Fixture.PASSPHRASE + Keys.TAB + Fixture.PASSPHRASE + Keys.ENTER)
        .perform();
    wait.until(ExpectedConditions.titleContains("Accounts"));
    var keys = fixture.sandbox.keys(SandboxPlatform.TWITTER);
    driver.get(fixture.dashboard.baseUri() + "add");
    driver.findElement(By.id("name")).sendKeys("ada");
    driver.findElement(By.id("consumer_key")).sendKeys(keys.consumerKey());
    driver.findElement(By.id("consumer_secret")).sendKeys(keys.consumerSecret());
    driver.findElement(By.id("access_token")).sendKeys(keys.accessToken());
    driver.findElement(By.id("access_token_secret")).sendKeys(secret + Keys.ENTER);
    wait.until(ExpectedConditions.titleContains("Accounts"));
    driver.get(fixture.dashboard.baseUri() + "accounts/twitter/ada");
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("field")))
        .selectByValue("access_token_secret");
    driver.findElement(By.id("reveal-passphrase")).sendKeys(Fixture.PASSPHRASE + Keys.ENTER);
    var shown = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("revealed")));
    assertThat(shown.getText()).isEqualTo(secret);
    wait.until(d -> !d.getPageSource().contains(secret));
    assertThat(driver.findElement(By.cssSelector("main")).getText()).doesNotContain(secret);
  }
}
