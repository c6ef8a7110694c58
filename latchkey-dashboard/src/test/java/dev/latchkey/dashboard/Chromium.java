package dev.latchkey.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver}, driven through
 * Selenium with the driver binary named, so Selenium Manager never runs (and never downloads), in a
 * fresh profile that is deleted afterwards. Tests skip with a message when the binaries are absent.
 */
final class Chromium implements AutoCloseable {
  static final Path BROWSER = Path.of(System.getProperty("latchkey.chromium", "/usr/bin/chromium"));
  static final Path DRIVER =
      Path.of(System.getProperty("latchkey.chromedriver", "/usr/bin/chromedriver"));

  final ChromeDriver driver;
  private final Path profile;
  private final ChromeDriverService service;

  private Chromium(ChromeDriver driver, ChromeDriverService service, Path profile) {
    this.driver = driver;
    this.service = service;
    this.profile = profile;
  }

  /** Starts Chromium, or skips the test when this machine has no Chromium and driver. */
  static Chromium start() throws IOException {
    Assumptions.assumeTrue(
        Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
        "no " + BROWSER + " and " + DRIVER + ": install Debian's chromium and chromium-driver");
    Path profile = Files.createTempDirectory("latchkey-chromium-");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER.toString()))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile,
        "--window-size=1100,820");
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    driver.manage().window().setSize(new Dimension(1100, 820));
    return new Chromium(driver, service, profile);
  }

  /**
   * Saves a screenshot under {@code target/screenshots}, and under {@code docs/dashboard} of the
   * repository when {@code -Dlatchkey.screenshots=docs} asks to refresh the README's pictures.
   */
  void screenshot(String name) throws IOException {
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Path target = Path.of("target", "screenshots");
    Files.createDirectories(target);
    Files.write(target.resolve(name + ".png"), png);
    if ("docs".equals(System.getProperty("latchkey.screenshots"))) {
      Path docs = Path.of("..", "docs", "dashboard");
      Files.createDirectories(docs);
      Files.write(docs.resolve(name + ".png"), png);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      service.stop();
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
