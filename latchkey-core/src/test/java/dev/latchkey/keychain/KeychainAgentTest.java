package dev.latchkey.keychain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent in this JVM on a real Unix socket; clients connect as commands do. */
class KeychainAgentTest {
  static final AccountId ALICE = new AccountId("twitter", "alice");
  static final AccountId BOB = new AccountId("twitter", "bob");
  static final String SECRET = "cs-alice-abcdefghij0123456789";

  @TempDir Path home;
  @TempDir Path runtime;
  private Thread agent;

  private Map<String, String> env() {
    return Map.of("XDG_RUNTIME_DIR", runtime.toString());
  }

  private KeychainOptions options() {
    return KeychainOptions.builder(
            home.resolve("keychain.age"), PassphraseSource.of("pw".toCharArray()))
        .weakWorkFactorForTesting(8)
        .build();
  }

  private void createKeychain() throws Exception {
    try (Keychain k = Keychain.open(options())) {
      k.add(Account.empty(ALICE).withApp(AppCredentials.of("ck-alice-0123456789", SECRET)));
    }
  }

  private void startAgent(Duration idle, Duration maximum) throws Exception {
    agent = AgentThread.start(Keychain.open(options()), env(), idle, maximum, null);
  }

  @AfterEach
  void stop() throws Exception {
    KeychainAgent.lock(home.resolve("keychain.age"), env());
    if (agent != null) {
      agent.join(5000);
    }
  }

  private Optional<Keychain> connect() {
    // The passphrase source fails if asked: a client of the agent never needs it.
    return KeychainAgent.connect(
        KeychainOptions.builder(
                home.resolve("keychain.age"),
                creating -> {
                  throw new AssertionError("asked for the passphrase");
                })
            .build(),
        env());
  }

  @Test
  void aClientReadsAndWritesThroughTheAgentWithoutThePassphrase() throws Exception {
    createKeychain();
    startAgent(Duration.ofMinutes(1), Duration.ofHours(1));
    Path socket = KeychainAgent.socketPath(home.resolve("keychain.age"), env());
    assertThat(Files.getPosixFilePermissions(socket))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(socket.getParent()))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    try (Keychain k = connect().orElseThrow()) {
      assertThat(k.isHeldByAgent()).isTrue();
      assertThat(k.get(ALICE).orElseThrow().app().consumerSecret().reveal()).isEqualTo(SECRET);
      k.add(Account.empty(BOB).withLabel("via the agent"));
    }
    // The write went through the agent to the file: the file itself now holds bob.
    try (Keychain file = Keychain.open(options())) {
      assertThat(file.get(BOB).orElseThrow().label()).isEqualTo("via the agent");
    }
    assertThat(KeychainAgent.status(home.resolve("keychain.age"), env())).isPresent();
  }

  @Test
  void twoClientsEditingAtOnceBothLand() throws Exception {
    createKeychain();
    startAgent(Duration.ofMinutes(1), Duration.ofHours(1));
    Keychain first = connect().orElseThrow();
    Keychain second = connect().orElseThrow();
    first.add(Account.empty(BOB));
    second.put(Account.empty(new AccountId("tumblr", "blog")));
    try (Keychain third = connect().orElseThrow()) {
      assertThat(third.accounts())
          .extracting(a -> a.id().toString())
          .containsExactly("tumblr/blog", "twitter/alice", "twitter/bob");
    }
  }

  @Test
  void theAgentForgetsAfterItsIdleTime() throws Exception {
    createKeychain();
    startAgent(Duration.ofMillis(700), Duration.ofHours(1));
    assertThat(connect()).isPresent();
    agent.join(5000);
    assertThat(agent.isAlive()).isFalse();
    assertThat(connect()).isEmpty();
    assertThat(KeychainAgent.socketPath(home.resolve("keychain.age"), env())).doesNotExist();
  }

  @Test
  void theAgentForgetsAtItsMaximumLifetimeEvenWhenUsed() throws Exception {
    createKeychain();
    startAgent(Duration.ofMinutes(10), Duration.ofMillis(900));
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (agent.isAlive() && System.nanoTime() < end) {
      connect(); // keeps it from being idle
      Thread.sleep(100);
    }
    assertThat(agent.isAlive()).isFalse();
  }

  @Test
  void lockForgetsAtOnce() throws Exception {
    createKeychain();
    startAgent(Duration.ofMinutes(1), Duration.ofHours(1));
    assertThat(KeychainAgent.lock(home.resolve("keychain.age"), env())).isTrue();
    agent.join(5000);
    assertThat(connect()).isEmpty();
    assertThat(KeychainAgent.lock(home.resolve("keychain.age"), env())).isFalse();
  }

  @Test
  void aChangeToTheFileTheAgentDidNotMakeMakesItForget() throws Exception {
    createKeychain();
    startAgent(Duration.ofMinutes(1), Duration.ofHours(1));
    try (Keychain other = Keychain.open(options())) { // another writer, not through the agent
      other.add(Account.empty(BOB));
    }
    agent.join(5000);
    assertThat(agent.isAlive()).isFalse();
    assertThat(connect()).isEmpty();
  }

  @Test
  void noAgentMeansNoConnection() throws Exception {
    createKeychain();
    assertThat(connect()).isEmpty();
    assertThat(KeychainAgent.status(home.resolve("keychain.age"), env())).isEmpty();
  }

  @Test
  void aProcessOfAnotherUserIsRefused() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "needs root to run a client as nobody");
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/setpriv"))
            && Files.isExecutable(Path.of("/usr/bin/python3")),
        "needs setpriv and python3 to run a client as nobody");
    createKeychain();
    startAgent(Duration.ofMinutes(1), Duration.ofHours(1));
    Path socket = KeychainAgent.socketPath(home.resolve("keychain.age"), env());
    // Open the file permissions so that only the peer check stands in the way.
    for (Path p = socket.getParent(); p != null && !p.equals(Path.of("/")); p = p.getParent()) {
      if (p.startsWith(runtime)) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
      } else if (p.equals(runtime.getParent())) {
        break;
      }
    }
    Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
    String client =
        "import socket,sys\n"
            + "s=socket.socket(socket.AF_UNIX)\n"
            + "s.connect(sys.argv[1])\n"
            + "try:\n"
            + "  s.sendall(b'{\"v\":1,\"op\":\"snapshot\"}\\n')\n"
            + "  s.shutdown(socket.SHUT_WR)\n"
            + "except OSError:\n"
            + "  pass\n"
            + "print(s.recv(65536).decode())\n";
    Process p =
        new ProcessBuilder(
                "/usr/bin/setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "/usr/bin/python3",
                "-c",
                client,
                socket.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    Assumptions.assumeFalse(
        out.contains("Permission denied"), "the temp directory is not reachable by nobody: " + out);
    assertThat(out).contains("REFUSED").doesNotContain(SECRET).doesNotContain("document");
    // The agent still serves its own user.
    assertThat(connect()).isPresent();
  }
}
