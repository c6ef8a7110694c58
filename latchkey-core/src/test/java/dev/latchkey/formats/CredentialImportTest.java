package dev.latchkey.formats;

import static dev.latchkey.formats.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialImportTest {
  @TempDir Path dir;

  private ImportResult read(String fixture, String as) throws ImportException {
    return CredentialImport.read(copy(fixture, dir, as), ImportOptions.detect());
  }

  private static void assertOAuth1(
      Account a, String ck, String cs, String token, String tokenSecret) {
    assertThat(a.app().consumerKey().reveal()).isEqualTo(ck);
    assertThat(a.app().consumerSecret().reveal()).isEqualTo(cs);
    assertThat(a.oauth1().token().reveal()).isEqualTo(token);
    assertThat(a.oauth1().tokenSecret().reveal()).isEqualTo(tokenSecret);
  }

  private static List<String> ids(ImportResult r) {
    return r.accounts().stream().map(a -> a.id().toString()).toList();
  }

  @Test
  void twJsonBecomesOneTwitterAccountNamedDefault() throws Exception {
    ImportResult r = read("tw.json", "tw.json");

    assertThat(r.format()).isEqualTo(CredentialFormat.TW_JSON);
    assertThat(ids(r)).containsExactly("twitter/default");
    Account a = r.accounts().get(0);
    assertOAuth1(a, ALICE_CK, ALICE_CS, ALICE_AT, ALICE_ATS);
    assertThat(a.bearer()).isNull();
    assertThat(a.oauth2()).isNull();
    assertThat(r.defaults()).isEmpty();
  }

  @Test
  void accountOptionNamesASingleAccount() throws Exception {
    ImportResult r =
        CredentialImport.read(
            copy("tw.json", dir, "tw.json"), Optional.empty(), Optional.of("research"));

    assertThat(ids(r)).containsExactly("twitter/research");
  }

  @Test
  void twJsonWithBearerAndScreenNameIsNamedAfterTheScreenName() throws Exception {
    ImportResult r = read("tw-bearer.json", "keys.json");

    assertThat(ids(r)).containsExactly("twitter/carol");
    Account a = r.accounts().get(0);
    assertThat(a.app().consumerKey().reveal()).isEqualTo(CAROL_CK);
    assertThat(a.app().consumerSecret().reveal()).isEqualTo(CAROL_CS);
    assertThat(a.bearer().token().reveal()).isEqualTo(CAROL_BEARER);
    assertThat(a.oauth1()).isNull();
  }

  @Test
  void jsonObjectOfNamedDictsGivesOneAccountPerName() throws Exception {
    ImportResult r = read("tw-named.json", "all.json");

    assertThat(r.format()).isEqualTo(CredentialFormat.TW_JSON);
    assertThat(ids(r)).containsExactly("twitter/alice", "twitter/bob");
    assertOAuth1(r.accounts().get(1), BOB_CK, BOB_CS, BOB_AT, BOB_ATS);
  }

  @Test
  void smapyTokenDictUsesAccessSecret() throws Exception {
    ImportResult r = read("smapy.json", "token.json");

    assertThat(r.format()).isEqualTo(CredentialFormat.SMAPY);
    assertThat(ids(r)).containsExactly("twitter/default");
    assertOAuth1(r.accounts().get(0), ALICE_CK, ALICE_CS, ALICE_AT, ALICE_ATS);
  }

  @Test
  void smapyKeychainKeepsTheTwitterTokenAndSkipsOtherNetworks() throws Exception {
    ImportResult r = read("smapy-keychain.json", "keychain.json");

    assertThat(r.format()).isEqualTo(CredentialFormat.SMAPY);
    assertThat(ids(r)).containsExactly("twitter/default");
    assertOAuth1(r.accounts().get(0), ALICE_CK, ALICE_CS, ALICE_AT, ALICE_ATS);
  }

  @Test
  void twurlrcGivesOneAccountPerUserAndAppWithDefaultAndBearerTokens() throws Exception {
    ImportResult r = read("twurlrc", ".twurlrc");

    assertThat(r.format()).isEqualTo(CredentialFormat.TWURLRC);
    // bob's default app keeps the plain name; his other app is suffixed
    assertThat(ids(r))
        .containsExactly("twitter/alice", "twitter/bob", "twitter/bob-2", "twitter/bearer");
    assertThat(r.defaults()).containsExactly(AccountId.parse("twitter/bob"));
    assertThat(r.isDefault(AccountId.parse("twitter/bob"))).isTrue();

    Account alice = r.accounts().get(0);
    assertOAuth1(alice, ALICE_CK, ALICE_CS, ALICE_AT, ALICE_ATS);
    assertThat(alice.oauth1().screenName()).isEqualTo("alice");
    assertThat(alice.bearer().token().reveal()).isEqualTo(ALICE_BEARER);

    Account bob = r.accounts().get(1);
    assertOAuth1(bob, BOB_CK, BOB_CS, BOB2_AT, BOB2_ATS);
    assertThat(bob.oauth1().screenName()).isEqualTo("bob");
    assertThat(bob.bearer()).isNull();

    Account bobOnAlicesApp = r.accounts().get(2);
    assertOAuth1(bobOnAlicesApp, ALICE_CK, ALICE_CS, BOB_AT, BOB_ATS);
    assertThat(bobOnAlicesApp.bearer().token().reveal())
        .as("a bearer token belongs to the app, so every profile of that app gets it")
        .isEqualTo(ALICE_BEARER);

    Account bearerOnly = r.accounts().get(3);
    assertThat(bearerOnly.app().consumerKey().reveal()).isEqualTo(DAVE_CK);
    assertThat(bearerOnly.app().consumerSecret()).isNull();
    assertThat(bearerOnly.oauth1()).isNull();
    assertThat(bearerOnly.bearer().token().reveal()).isEqualTo(DAVE_BEARER);
  }

  @Test
  void twurlrcWithCrlfAndQuotedValuesReadsTheSame() throws Exception {
    ImportResult r = read("twurlrc-crlf", ".twurlrc");

    assertThat(ids(r)).containsExactly("twitter/alice");
    assertThat(r.defaults()).containsExactly(AccountId.parse("twitter/alice"));
    assertOAuth1(r.accounts().get(0), ALICE_CK, ALICE_CS, ALICE_AT, ALICE_ATS);
  }

  @Test
  void twurlrcWrittenByRubyWithAnchorsAndAliasesFindsTheDefault() throws Exception {
    // Psych aliases repeated strings: default_profile then reads "- *1" and "- *2"
    ImportResult r = read("twurlrc-anchors", ".twurlrc");

    assertThat(ids(r)).containsExactly("twitter/alice");
    assertThat(r.defaults()).containsExactly(AccountId.parse("twitter/alice"));
    assertOAuth1(r.accounts().get(0), ALICE_CK, ALICE_CS, ALICE_AT, ALICE_ATS);
  }

  @Test
  void accountOptionPicksOneProfileOfAMultiAccountFile() throws Exception {
    ImportResult r =
        CredentialImport.read(
            copy("twurlrc", dir, ".twurlrc"), ImportOptions.detect().accountName("bob-2"));

    assertThat(ids(r)).containsExactly("twitter/bob-2");
    assertOAuth1(r.accounts().get(0), ALICE_CK, ALICE_CS, BOB_AT, BOB_ATS);
  }

  @Test
  void accountOptionNamingNoProfileOfAMultiAccountFileIsAnError() {
    Path file = copy("twurlrc", dir, ".twurlrc");

    assertThatThrownBy(() -> CredentialImport.read(file, ImportOptions.detect().accountName("zed")))
        .isInstanceOf(ImportException.class)
        .hasMessageEndingWith(
            ": holds 4 accounts and --account zed does not pick exactly one of them by name;"
                + " leave --account out to import them all");
  }

  @Test
  void twarcProfilesBecomeAccountsAndMainIsTheDefault() throws Exception {
    ImportResult r = read("twarc", ".twarc");

    assertThat(r.format()).isEqualTo(CredentialFormat.TWARC);
    assertThat(ids(r)).containsExactly("twitter/main", "twitter/Research-Bot");
    assertThat(r.defaults()).containsExactly(AccountId.parse("twitter/main"));
    assertOAuth1(r.accounts().get(0), ALICE_CK, ALICE_CS, ALICE_AT, ALICE_ATS);
    assertOAuth1(r.accounts().get(1), BOB_CK, BOB_CS, BOB_AT, BOB_ATS);
  }

  @Test
  void twarc2ConfigWithPythonQuotedValuesAndBearerToken() throws Exception {
    ImportResult r = read("twarc2-config", ".config/twarc/config");

    assertThat(r.format()).isEqualTo(CredentialFormat.TWARC2);
    assertThat(ids(r)).containsExactly("twitter/default");
    Account a = r.accounts().get(0);
    assertOAuth1(a, ALICE_CK, ALICE_CS, ALICE_AT, ALICE_ATS);
    assertThat(a.bearer().token().reveal()).isEqualTo(ALICE_BEARER);
  }

  @Test
  void massMineTwitterCredIgnoresLabels() throws Exception {
    ImportResult r = read("twitter_cred", ".config/massmine/twitter_cred");

    assertThat(r.format()).isEqualTo(CredentialFormat.MASSMINE);
    assertThat(ids(r)).containsExactly("twitter/default");
    assertOAuth1(r.accounts().get(0), ALICE_CK, ALICE_CS, ALICE_AT, ALICE_ATS);
  }

  @Test
  void massMineTumblrCredIsTumblrByItsNameAndUnescapesStrings() throws Exception {
    ImportResult r = read("tumblr_cred", ".config/massmine/tumblr_cred");

    assertThat(ids(r)).containsExactly("tumblr/default");
    Account a = r.accounts().get(0);
    assertThat(a.app().consumerKey().reveal()).isEqualTo(TUMBLR_CK);
    assertThat(a.app().consumerSecret().reveal())
        .isEqualTo("tuCS0tumblr\"quoted\"\\0000000000000000000000005");
    assertThat(a.oauth1().token().reveal()).isEqualTo(TUMBLR_AT);
  }

  @Test
  void massMineAlistUnderAnyNameIsTumblrWhenThePlatformOptionSaysSo() throws Exception {
    ImportResult r =
        CredentialImport.read(
            copy("twitter_cred", dir, "project_auth"), ImportOptions.detect().platform("tumblr"));

    assertThat(ids(r)).containsExactly("tumblr/default");
  }

  @Test
  void dotenvWithAliasesQuotesCommentsAndTwoPlatforms() throws Exception {
    ImportResult r = read("env", ".env");

    assertThat(r.format()).isEqualTo(CredentialFormat.DOTENV);
    assertThat(ids(r)).containsExactly("twitter/default", "tumblr/default");
    Account tw = r.accounts().get(0);
    assertOAuth1(tw, ALICE_CK, ALICE_CS, ALICE_AT, ALICE_ATS);
    assertThat(tw.bearer().token().reveal()).isEqualTo(ALICE_BEARER);
    Account tu = r.accounts().get(1);
    assertThat(tu.app().consumerKey().reveal()).isEqualTo(TUMBLR_CK);
    assertThat(tu.app().consumerSecret().reveal())
        .as("a # inside single quotes is part of the value")
        .isEqualTo("tuCS0tumblr#not-a-comment000000000000000000005");
    assertThat(tu.oauth1().token().reveal()).isEqualTo(TUMBLR_AT);
    assertThat(tu.oauth1().tokenSecret().reveal())
        .isEqualTo("tuATS0tumblr\"esc\"0000000000000000000000000005");
  }

  @Test
  void dotenvPlatformOptionKeepsOnlyThatPlatform() throws Exception {
    ImportResult r =
        CredentialImport.read(
            copy("env", dir, ".env"),
            ImportOptions.detect().platform("tumblr").accountName("blog"));

    assertThat(ids(r)).containsExactly("tumblr/blog");
  }

  @Test
  void dotenvWithTwarcBareNamesBomAndCrlfIsTwitterAndSkipsEmptyValues() throws Exception {
    ImportResult r = read("env-bare-crlf-bom", "twarc.env");

    assertThat(r.format()).isEqualTo(CredentialFormat.DOTENV);
    assertThat(ids(r)).containsExactly("twitter/default");
    assertOAuth1(r.accounts().get(0), ALICE_CK, ALICE_CS, ALICE_AT, ALICE_ATS);
    assertThat(r.accounts().get(0).bearer()).isNull();
  }

  @Test
  void twJsonIsTumblrWhenThePlatformOptionSaysSo() throws Exception {
    ImportResult r =
        CredentialImport.read(
            copy("tw.json", dir, "t.json"), ImportOptions.detect().platform("tumblr"));

    assertThat(ids(r)).containsExactly("tumblr/default");
  }

  @Test
  void explicitFormatOverridesDetection() throws Exception {
    // A smapy dict read as tw-json still works: both names of the token secret are understood.
    ImportResult r =
        CredentialImport.read(
            copy("smapy.json", dir, "x.json"),
            ImportOptions.detect().format(CredentialFormat.TW_JSON));

    assertThat(r.format()).isEqualTo(CredentialFormat.TW_JSON);
    assertThat(r.accounts().get(0).oauth1().tokenSecret()).isEqualTo(Secret.of(ALICE_ATS));
  }

  @Test
  void namesFromFilesAreMadeValidAccountNames() {
    assertThat(CredentialImport.sanitize("Research Bot")).isEqualTo("Research-Bot");
    assertThat(CredentialImport.sanitize("  ..x/y  ")).isEqualTo("x-y");
    assertThat(CredentialImport.sanitize("///")).isNull();
    assertThat(CredentialImport.sanitize("a".repeat(80))).hasSize(64);
  }

  @Test
  void pathsUnderTheHomeDirectoryAreShownWithATilde() {
    Path home = Path.of(System.getProperty("user.home")).toAbsolutePath();

    assertThat(CredentialImport.display(home.resolve(".twarc"))).isEqualTo("~/.twarc");
    assertThat(CredentialImport.display(Path.of("relative/.env"))).isEqualTo("relative/.env");
  }

  @Test
  void accountToStringsInTheResultDoNotRevealSecrets() throws Exception {
    ImportResult r = read("twurlrc", ".twurlrc");

    String shown = r.toString();
    for (String secret : SECRETS) {
      assertThat(shown).doesNotContain(secret);
    }
  }
}
