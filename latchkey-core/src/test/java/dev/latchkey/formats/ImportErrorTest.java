package dev.latchkey.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error names the file, the line and the field, and never quotes a secret. */
class ImportErrorTest {
  /** Secrets used in the broken files below; none may appear in a message. */
  static final List<String> SECRETS =
      List.of(
          "CKsecret0000000001",
          "CSsecret0000000002",
          "ATsecret0000000003",
          "ATSsecret000000004",
          "BTsecret0000000005");

  record Case(
      String name,
      CredentialFormat format,
      String content,
      String message,
      int line,
      String field) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> brokenFiles() {
    return Stream.of(
        new Case(
            "tw.json",
            null,
            "{\n  \"consumer_key\": \"CKsecret0000000001\",\n  \"access_token\": \"ATsecret0000000003\",\n"
                + "  \"access_token_secret\": \"ATSsecret000000004\"\n}\n",
            "tw.json line 3: \"consumer_secret\" is missing; add it next to \"access_token\"",
            3,
            "consumer_secret"),
        new Case(
            "tw.json",
            null,
            "{\n  \"consumer_key\": \"CKsecret0000000001\",\n  \"consumer_secret\": \"CSsecret0000000002\",\n"
                + "  \"access_token\": \"ATsecret0000000003\"\n}\n",
            "tw.json line 4: \"access_token_secret\" is missing; add it next to \"access_token\"",
            4,
            "access_token_secret"),
        new Case(
            "token.json",
            CredentialFormat.SMAPY,
            "{\"consumer_key\": \"CKsecret0000000001\", \"consumer_secret\": \"CSsecret0000000002\",\n"
                + " \"access_token\": \"ATsecret0000000003\"}",
            "token.json line 2: \"access_secret\" is missing; add it next to \"access_token\"",
            2,
            "access_secret"),
        new Case(
            "tw.json",
            null,
            "{\n  \"consumer_key\": \"CKsecret0000000001\",\n  \"consumer_secret\": CSsecret0000000002\n}\n",
            "tw.json line 3: not valid JSON; check the quotes, commas and braces there",
            3,
            null),
        new Case(
            "tw.json",
            null,
            "{\n  \"consumer_key\": \"CKsecret0000000001\",\n  \"consumer_secret\": \"CSsecret0000000002\"\n",
            "tw.json line 4: not valid JSON; check the quotes, commas and braces there",
            4,
            null),
        new Case(
            "tw.json",
            null,
            "{\"consumer_key\": \"CKsecret0000000001\",\n \"consumer_key\": \"CSsecret0000000002\"}",
            "tw.json line 2: a key appears twice in the same object (first on line 1); keep one",
            2,
            null),
        new Case(
            "tw.json",
            null,
            "{\"consumer_key\": \"CKsecret0000000001\",\n \"consumer_secret\": [\"CSsecret0000000002\"]}",
            "tw.json line 2: \"consumer_secret\" must be a string in double quotes",
            2,
            "consumer_secret"),
        new Case(
            "tw.json",
            null,
            "[\"CKsecret0000000001\"]",
            "tw.json line 1: expected a JSON object like {\"consumer_key\": \"...\", ...}",
            1,
            null),
        new Case(
            "tw.json",
            null,
            "{\"consumer_key\": \"CKsecret0000000001\"} {\"x\": 1}",
            "tw.json line 1: unexpected text after the end of the JSON value; a file holds one"
                + " object",
            1,
            null),
        new Case(
            "tw.json",
            null,
            "{\"name\": \"CKsecret0000000001\"}",
            "tw.json line 1: no credential found; expected \"consumer_key\", \"consumer_secret\","
                + " \"access_token\", \"access_token_secret\" or \"bearer_token\"",
            1,
            null),
        new Case(
            "~/.twarc",
            null,
            "[main]\nconsumer_key = CKsecret0000000001\nconsumer_secret = CSsecret0000000002\n"
                + "access_token = ATsecret0000000003\naccess_token_secret = ATSsecret000000004\n\n"
                + "ATSsecret000000004\n",
            "~/.twarc line 7: expected key = value, or a [profile] line",
            7,
            null),
        new Case(
            "~/.twarc",
            null,
            "[main]\nconsumer_key = CKsecret0000000001\n[main]\nconsumer_key = CSsecret0000000002\n",
            "~/.twarc line 3: this section appears twice (first on line 1); keep one",
            3,
            null),
        new Case(
            "config",
            CredentialFormat.TWARC2,
            "consumer_key = 'CKsecret0000000001\nconsumer_secret = 'CSsecret0000000002'\n",
            "config line 1: \"consumer_key\" has no closing quote",
            1,
            "consumer_key"),
        new Case(
            "~/.twurlrc",
            null,
            "profiles:\n  alice:\n    CKsecret0000000001:\n      username: alice\n"
                + "      consumer_key: CKsecret0000000001\n      consumer_secret: CSsecret0000000002\n"
                + "      token: ATsecret0000000003\n",
            "~/.twurlrc line 7: \"secret\" is missing; add it next to \"token\"",
            7,
            "secret"),
        new Case(
            "~/.twurlrc",
            null,
            "profiles:\n  alice:\n    CKsecret0000000001:\n      token: \"ATsecret0000000003\n"
                + "      secret: ATSsecret000000004\n",
            "~/.twurlrc line 4: not valid YAML; check the indentation, colons and quotes there",
            4,
            null),
        new Case(
            "~/.twurlrc",
            null,
            "profiles:\n  alice:\n    CKsecret0000000001:\n      token: ATsecret0000000003\n"
                + "     secret: ATSsecret000000004\n",
            "~/.twurlrc line 5: not valid YAML; check the indentation, colons and quotes there",
            5,
            null),
        new Case(
            "~/.twurlrc",
            null,
            "profiles:\n  alice:\n    CKsecret0000000001:\n      token: *CKsecret0000000001\n",
            "~/.twurlrc line 4: an alias (*name) refers to no anchor (&name) before it",
            4,
            null),
        new Case(
            "~/.twurlrc",
            null,
            "a: &a [CKsecret0000000001, CKsecret0000000001]\nb: &b [*a, *a]\nprofiles: *b\n",
            "~/.twurlrc line 2: an alias (*name) to a list or mapping is not supported; write it"
                + " out",
            2,
            null),
        new Case(
            // found by fuzzing: an app whose name (twurl's consumer key) is null, and no key under
            // it
            "~/.twurlrc",
            null,
            "---\nprofiles:\n  alice:\n    NULL:\n      username: bob\n"
                + "      c;nsumer_key: CKsecret0000000001\n      consumer_sceret: CSsecret0000000002\n",
            "~/.twurlrc line 4: this app has no consumer key; twurl names each app under"
                + " \"profiles\" by its consumer key",
            4,
            "consumer_key"),
        new Case(
            "~/.twurlrc",
            null,
            "profiles:\n  ? [CKsecret0000000001]\n  : x\n",
            "~/.twurlrc line 2: a key must be a plain value, not a list or mapping",
            2,
            null),
        new Case(
            "~/.twurlrc",
            null,
            "profiles:\n  alice: CKsecret0000000001\n",
            "~/.twurlrc line 2: expected a mapping under \"profiles\" (user name, then consumer key,"
                + " then its fields)",
            2,
            "profiles"),
        new Case(
            "~/.twurlrc",
            null,
            "profiles:\n  alice:\n    CKsecret0000000001:\n      token: ATsecret0000000003\n"
                + "      token: ATSsecret000000004\n",
            "~/.twurlrc line 5: a key appears twice in the same mapping (first on line 4); keep one",
            5,
            null),
        new Case(
            "twitter_cred",
            null,
            "((consumer-key . \"CKsecret0000000001\")\n (consumer-secret . \"CSsecret0000000002\")\n"
                + " (access-token . \"ATsecret0000000003\")\n",
            "twitter_cred line 1: this list has no closing parenthesis",
            1,
            null),
        new Case(
            "twitter_cred",
            null,
            "((consumer-key . \"CKsecret0000000001\")\n (consumer-secret . CSsecret0000000002))\n",
            "twitter_cred line 2: \"consumer-secret\" must be a string in quotes",
            2,
            "consumer-secret"),
        new Case(
            "twitter_cred",
            null,
            "((consumer-key . \"CKsecret0000000001\")\n (consumer-secret . \"CSsecret0000000002\")\n"
                + " (access-token . \"ATsecret0000000003\"))\n",
            "twitter_cred line 3: \"access-token-secret\" is missing; add it next to \"access-token\"",
            3,
            "access-token-secret"),
        new Case(
            "twitter_cred",
            null,
            "((consumer-key . \"CKsecret0000000001)\n",
            "twitter_cred line 1: a string has no closing double quote",
            1,
            null),
        new Case(
            ".env",
            null,
            "# keys\nTWITTER_CONSUMER_KEY=CKsecret0000000001\nTWITTER_CONSUMER_SECRET=\"CSsecret0000000002\n",
            ".env line 3: the value of TWITTER_CONSUMER_SECRET has no closing double quote (values"
                + " cannot span lines)",
            3,
            "TWITTER_CONSUMER_SECRET"),
        new Case(
            ".env",
            null,
            "TWITTER_CONSUMER_KEY=CKsecret0000000001\nCSsecret0000000002\n",
            ".env line 2: expected KEY=VALUE (or a # comment)",
            2,
            null),
        new Case(
            ".env",
            null,
            "TWITTER_CONSUMER_KEY=CKsecret0000000001\nTWITTER_API_KEY=CSsecret0000000002\n",
            ".env line 2: \"TWITTER_API_KEY\" disagrees with \"TWITTER_CONSUMER_KEY\" on line 1;"
                + " keep only one of them",
            2,
            "TWITTER_API_KEY"),
        new Case(
            ".env",
            null,
            "TWITTER_CONSUMER_KEY=CKsecret0000000001\nCONSUMER_KEY=CSsecret0000000002\n",
            ".env line 2: \"CONSUMER_KEY\" disagrees with \"TWITTER_CONSUMER_KEY\" on line 1;"
                + " keep only one of them",
            2,
            "CONSUMER_KEY"),
        new Case(
            ".env",
            null,
            "TWITTER_CONSUMER_KEY=CKsecret0000000001\nTWITTER_ACCESS_TOKEN=ATsecret0000000003\n"
                + "TWITTER_ACCESS_TOKEN_SECRET=ATSsecret000000004\n",
            ".env line 2: \"TWITTER_CONSUMER_SECRET\" is missing; add it next to"
                + " \"TWITTER_ACCESS_TOKEN\"",
            2,
            "TWITTER_CONSUMER_SECRET"),
        new Case(
            ".env",
            null,
            "TWITTER_CONSUMER_KEY=\"CKsecret\\t0000000001\"\n",
            ".env line 1: \"TWITTER_CONSUMER_KEY\" contains a control character (a line break or"
                + " tab); remove it",
            1,
            "TWITTER_CONSUMER_KEY"),
        new Case(
            ".env",
            null,
            "DATABASE_URL=postgres://CKsecret0000000001@db\n",
            ".env: no credential found; expected lines like TWITTER_CONSUMER_KEY=...,"
                + " TUMBLR_CONSUMER_KEY=... or CONSUMER_KEY=...",
            0,
            null),
        new Case(
            "tw.json", null, "  \n\n", "tw.json: is empty; there is nothing to import", 0, null));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("brokenFiles")
  void brokenFileIsReportedWithFileLineAndFieldButNoSecret(Case c) {
    ImportOptions options =
        c.format == null ? ImportOptions.detect() : ImportOptions.detect().format(c.format);

    ImportException e =
        catchThrowableOfType(
            ImportException.class,
            () ->
                CredentialImport.parse(
                    c.content.getBytes(StandardCharsets.UTF_8), c.name, c.name, options));

    assertThat(e).as("an ImportException").isNotNull();
    assertThat(e.getMessage()).isEqualTo(c.message);
    assertThat(e.getCause()).isNull();
    assertThat(e.file()).isEqualTo(c.name);
    assertThat(e.line()).isEqualTo(c.line);
    assertThat(e.field().orElse(null)).isEqualTo(c.field);
    for (String secret : SECRETS) {
      assertThat(e.getMessage()).doesNotContain(secret);
    }
  }

  @Test
  void missingFileSaysSo(@TempDir Path dir) {
    ImportException e =
        catchThrowableOfType(
            ImportException.class,
            () -> CredentialImport.read(dir.resolve("nope.json"), ImportOptions.detect()));

    assertThat(e.getMessage())
        .isEqualTo(dir.resolve("nope.json") + ": does not exist; check the path");
  }

  @Test
  void directoryIsNotACredentialFile(@TempDir Path dir) {
    ImportException e =
        catchThrowableOfType(
            ImportException.class, () -> CredentialImport.read(dir, ImportOptions.detect()));

    assertThat(e.getMessage()).endsWith(": is a directory; give the credential file");
  }

  @Test
  void binaryFileIsNotUtf8(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tw.json");
    Files.write(file, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});

    ImportException e =
        catchThrowableOfType(
            ImportException.class, () -> CredentialImport.read(file, ImportOptions.detect()));

    assertThat(e.getMessage())
        .isEqualTo(file + ": is not UTF-8 text (an invalid byte at offset 1); save it as UTF-8");
  }

