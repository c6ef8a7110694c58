package dev.latchkey.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.latchkey.keychain.KeychainException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassphraseSourcesTest {
  @TempDir Path dir;

  Path privateFile(String content) throws Exception {
    Path file = dir.resolve("pass-" + content.hashCode());
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  @Test
  void fileGivesItsFirstLineWithoutTheLineEnding() throws Exception {
    assertThat(
            PassphraseSources.fromFile(privateFile("s3cret pass\nsecond line\n")).passphrase(false))
        .isEqualTo("s3cret pass".toCharArray());
    assertThat(PassphraseSources.fromFile(privateFile("crlf pass\r\n")).passphrase(true))
        .isEqualTo("crlf pass".toCharArray());
    assertThat(PassphraseSources.fromFile(privateFile("no newline é")).passphrase(true))
        .isEqualTo("no newline é".toCharArray());
  }

  @Test
  void anEmptyOrMissingFileGivesNoPassphraseWithoutQuotingIt() throws Exception {
    Path empty = privateFile("\nsecret on line two\n");
    assertThatThrownBy(() -> PassphraseSources.fromFile(empty).passphrase(false))
        .isInstanceOfSatisfying(
            KeychainException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.NO_PASSPHRASE);
              assertThat(e.getMessage()).contains(empty.toString()).doesNotContain("secret on");
            });
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> PassphraseSources.fromFile(missing).passphrase(false))
        .isInstanceOfSatisfying(
            KeychainException.class, e -> assertThat(e.getMessage()).contains(missing.toString()));
  }

  @Test
  void aFileOthersCanReadIsUsedWithAWarning() throws Exception {
    Path file = privateFile("shared pass\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    List<String> warnings = new ArrayList<>();
    assertThat(PassphraseSources.fromFile(file, warnings::add).passphrase(false))
        .isEqualTo("shared pass".toCharArray());
    assertThat(warnings).singleElement().asString().contains("chmod 600 " + file);
    assertThat(warnings.get(0)).doesNotContain("shared pass");
  }

  @Test
  void environmentPrefersTheFileVariableOverTheValue() throws Exception {
    Path file = privateFile("from file\n");
    assertThat(
            PassphraseSources.fromEnvironment(
                    Map.of(
                        "LATCHKEY_PASSPHRASE_FILE",
                        file.toString(),
                        "LATCHKEY_PASSPHRASE",
                        "from value"))
                .passphrase(false))
        .isEqualTo("from file".toCharArray());
    assertThat(
            PassphraseSources.fromEnvironment(Map.of("LATCHKEY_PASSPHRASE", "from value"))
                .passphrase(false))
        .isEqualTo("from value".toCharArray());
    assertThatThrownBy(() -> PassphraseSources.fromEnvironment(Map.of()).passphrase(false))
        .isInstanceOfSatisfying(
            KeychainException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.NO_PASSPHRASE);
              assertThat(e.getMessage()).contains("LATCHKEY_PASSPHRASE_FILE");
            });
  }

  @Test
  void firstOfSkipsSourcesWithoutAPassphraseButStopsAtOtherFailures() throws Exception {
    PassphraseSource none = PassphraseSources.fromEnvironment(Map.of());
    PassphraseSource fixed = PassphraseSource.of("fixed".toCharArray());
    assertThat(PassphraseSources.firstOf(none, fixed).passphrase(true))
        .isEqualTo("fixed".toCharArray());
    PassphraseSource broken =
        creating -> {
          throw new KeychainException(Reason.IO, "terminal broke");
        };
    assertThatThrownBy(() -> PassphraseSources.firstOf(broken, fixed).passphrase(true))
        .isInstanceOfSatisfying(
            KeychainException.class, e -> assertThat(e.reason()).isEqualTo(Reason.IO));
    assertThatThrownBy(() -> PassphraseSources.firstOf(none, none).passphrase(true))
        .isInstanceOfSatisfying(
            KeychainException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_PASSPHRASE));
  }

  @Test
  void aKeychainOpensWithAPassphraseFromTheEnvironment() throws Exception {
    Path file = privateFile("env keychain pass\n");
    KeychainOptions options =
        KeychainOptions.builder(
                dir.resolve("kc").resolve(Keychain.FILE_NAME),
                PassphraseSources.fromEnvironment(
                    Map.of("LATCHKEY_PASSPHRASE_FILE", file.toString())))
            .weakWorkFactorForTesting(4)
            .build();
    try (Keychain k = Keychain.open(options)) {
      k.add(Account.empty(new AccountId("twitter", "env")));
    }
    try (Keychain k =
        Keychain.open(
            KeychainOptions.builder(
                    options.file(), PassphraseSource.of("env keychain pass".toCharArray()))
                .build())) {
      assertThat(k.accounts()).hasSize(1);
    }
  }

  @Test
  void devZeroAsThePassphraseFileIsRefusedNamingItWithoutReadingIt() {
    KeychainException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5),
            () ->
                catchThrowableOfType(
                    () -> PassphraseSources.fromFile(Path.of("/dev/zero")).passphrase(false),
                    KeychainException.class));

    assertThat(e.reason()).isEqualTo(Reason.NO_PASSPHRASE);
    assertThat(e.getMessage()).startsWith("the passphrase file /dev/zero is a device");
  }

  @Test
  void aNamedPipeWithoutAWriterAsThePassphraseFileIsRefusedAtOnce() throws Exception {
    Path fifo = dir.resolve("fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();

    KeychainException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5),
            () ->
                catchThrowableOfType(
                    () -> PassphraseSources.fromFile(fifo).passphrase(false),
                    KeychainException.class));

    assertThat(e.getMessage()).startsWith("the passphrase file " + fifo + " is a named pipe");
  }

  @Test
  void aPassphraseFileLargerThanTheBoundIsRefusedNamingIt() throws Exception {
    Path big = privateFile("p".repeat(PassphraseSources.MAX_FILE_BYTES + 1));

    KeychainException e =
        catchThrowableOfType(
            () -> PassphraseSources.fromFile(big).passphrase(false), KeychainException.class);

    assertThat(e.getMessage())
        .startsWith("the passphrase file " + big + " is larger than 64 KiB")
        .doesNotContain("ppp");
  }

  @Test
  void aPassphraseFileThatIsNotUtf8IsRefusedNamingIt() throws Exception {
    Path file = dir.resolve("latin1");
    Files.write(file, new byte[] {'p', 'w', (byte) 0xe9, '\n'});

    KeychainException e =
        catchThrowableOfType(
            () -> PassphraseSources.fromFile(file).passphrase(false), KeychainException.class);

    assertThat(e.getMessage())
        .isEqualTo(
            "the passphrase file "
                + file
                + " is not UTF-8 text (an invalid byte at offset 2); save it as UTF-8");
  }
}
