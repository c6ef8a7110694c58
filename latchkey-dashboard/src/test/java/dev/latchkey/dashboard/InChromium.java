package dev.latchkey.dashboard;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A test of the dashboard in headless Chromium: the browser and the dashboard (with the sandbox)
 * are started before each test and closed after it, the dashboard even when the browser could not
 * start.
 */
abstract class InChromium {
  @TempDir Path dir;
  Fixture fixture;
  Chromium chromium;
  WebDriver driver;
  WebDriverWait wait;

  /** The dashboard this test uses; a test that needs other settings overrides this. */
  Fixture fixture(Path directory) throws Exception {
    return new Fixture(directory);
  }

  /**
   * Plays the person at the platform's authorize page: opens {@code authorizeUrl} in a new tab,
   * picks {@code screenName}'s account, allows, and comes back to the dashboard's tab with the PIN
   * the platform showed.
   */
  String approveInANewTab(String authorizeUrl, String screenName) {
    String dashboardTab = driver.getWindowHandle();
    driver.switchTo().newWindow(WindowType.TAB);
    driver.get(authorizeUrl);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("oauth_form")));
    driver.findElement(By.xpath("//label[contains(., '@" + screenName + "')]/input")).click();
    driver.findElement(By.id("allow")).click();
    String pin =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#oauth_pin code")))
            .getText();
    driver.close();
    driver.switchTo().window(dashboardTab);
    return pin;
  }

  @BeforeEach
  final void startBrowserAndDashboard() throws Exception {
    chromium = Chromium.start();
    driver = chromium.driver;
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    fixture = fixture(dir);
  }

  @AfterEach
  final void closeBrowserAndDashboard() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
    if (chromium != null) {
      chromium.close();
    }
  }
}