  @Test
  void hugeFileIsRefusedBeforeReading(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(".env");
    Files.write(file, new byte[CredentialImport.MAX_BYTES + 1]);

    ImportException e =
        catchThrowableOfType(
            ImportException.class, () -> CredentialImport.read(file, ImportOptions.detect()));

    assertThat(e.getMessage())
        .isEqualTo(file + ": is larger than 1 MiB, too large to be a credential file");
  }

  @Test
  void devZeroIsRefusedAsNotAFileWithoutReadingIt() {
    ImportException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5),
            () ->
                catchThrowableOfType(
                    ImportException.class,
                    () -> CredentialImport.read(Path.of("/dev/zero"), ImportOptions.detect())));

    assertThat(e.getMessage())
        .startsWith("/dev/zero: is a device, not a regular file; give a regular file");
  }

  @Test
  void aNamedPipeWithoutAWriterIsRefusedAtOnce(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("twurlrc");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();

    ImportException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5),
            () ->
                catchThrowableOfType(
                    ImportException.class,
                    () -> CredentialImport.read(fifo, ImportOptions.detect())));

    assertThat(e.getMessage()).startsWith(fifo + ": is a named pipe (FIFO), not a regular file");
  }

  /**
   * The file from the review: 95 KB, one 60 KB anchored value and 1,500 aliases to it. Parsed
   * naively it stands for 90 MB of credentials; it is refused quickly, naming the file.
   */
  @Test
  void aTwurlrcWhoseAliasesExpandPastTheBoundIsRefusedQuicklyNamingTheFile(@TempDir Path dir)
      throws Exception {
    StringBuilder yaml = new StringBuilder("---\nprofiles:\n  big:\n    key0:\n");
    yaml.append("      consumer_key: key0\n      consumer_secret: &s ")
        .append("S".repeat(60_000))
        .append("\n");
    yaml.append("bearer_tokens:\n");
    for (int i = 1; i <= 1_500; i++) {
      yaml.append(String.format("  consumer-key-%04d: *s%n", i));
    }
    Path file = dir.resolve(".twurlrc");
    Files.writeString(file, yaml);
    assertThat(Files.size(file)).isBetween(90_000L, 110_000L);

    long start = System.nanoTime();
    ImportException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () ->
                catchThrowableOfType(
                    ImportException.class,
                    () -> CredentialImport.read(file, ImportOptions.detect())));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(e.file()).isEqualTo(file.toString());
    assertThat(e.getMessage())
        .contains("aliases")
        .contains("1 MiB")
        .doesNotContain("keychain")
        .doesNotContain("SSSS");
  }

  @Test
  void aTwurlrcWithTheAnchorsRubyWritesStillImports(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(".twurlrc");
    Files.writeString(
        file,
        "---\nprofiles:\n  alice:\n    ckey0000000000000001: &1\n"
            + "      username: alice\n      consumer_key: &2 ckey0000000000000001\n"
            + "      consumer_secret: csecret\n      token: tok\n      secret: toksecret\n"
            + "configuration:\n  default_profile:\n  - alice\n  - *2\n");

    assertThat(CredentialImport.read(file, ImportOptions.detect()).accounts()).hasSize(1);
  }
}
