package dev.latchkey.dashboard;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;
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
