package dev.latchkey.keychain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes contending for one keychain: writers queue instead of failing. The children wait
 * with a stall limit of {@link #STALL_MILLIS}: a holder's heartbeat must stall that long before a
 * waiter gives up, which a busy machine (four scrypt runs on two cores beside other builds) must
 * not cause, while the old fixed 10-second timeout failed 27 of 100 adds. Set {@code
 * -Dlatchkey.writers=8} and {@code -Dlatchkey.adds=50} for a longer soak.
 */
class KeychainWritersQueueTest {
  static final String PASSPHRASE = "queue passphrase";

  /** Heavy enough that a write holds the lock for a while, so the writers really queue. */
  static final int WORK_FACTOR = 12;

  static final long STALL_MILLIS = 10_000;

  @TempDir Path home;

  Path file() {
    return home.resolve("data").resolve(Keychain.FILE_NAME);
  }

  Process writer(String prefix, int count) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            KeychainWriterMain.class.getName(),
            file().toString(),
            prefix,
            Integer.toString(count),
            Integer.toString(WORK_FACTOR),
            Long.toString(STALL_MILLIS));
    pb.environment().put(PassphraseSources.PASSPHRASE_ENV, PASSPHRASE);
    pb.environment().remove(PassphraseSources.PASSPHRASE_FILE_ENV);
    pb.redirectErrorStream(true);
    return pb.start();
  }

  static List<String> lines(Process p) throws Exception {
    List<String> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        out.add(line);
      }
    }
    return out;
  }

  @Test
  void fourProcessesAddingTwentyFiveAccountsEachAtOnceAllLandWithoutAFailure() throws Exception {
    int writers = Integer.getInteger("latchkey.writers", 4);
    int adds = Integer.getInteger("latchkey.adds", 25);
    List<Process> children = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      children.add(writer("w" + w + "x", adds));
    }
    ExecutorService readers = Executors.newFixedThreadPool(writers);
    List<Future<List<String>>> outputs = new ArrayList<>();
    for (Process p : children) {
      outputs.add(readers.submit(() -> lines(p)));
    }
    List<String> all = new ArrayList<>();
    int failed = 0;
    for (int w = 0; w < writers; w++) {
      Process p = children.get(w);
      assertThat(p.waitFor(600, TimeUnit.SECONDS)).as("writer %d finished", w).isTrue();
      List<String> out = outputs.get(w).get(60, TimeUnit.SECONDS);
      all.addAll(out);
      if (p.exitValue() != 0) {
        failed++;
      }
    }
    readers.shutdown();
    long waits = all.stream().filter(l -> l.startsWith("waiting for ")).count();
    System.out.printf(
        "queue test: %d writers x %d adds, %d failed, %d waits reported%n",
        writers, adds, failed, waits);
    assertThat(failed).as(String.join("\n", all)).isZero();
    assertThat(all)
        .as("writers waited for one another and said whom for")
        .anyMatch(l -> l.matches("waiting for pid [0-9]+ \\(writer w[0-9]+x\\)"));
    try (Keychain k =
        Keychain.open(
            KeychainOptions.builder(file(), PassphraseSource.of(PASSPHRASE.toCharArray()))
                .weakWorkFactorForTesting(WORK_FACTOR)
                .build())) {
      assertThat(k.accounts()).hasSize(writers * adds);
    }
  }
}
