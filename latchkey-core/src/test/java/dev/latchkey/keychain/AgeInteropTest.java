package dev.latchkey.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keychain is a standard age file: the real {@code age} binary decrypts what we write, and we
 * open what {@code age -p} writes. age reads passphrases only from a terminal, so it runs under
 * {@code script}, which gives it a pty fed from our stdin.
 */
class AgeInteropTest {
  static final String PASSPHRASE = "interop passphrase 42";

  @TempDir Path home;

  static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  static void assumeAgeAndScript() {
    assumeTrue(onPath("age"), "age is not on PATH (apt-get install age)");
    assumeTrue(onPath("script"), "script (util-linux) is not on PATH; it provides age's terminal");
  }

  /** Runs {@code command} under a pty, typing each line of {@code input}; returns the exit code. */
  static int runWithTerminal(String command, String input) throws Exception {
    Process p =
        new ProcessBuilder("script", "-qec", command, "/dev/null")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().flush();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("age did not finish: " + command);
    }
    return p.exitValue();
  }

  @Test
  void aKeychainWrittenByLatchkeyDecryptsWithTheRealAge() throws Exception {
    assumeAgeAndScript();
    Account alice = KeychainContractTest.full(new AccountId("twitter", "alice"));
    Path path;
    try (Keychain k =
        Keychain.open(
            KeychainOptions.builder(
                    home.resolve(Keychain.FILE_NAME), PassphraseSource.of(PASSPHRASE.toCharArray()))
                .weakWorkFactorForTesting(10)
                .build())) {
      k.add(alice);
      path = k.path();
    }
    Path out = home.resolve("out.json");
    int code = runWithTerminal("age -d -o " + out + " " + path, PASSPHRASE + "\n");
    assertThat(code).isZero();
    String json = Files.readString(out);
    assertThat(json)
        .contains("\"version\" : 1")
        .contains("\"id\" : \"twitter/alice\"")
        .contains(alice.oauth1().tokenSecret().reveal());
    assertThat(json.stripTrailing()).endsWith("}");
  }

  @Test
  void aFileWrittenByPlainAgeOpensAndIsRewrittenPadded() throws Exception {
    assumeAgeAndScript();
    Path json = home.resolve("plain.json");
    Files.writeString(
        json,
        "{\"version\": 1, \"accounts\": [{\"id\": \"tumblr/blog\","
            + " \"app\": {\"consumer_key\": \"tumblr-consumer-key\"}}]}\n");
    Path path = home.resolve(Keychain.FILE_NAME);
    int code =
        runWithTerminal("age -p -o " + path + " " + json, PASSPHRASE + "\n" + PASSPHRASE + "\n");
    assertThat(code).isZero();
    assertThat(Files.size(path) % 4096).isNotZero();
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    KeychainOptions options =
        KeychainOptions.builder(path, PassphraseSource.of(PASSPHRASE.toCharArray()))
            .weakWorkFactorForTesting(10)
            .build();
    try (Keychain k = Keychain.open(options)) {
      assertThat(k.get(AccountId.parse("tumblr/blog")).orElseThrow().app().consumerKey().reveal())
          .isEqualTo("tumblr-consumer-key");
      k.add(Account.empty(AccountId.parse("twitter/alice")));
    }
    assertThat(Files.size(path) % 4096).isZero();
    try (Keychain k = Keychain.open(options)) {
      assertThat(k.accounts()).hasSize(2);
    }
  }
}
