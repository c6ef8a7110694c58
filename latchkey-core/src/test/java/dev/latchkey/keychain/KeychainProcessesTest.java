package dev.latchkey.keychain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes: two writers at once lose nothing; a writer killed mid-write loses nothing acked.
 */
class KeychainProcessesTest {
  static final String PASSPHRASE = "processes passphrase";
  static final int WORK_FACTOR = 4;

  @TempDir Path home;

  /** In a directory the first child creates, so that its 0700 mode is checked too. */
  Path file() {
    return home.resolve("data").resolve(Keychain.FILE_NAME);
  }

  Process writer(String prefix, int count, String... more) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            "sh",
            "-c",
            "umask 022; exec \"$@\"", // the usual umask: created files would be 0644
            "sh",
            java,
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            KeychainWriterMain.class.getName(),
            file().toString(),
            prefix,
            Integer.toString(count),
            Integer.toString(WORK_FACTOR));
    pb.command().addAll(List.of(more));
    pb.environment().put(PassphraseSources.PASSPHRASE_ENV, PASSPHRASE);
    pb.environment().remove(PassphraseSources.PASSPHRASE_FILE_ENV);
    pb.redirectErrorStream(true);
    return pb.start();
  }

  Keychain open() throws KeychainException {
    return Keychain.open(
        KeychainOptions.builder(file(), PassphraseSource.of(PASSPHRASE.toCharArray()))
            .weakWorkFactorForTesting(WORK_FACTOR)
            .build());
  }

  static List<String> lines(Process p) throws Exception {
    List<String> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        out.add(line);
      }
    }
    return out;
  }

  @Test
  void twoProcessesAddingFiftyAccountsEachAtOnceEndWithAllHundred() throws Exception {
    Process a = writer("a", 50);
    Process b = writer("b", 50);
    AtomicReference<List<String>> outB = new AtomicReference<>();
    Thread readB =
        new Thread(
            () -> {
              try {
                outB.set(lines(b));
              } catch (Exception e) {
                outB.set(List.of("reader failed: " + e));
              }
            });
    readB.start();
    List<String> outA = lines(a);
    readB.join(180_000);
    assertThat(a.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(b.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(a.exitValue()).as(String.join("\n", outA)).isZero();
    assertThat(b.exitValue()).as(String.join("\n", outB.get())).isZero();
    try (Keychain k = open()) {
      assertThat(k.accounts()).hasSize(100);
      for (int i = 0; i < 50; i++) {
        assertThat(k.get(new AccountId("twitter", "a" + i))).isPresent();
        assertThat(k.get(new AccountId("twitter", "b" + i))).isPresent();
      }
    }
  }

  /** Set {@code -Dlatchkey.kills=N} for a longer soak (default 25). */
  @Test
  void aWriterKilledAtRandomPointsNeverLosesAnAcknowledgedWrite() throws Exception {
    int kills = Integer.getInteger("latchkey.kills", 25);
    Random random = new Random(20261122);
    int acknowledged = 0;
    int killedMidWrite = 0;
    for (int round = 0; round < kills; round++) {
      Process p = writer("r" + round + "x", 0);
      AtomicInteger lastAcked = new AtomicInteger(-1);
      CountDownLatch ready = new CountDownLatch(1);
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    if (line.startsWith("acked ")) {
                      lastAcked.set(Integer.parseInt(line.substring(6)));
                      ready.countDown();
                    }
                  }
                } catch (Exception e) {
                  // the pipe closes when the child dies
                }
              });
      reader.start();
      // Kill at a random point after the first acknowledged write, while it keeps writing.
      assertThat(ready.await(60, TimeUnit.SECONDS)).as("child wrote once").isTrue();
      Thread.sleep(random.nextInt(250));
      p.destroyForcibly(); // SIGKILL on Linux
      p.waitFor(30, TimeUnit.SECONDS);
      reader.join(10_000);
      acknowledged = Math.max(acknowledged, lastAcked.get());
      assertNoFileOpenToOthers();
      try (Stream<Path> files = Files.list(file().getParent())) {
        if (files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"))) {
          killedMidWrite++;
        }
      }
      try (Keychain k = open()) {
        assertThat(k.accounts().size())
            .as("round %d: accounts after kill vs last acknowledged", round)
            .isGreaterThanOrEqualTo(Math.max(0, lastAcked.get()));
      }
      try (Stream<Path> files = Files.list(file().getParent())) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .as("stale temp files removed on open")
            .noneMatch(n -> n.endsWith(".tmp"));
      }
    }
    System.out.println(
        "kill test: "
            + kills
            + " kills, "
            + killedMidWrite
            + " left a temp file (killed mid-write), "
            + acknowledged
            + " accounts acknowledged");
    assertThat(acknowledged).as("the children wrote in every round").isGreaterThanOrEqualTo(kills);
  }

  /**
   * A writer that adds and removes accounts, killed at random points: after every kill, the
   * keychain and its backup open, and neither holds an account whose removal was acknowledged. Set
   * {@code -Dlatchkey.kills=N} for a longer soak (default 10).
   */
  @Test
  void aWriterKilledWhileRemovingNeverLeavesAnAcknowledgedRemovalInAnyFile() throws Exception {
    int kills = Integer.getInteger("latchkey.kills", 10);
    Random random = new Random(20261129);
    int killedMidWrite = 0;
    int removals = 0;
    for (int round = 0; round < kills; round++) {
      Process p = writer("c" + round + "x", 0, "default", "churn");
      List<String> removed = new java.util.concurrent.CopyOnWriteArrayList<>();
      CountDownLatch ready = new CountDownLatch(1);
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("removed ")) {
                      removed.add(line.substring(8));
                      ready.countDown();
                    }
                  }
                } catch (Exception e) {
                  // the pipe closes when the child dies
                }
              });
      reader.start();
      assertThat(ready.await(60, TimeUnit.SECONDS)).as("child removed once").isTrue();
      Thread.sleep(random.nextInt(250));
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
      reader.join(10_000);
      removals += removed.size();
      try (Stream<Path> files = Files.list(file().getParent())) {
        if (files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"))) {
          killedMidWrite++;
        }
      }
      Path bak = file().resolveSibling(Keychain.FILE_NAME + ".bak");
      Path copyDir = home.resolve("bak-" + round);
      Files.createDirectory(
          copyDir,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Files.copy(bak, copyDir.resolve(Keychain.FILE_NAME));
      for (Path f : List.of(file(), copyDir.resolve(Keychain.FILE_NAME))) {
        try (Keychain k =
            Keychain.open(
                KeychainOptions.builder(f, PassphraseSource.of(PASSPHRASE.toCharArray()))
                    .weakWorkFactorForTesting(WORK_FACTOR)
                    .createIfMissing(false)
                    .build())) {
          for (String name : removed) {
            assertThat(k.get(new AccountId("twitter", name)))
                .as("round %d: %s removed, yet in %s", round, name, f)
                .isEmpty();
          }
        }
      }
    }
    System.out.println(
        "removal kill test: "
            + kills
            + " kills, "
            + killedMidWrite
            + " left a temp file (killed mid-write), "
            + removals
            + " removals acknowledged, none found again");
  }

  private void assertNoFileOpenToOthers() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent())))
        .isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(file().getParent())) {
      for (Path f : files.toList()) {
        assertThat(Files.getPosixFilePermissions(f))
            .as(f.toString())
            .doesNotContain(
                PosixFilePermission.GROUP_READ,
                PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ,
                PosixFilePermission.OTHERS_WRITE);
      }
    }
  }
}
