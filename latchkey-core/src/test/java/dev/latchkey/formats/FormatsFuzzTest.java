package dev.latchkey.formats;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.BearerToken;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.keychain.Secret;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every parser, given any bytes, either reads accounts or throws {@link ImportException}, and its
 * message never quotes the file. Inputs mark secret positions with {@code @S@}, which is replaced
 * by {@link #SECRET} before parsing; the seeds are the fixtures written that way.
 */
class FormatsFuzzTest {
  static final String SECRET = "Zq9FUZZsecretVALUE9qZ";
  static final String PLACEHOLDER = "@S@";

  private static void parseOnly(byte[] data, String fileName, CredentialFormat format) {
    String text = new String(data, StandardCharsets.UTF_8).replace(PLACEHOLDER, SECRET);
    byte[] input =
        text.equals(new String(data, StandardCharsets.UTF_8))
            ? data
            : text.getBytes(StandardCharsets.UTF_8);
    ImportOptions options =
        format == null ? ImportOptions.detect() : ImportOptions.detect().format(format);
    try {
      ImportResult r = CredentialImport.parse(input, fileName, fileName, options);
      assertThat(r.accounts()).isNotEmpty();
      Set<AccountId> ids = new HashSet<>();
      for (Account a : r.accounts()) {
        assertThat(ids.add(a.id())).as("ids are unique").isTrue();
        assertThat(a.isEmpty()).isFalse();
      }
      assertThat(ids).containsAll(r.defaults());
    } catch (ImportException e) {
      String message = e.getMessage();
      assertThat(message).startsWith(fileName);
      assertThat(message).doesNotContain(SECRET);
      for (String s : Fixtures.SECRETS) {
        assertThat(message).doesNotContain(s);
      }
      assertThat(message).doesNotContain("\n").doesNotContain("\r");
      assertThat(e.getCause()).isNull();
    }
  }

  @FuzzTest(maxDuration = "60s")
  void jsonParserOnlyThrowsImportException(byte[] data) {
    parseOnly(data, "tw.json", CredentialFormat.TW_JSON);
  }

  @FuzzTest(maxDuration = "60s")
  void twurlrcParserOnlyThrowsImportException(byte[] data) {
    parseOnly(data, ".twurlrc", CredentialFormat.TWURLRC);
  }

  @FuzzTest(maxDuration = "60s")
  void twarcParserOnlyThrowsImportException(byte[] data) {
    parseOnly(data, ".twarc", CredentialFormat.TWARC);
  }

  @FuzzTest(maxDuration = "60s")
  void massMineParserOnlyThrowsImportException(byte[] data) {
    parseOnly(data, "tumblr_cred", CredentialFormat.MASSMINE);
  }

  @FuzzTest(maxDuration = "60s")
  void dotenvParserOnlyThrowsImportException(byte[] data) {
    parseOnly(data, ".env", CredentialFormat.DOTENV);
  }

  @FuzzTest(maxDuration = "60s")
  void detectionOnlyThrowsImportException(byte[] data) {
    parseOnly(data, "credentials", null);
  }

  /** Any valid values survive export then import in every export format. */
  @FuzzTest(maxDuration = "60s")
  void exportThenImportRoundTrips(FuzzedDataProvider data) throws Exception {
    String platform = data.pickValue(List.of("twitter", "tumblr", "x-test"));
    String name = data.pickValue(List.of("alice", "b0b", "research.bot", "me@example"));
    String ck = data.consumeString(60);
    String cs = data.consumeString(60);
    String at = data.consumeString(60);
    String ats = data.consumeString(60);
    String bearer = data.consumeRemainingAsString();
    if (!usable(ck) || !usable(cs) || !usable(at) || !usable(ats)) {
      return;
    }
    Account account =
        Account.empty(new AccountId(platform, name))
            .withApp(AppCredentials.of(ck, cs))
            .withOAuth1(OAuth1Token.of(at, ats).withIdentity(null, name, null));
    if (usable(bearer)) {
      account = account.withBearer(BearerToken.of(bearer));
    }
    for (CredentialFormat format : CredentialFormat.values()) {
      String text;
      try {
        text = CredentialExport.write(account, format);
      } catch (IllegalArgumentException e) {
        // only twarc's raw INI values refuse some strings, and say so without quoting them
        assertThat(format).isEqualTo(CredentialFormat.TWARC);
        assertThat(e.getMessage()).contains("twarc's INI file cannot keep");
        for (String value : List.of(ck, cs, at, ats)) {
          if (value.length() >= 8) { // shorter ones can match the message's own words
            assertThat(e.getMessage()).doesNotContain(value);
          }
        }
        continue;
      }
      ImportOptions options =
          ImportOptions.detect().format(format).platform(platform).accountName(name);
      Account back =
          CredentialImport.parse(text.getBytes(StandardCharsets.UTF_8), "out", "out", options)
              .accounts()
              .get(0);
      assertThat(back.id()).as(format.cliName()).isEqualTo(account.id());
      assertThat(back.app().consumerKey()).as(format.cliName()).isEqualTo(Secret.of(ck));
      assertThat(back.app().consumerSecret()).as(format.cliName()).isEqualTo(Secret.of(cs));
      assertThat(back.oauth1().token()).as(format.cliName()).isEqualTo(Secret.of(at));
      assertThat(back.oauth1().tokenSecret()).as(format.cliName()).isEqualTo(Secret.of(ats));
      boolean holdsBearer =
          format != CredentialFormat.SMAPY
              && format != CredentialFormat.TWARC
              && format != CredentialFormat.MASSMINE;
      assertThat(back.bearer() == null ? null : back.bearer().token().reveal())
          .as(format.cliName())
          .isEqualTo(usable(bearer) && holdsBearer ? bearer : null);
    }
  }

  /** What a credential can be: not blank, no control characters, no surrounding spaces. */
  private static boolean usable(String s) {
    return !s.isBlank() && s.equals(s.strip()) && s.chars().noneMatch(Character::isISOControl);
  }
}
