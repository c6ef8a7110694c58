package dev.latchkey.keychain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.keychain.KeychainAgent.CommandRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** An agent serving in this JVM on its real socket, started for a test and ready when returned. */
final class AgentThread {
  private AgentThread() {}

  /** Serves {@code keychain} on a daemon thread that ends when the agent forgets it. */
  static Thread start(
      Keychain keychain,
      Map<String, String> environment,
      Duration idle,
      Duration maximum,
      CommandRunner runner)
      throws InterruptedException {
    CountDownLatch ready = new CountDownLatch(1);
    Thread agent =
        new Thread(
            () -> {
              try {
                KeychainAgent.serve(
                    keychain,
                    environment,
                    idle,
                    maximum,
                    Clock.systemUTC(),
                    runner,
                    ready::countDown);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    agent.setDaemon(true);
    agent.start();
    assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
    return agent;
  }
}
