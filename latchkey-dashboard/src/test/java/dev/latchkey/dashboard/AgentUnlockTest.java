package dev.latchkey.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainAgent;
import dev.latchkey.keychain.KeychainOptions;
import dev.latchkey.keychain.PassphraseSource;
import dev.latchkey.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In headless Chromium: unlocking through the agent of {@code latchkey unlock} (no passphrase
 * typed), the dashboard's idle lock while the agent still holds the keychain, and the passphrase
 * form once the agent has forgotten it.
 */
class AgentUnlockTest {
  @TempDir Path dir;
  Path runtime;
  Map<String, String> environment;
  Fixture fixture;
  Chromium chromium;
  WebDriver driver;
  WebDriverWait wait;
  Thread agent;

  @BeforeEach
  void start() throws Exception {
    runtime = Files.createDirectory(dir.resolve("run"));
    Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
    environment = Map.of("XDG_RUNTIME_DIR", runtime.toString());
    fixture =
        new Fixture(
            dir,
            null,
            Duration.ofSeconds(30),
            SandboxOptions.builder().port(0).build(),
            null,
            environment);
    chromium = Chromium.start();
    driver = chromium.driver;
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  @AfterEach
  void stop() throws Exception {
    if (fixture != null) {
      KeychainAgent.lock(fixture.keychainFile, environment);
      fixture.close();
    }
    if (agent != null) {
      agent.join(5000);
    }
    if (chromium != null) {
      chromium.close();
    }
  }

  private KeychainOptions.Builder options() {
    return KeychainOptions.builder(
            fixture.keychainFile, PassphraseSource.of(Fixture.PASSPHRASE.toCharArray()))
        .weakWorkFactorForTesting(10);
  }

  /** A keychain with one account, held by an agent as {@code latchkey unlock} starts it. */
  private void unlockWithTheAgent() throws Exception {
    try (Keychain k = Keychain.open(options().createIfMissing(true).build())) {
      k.put(
          Account.empty(AccountId.parse("twitter/ada"))
              .withApp(AppCredentials.of("consumer-key-abcdef", "consumer-secret-abcdef")));
    }
    Keychain unlocked = Keychain.open(options().createIfMissing(false).build());
    CountDownLatch ready = new CountDownLatch(1);
    agent =
        new Thread(
            () -> {
              try {
                KeychainAgent.serve(
                    unlocked,
                    environment,
                    Duration.ofMinutes(5),
                    Duration.ofHours(1),
                    Clock.systemUTC(),
                    ready::countDown);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            "test-agent");
    agent.setDaemon(true);
    agent.start();
    assertThat(ready.await(20, TimeUnit.SECONDS)).as("the agent started").isTrue();
  }

  @Test
  void theAgentUnlocksWithoutAPassphraseAndTheIdleLockStillApplies() throws Exception {
    unlockWithTheAgent();
    driver.get(fixture.dashboard.signInUri().toString());
    wait.until(ExpectedConditions.titleContains("Unlock the keychain"));
    assertThat(driver.findElement(By.cssSelector("main")).getText())
        .contains(
            "No passphrase needed: the agent of latchkey unlock (process "
                + ProcessHandle.current().pid()
                + ") holds it until");
    chromium.screenshot("unlock-agent");
    driver.findElement(By.id("unlock-agent")).click();
    wait.until(ExpectedConditions.titleContains("Accounts"));
    assertThat(driver.findElement(By.cssSelector(".flash")).getText())
        .isEqualTo("Unlocked with the agent of latchkey unlock.");
    assertThat(driver.findElement(By.id("account-twitter-ada")).getText()).contains("twitter/ada");

    fixture.clock.advance(Duration.ofMinutes(16));
    driver.get(fixture.dashboard.baseUri().toString());
    wait.until(ExpectedConditions.titleContains("Unlock the keychain"));
    assertThat(driver.findElement(By.id("locked-because")).getText())
        .startsWith("Locked after 15 minutes without use");
    assertThat(driver.findElements(By.id("unlock-agent")))
        .as("the agent still holds it: one click unlocks again")
        .hasSize(1);
    driver.findElement(By.id("unlock-agent")).click();
    wait.until(ExpectedConditions.titleContains("Accounts"));
  }

  @Test
  void whenTheAgentForgetsTheDashboardLocksAndThePassphraseFormUnlocks() throws Exception {
    unlockWithTheAgent();
    driver.get(fixture.dashboard.signInUri().toString());
    wait.until(ExpectedConditions.titleContains("Unlock the keychain"));
    driver.findElement(By.id("unlock-agent")).click();
    wait.until(ExpectedConditions.titleContains("Accounts"));

    assertThat(KeychainAgent.lock(fixture.keychainFile, environment)).isTrue();
    agent.join(5000);
    driver.get(fixture.dashboard.baseUri().toString());
    wait.until(ExpectedConditions.titleContains("Unlock the keychain"));
    assertThat(driver.findElement(By.id("locked-because")).getText())
        .contains("The agent of latchkey unlock no longer holds the keychain");
    assertThat(driver.findElements(By.id("unlock-agent"))).isEmpty();
    driver.findElement(By.id("passphrase")).sendKeys(Fixture.PASSPHRASE);
    driver.findElement(By.id("unlock")).click();
    wait.until(ExpectedConditions.titleContains("Accounts"));
    assertThat(driver.findElement(By.cssSelector(".flash")).getText())
        .isEqualTo("Unlocked with the passphrase typed here.");
    assertThat(driver.findElement(By.id("account-twitter-ada")).getText()).contains("twitter/ada");
  }

  @Test
  void theLockPageCanMakeTheAgentForgetToo() throws Exception {
    unlockWithTheAgent();
    driver.get(fixture.dashboard.signInUri().toString());
    wait.until(ExpectedConditions.titleContains("Unlock the keychain"));
    driver.findElement(By.id("unlock-agent")).click();
    wait.until(ExpectedConditions.titleContains("Accounts"));
    driver.findElement(By.cssSelector("form.lock button")).click();
    wait.until(ExpectedConditions.titleContains("Unlock the keychain"));
    assertThat(driver.findElement(By.cssSelector(".flash")).getText())
        .contains("The agent of latchkey unlock still holds them");
    driver.findElement(By.id("lock-agent")).click();
    wait.until(ExpectedConditions.titleContains("Unlock the keychain"));
    assertThat(driver.findElement(By.cssSelector(".flash")).getText())
        .contains("forgot the keychain too");
    assertThat(KeychainAgent.status(fixture.keychainFile, environment)).isEmpty();
    assertThat(driver.findElements(By.id("unlock-agent"))).isEmpty();
  }
}
