package dev.latchkey.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DetectionTest {

  static Stream<Arguments> fixturesUnderANeutralName() {
    return Stream.of(
        Arguments.of("tw.json", CredentialFormat.TW_JSON),
        Arguments.of("tw-bearer.json", CredentialFormat.TW_JSON),
        Arguments.of("tw-named.json", CredentialFormat.TW_JSON),
        Arguments.of("smapy.json", CredentialFormat.SMAPY),
        Arguments.of("smapy-keychain.json", CredentialFormat.SMAPY),
        Arguments.of("twurlrc", CredentialFormat.TWURLRC),
        Arguments.of("twurlrc-crlf", CredentialFormat.TWURLRC),
        Arguments.of("twurlrc-anchors", CredentialFormat.TWURLRC),
        Arguments.of("twarc", CredentialFormat.TWARC),
        Arguments.of("twarc2-config", CredentialFormat.TWARC2),
        Arguments.of("twitter_cred", CredentialFormat.MASSMINE),
        Arguments.of("tumblr_cred", CredentialFormat.MASSMINE),
        Arguments.of("env", CredentialFormat.DOTENV),
        Arguments.of("env-bare-crlf-bom", CredentialFormat.DOTENV));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @MethodSource("fixturesUnderANeutralName")
  void formatIsToldByContentAlone(String fixture, CredentialFormat expected) throws Exception {
    ImportResult r =
        CredentialImport.parse(Fixtures.bytes(fixture), "creds", "creds", ImportOptions.detect());

    assertThat(r.format()).isEqualTo(expected);
  }

  @Test
  void contentWinsOverAMisleadingFileName() throws Exception {
    ImportResult r =
        CredentialImport.parse(Fixtures.bytes("tw.json"), ".env", ".env", ImportOptions.detect());

    assertThat(r.format()).isEqualTo(CredentialFormat.TW_JSON);
  }

  @Test
  void iniWithSectionsAndUpperCaseKeysIsTwarcNotDotenv() throws Exception {
    byte[] ini =
        ("[main]\nCONSUMER_KEY = twCK0alice0000000000001\n"
                + "CONSUMER_SECRET = twCS0alice000000000000000000000000000000001\n")
            .getBytes(StandardCharsets.UTF_8);

    ImportResult r = CredentialImport.parse(ini, "creds", "creds", ImportOptions.detect());

    assertThat(r.format()).isEqualTo(CredentialFormat.TWARC);
    assertThat(r.accounts().get(0).app().consumerKey().reveal())
        .isEqualTo("twCK0alice0000000000001");
  }

  static Stream<Arguments> namesAndTheirFormats() {
    return Stream.of(
        Arguments.of("/home/u/.twurlrc", CredentialFormat.TWURLRC),
        Arguments.of("/home/u/.twarc", CredentialFormat.TWARC),
        Arguments.of("/home/u/.config/twarc/config", CredentialFormat.TWARC2),
        Arguments.of("/home/u/.config/massmine/twitter_cred", CredentialFormat.MASSMINE),
        Arguments.of("tumblr_cred", CredentialFormat.MASSMINE),
        Arguments.of("project/.env", CredentialFormat.DOTENV),
        Arguments.of(".env.local", CredentialFormat.DOTENV),
        Arguments.of("secrets/prod.env", CredentialFormat.DOTENV),
        Arguments.of("C:\\Users\\u\\tw.json", CredentialFormat.TW_JSON));
  }

  @ParameterizedTest(name = "{0} hints {1}")
  @MethodSource("namesAndTheirFormats")
  void fileNameHintsTheFormat(String name, CredentialFormat expected) {
    assertThat(Detection.byName(name)).contains(expected);
  }

  @Test
  void unknownFileNameHintsNothing() {
    assertThat(Detection.byName("notes.txt")).isEmpty();
    assertThat(Detection.byName("/etc/config")).isEmpty();
  }

  @Test
  void fileNameDecidesWhenContentHasNoCredentialLine() {
    byte[] onlyComments = "# nothing here yet\n".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(
            () ->
                CredentialImport.parse(
                    onlyComments, "~/.twarc", "/home/u/.twarc", ImportOptions.detect()))
        .hasMessage(
            "~/.twarc: no credential found; expected consumer_key, consumer_secret, access_token,"
                + " access_token_secret or bearer_token lines");
  }

  @Test
  void undetectableContentAsksForFormat() {
    byte[] prose = "hello world\nthis is not a credential file\n".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(
            () -> CredentialImport.parse(prose, "notes.txt", "notes.txt", ImportOptions.detect()))
        .isInstanceOf(ImportException.class)
        .hasMessage(
            "notes.txt: cannot tell which format this is; pass --format with one of: tw-json,"
                + " smapy, twurlrc, twarc, twarc2, massmine, dotenv");
  }

  @Test
  void formatsAreFoundByTheirCliNames() {
    assertThat(CredentialFormat.fromCliName("TW-JSON")).contains(CredentialFormat.TW_JSON);
    assertThat(CredentialFormat.fromCliName("twarc2")).contains(CredentialFormat.TWARC2);
    assertThat(CredentialFormat.fromCliName("yaml")).isEmpty();
    assertThat(CredentialFormat.cliNames())
        .isEqualTo("tw-json, smapy, twurlrc, twarc, twarc2, massmine, dotenv");
  }
}
