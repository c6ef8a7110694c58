package dev.latchkey.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.BearerToken;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.keychain.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever an export format can hold comes back unchanged when the output is imported. */
class RoundTripTest {
  @TempDir Path dir;

  static Account twitterUser() {
    return Account.empty(AccountId.parse("twitter/alice"))
        .withApp(
            AppCredentials.of(
                    "rtCK0twitter000000000001", "rtCS0twitter0000000000000000000000000000001")
                .withOAuth2Client(
                    "rtCLIENTid0twitter000001", Secret.of("rtCLIENTsecret0twitter00000000001")))
        .withOAuth1(
            OAuth1Token.of(
                    "1234567890-rtAT0twitter000000000000001",
                    "rtATS0twitter000000000000000000000000001")
                .withIdentity("1234567890", "alice", null))
        .withBearer(BearerToken.of("AAAAAAAAAAAAAAAAAAAAArtBT0twitter%2F0001%3DAbC"));
  }

  static Account tumblrUser() {
    return Account.empty(AccountId.parse("tumblr/alice"))
        .withApp(
            AppCredentials.of(
                "rtCK0tumblr00000000000000000000000000000000000002",
                "rtCS0tumblr00000000000000000000000000000000000002"))
        .withOAuth1(
            OAuth1Token.of(
                    "rtAT0tumblr00000000000000000000000000000000000002",
                    "rtATS0tumblr0000000000000000000000000000000000002")
                .withIdentity(null, "alice", null));
  }

  /** Values a careless writer would mangle: YAML keywords, numbers, quotes, '#', '$', spaces. */
  static Account awkwardValues() {
    return Account.empty(AccountId.parse("twitter/odd_one"))
        .withApp(AppCredentials.of("0123456789", "it's \"quoted\" # not a comment $HOME `x` \\"))
        .withOAuth1(OAuth1Token.of("yes", "null").withIdentity("007", "odd_one", null))
        .withBearer(BearerToken.of("- [a]: {b} & *c !d %e @f"));
  }

  static Account bearerOnlyApp() {
    return Account.empty(AccountId.parse("twitter/app"))
        .withApp(
            AppCredentials.of(
                "rtCK0bearerapp000000003", "rtCS0bearerapp0000000000000000000000000003"))
        .withBearer(BearerToken.of("AAAAAAAAAAAAAAAAAAAAArtBT0app%2F0003"));
  }

  /** What each format carries, so the test knows what must come back. */
  record Holds(
      boolean name,
      boolean platform,
      boolean screenName,
      boolean userId,
      boolean bearer,
      boolean client,
      boolean appOnly) {}

  static Holds holds(CredentialFormat format) {
    return switch (format) {
      case TW_JSON -> new Holds(false, true, true, true, true, true, true);
      case SMAPY -> new Holds(false, true, true, true, false, false, false);
      case TWURLRC -> new Holds(true, false, true, false, true, false, true);
      case TWARC -> new Holds(true, false, false, false, false, false, true);
      case TWARC2 -> new Holds(false, false, false, false, true, false, true);
      case MASSMINE -> new Holds(false, false, false, false, false, false, false);
      case DOTENV -> new Holds(false, true, true, true, true, true, true);
    };
  }

  static Stream<Arguments> accountsAndFormats() {
    List<Arguments> all = new ArrayList<>();
    for (CredentialFormat f : CredentialFormat.values()) {
      all.add(Arguments.of(f, "twitter user", twitterUser()));
      all.add(Arguments.of(f, "tumblr user", tumblrUser()));
      if (f != CredentialFormat.TWARC) {
        all.add(Arguments.of(f, "awkward values", awkwardValues()));
      }
      if (holds(f).appOnly()) {
        all.add(Arguments.of(f, "bearer-only app", bearerOnlyApp()));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("accountsAndFormats")
  void exportThenImportGivesBackEveryPartTheFormatHolds(
      CredentialFormat format, String label, Account original) throws Exception {
    Holds holds = holds(format);
    String text = CredentialExport.write(original, format);
    Path file = dir.resolve("exported");
    Files.writeString(file, text, StandardCharsets.UTF_8);

    ImportOptions options = ImportOptions.detect();
    if (!holds.platform()) {
      // the file does not say; the user does when importing a Tumblr account
      options = options.platform(original.id().platform());
    }
    boolean nameInFile =
        format == CredentialFormat.TWARC || (holds.screenName() && original.oauth1() != null);
    if (!nameInFile) {
      options = options.accountName(original.id().name());
    }
    ImportResult r = CredentialImport.read(file, options);

    assertThat(r.format()).as("detected from the content alone").isEqualTo(format);
    assertThat(r.accounts()).hasSize(1);
    Account back = r.accounts().get(0);
    assertThat(back.id()).isEqualTo(original.id());
    assertThat(back.app().consumerKey()).isEqualTo(original.app().consumerKey());
    if (format == CredentialFormat.TWURLRC && original.oauth1() == null) {
      assertThat(back.app().consumerSecret())
          .as("twurl keeps a bearer token by consumer key only, without the secret")
          .isNull();
    } else {
      assertThat(back.app().consumerSecret()).isEqualTo(original.app().consumerSecret());
    }
    assertThat(back.app().clientId()).isEqualTo(holds.client() ? original.app().clientId() : null);
    assertThat(back.app().clientSecret())
        .isEqualTo(holds.client() ? original.app().clientSecret() : null);
    if (original.oauth1() == null) {
      assertThat(back.oauth1()).isNull();
    } else {
      assertThat(back.oauth1().token()).isEqualTo(original.oauth1().token());
      assertThat(back.oauth1().tokenSecret()).isEqualTo(original.oauth1().tokenSecret());
      assertThat(back.oauth1().screenName())
          .isEqualTo(holds.screenName() ? original.oauth1().screenName() : null);
      assertThat(back.oauth1().userId())
          .isEqualTo(holds.userId() ? original.oauth1().userId() : null);
    }
    assertThat(back.bearer() == null ? null : back.bearer().token())
        .isEqualTo(original.bearer() == null || !holds.bearer() ? null : original.bearer().token());
    if (format == CredentialFormat.TWURLRC && original.oauth1() != null) {
      assertThat(r.defaults()).containsExactly(original.id());
    }
  }

  @Test
  void formatsThatNeedAUserTokenRefuseAnAppOnlyAccount() {
    for (CredentialFormat f : List.of(CredentialFormat.SMAPY, CredentialFormat.MASSMINE)) {
      assertThatThrownBy(() -> CredentialExport.write(bearerOnlyApp(), f))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "account twitter/app holds nothing "
                  + f.cliName()
                  + " can hold; it needs the app's consumer key and secret and an access token"
                  + " with its secret");
    }
  }

  @Test
  void twarcRefusesValuesItsIniFileWouldMisread() {
    assertThatThrownBy(() -> CredentialExport.write(awkwardValues(), CredentialFormat.TWARC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the consumer secret of account twitter/odd_one starts with a quote or holds a '%',"
                + " ' #' or ' ;' that twarc's INI file cannot keep; export to twarc2 or dotenv"
                + " instead");
  }

  @Test
  void massMineAndTwarc2OutputLooksLikeWhatThoseToolsWrite() {
    assertThat(CredentialExport.write(awkwardValues(), CredentialFormat.MASSMINE))
        .isEqualTo(
            "((consumer-key . \"0123456789\") (consumer-secret . \"it's \\\"quoted\\\" # not a"
                + " comment $HOME `x` \\\\\") (access-token . \"yes\") (access-token-secret ."
                + " \"null\"))\n");
    assertThat(CredentialExport.write(awkwardValues(), CredentialFormat.TWARC2))
        .isEqualTo(
            "consumer_key = '0123456789'\n"
                + "consumer_secret = 'it\\'s \"quoted\" # not a comment $HOME `x` \\\\'\n"
                + "access_token = 'yes'\n"
                + "access_token_secret = 'null'\n"
                + "bearer_token = '- [a]: {b} & *c !d %e @f'\n");
  }

  @Test
  void twJsonIsPrettyPrintedWithTheUsualFieldNames() {
    String text = CredentialExport.write(tumblrUser(), CredentialFormat.TW_JSON);

    assertThat(text)
        .isEqualTo(
            "{\n"
                + "  \"consumer_key\" : \"rtCK0tumblr00000000000000000000000000000000000002\",\n"
                + "  \"consumer_secret\" : \"rtCS0tumblr00000000000000000000000000000000000002\",\n"
                + "  \"access_token\" : \"rtAT0tumblr00000000000000000000000000000000000002\",\n"
                + "  \"access_token_secret\" : \"rtATS0tumblr0000000000000000000000000000000000002\",\n"
                + "  \"screen_name\" : \"alice\",\n"
                + "  \"platform\" : \"tumblr\"\n"
                + "}\n");
  }

  @Test
  void twurlrcHasTwurlsShape() {
    String text = CredentialExport.write(twitterUser(), CredentialFormat.TWURLRC);

    assertThat(text)
        .isEqualTo(
            "---\n"
                + "profiles:\n"
                + "  alice:\n"
                + "    rtCK0twitter000000000001:\n"
                + "      username: alice\n"
                + "      consumer_key: rtCK0twitter000000000001\n"
                + "      consumer_secret: rtCS0twitter0000000000000000000000000000001\n"
                + "      token: 1234567890-rtAT0twitter000000000000001\n"
                + "      secret: rtATS0twitter000000000000000000000000001\n"
                + "configuration:\n"
                + "  default_profile:\n"
                + "  - alice\n"
                + "  - rtCK0twitter000000000001\n"
                + "bearer_tokens:\n"
                + "  rtCK0twitter000000000001: AAAAAAAAAAAAAAAAAAAAArtBT0twitter%2F0001%3DAbC\n");
  }

  @Test
  void twurlrcQuotesValuesThatYamlWouldReadAsSomethingElse() {
    String text = CredentialExport.write(awkwardValues(), CredentialFormat.TWURLRC);

    assertThat(text)
        .contains("\"0123456789\":")
        .contains("consumer_key: \"0123456789\"")
        .contains("token: \"yes\"")
        .contains("secret: \"null\"");
  }

  @Test
  void dotenvUsesThePlatformPrefix() {
    String text = CredentialExport.write(tumblrUser(), CredentialFormat.DOTENV);

    assertThat(text)
        .isEqualTo(
            "# tumblr/alice exported by latchkey; keep this file private\n"
                + "TUMBLR_CONSUMER_KEY=rtCK0tumblr00000000000000000000000000000000000002\n"
                + "TUMBLR_CONSUMER_SECRET=rtCS0tumblr00000000000000000000000000000000000002\n"
                + "TUMBLR_ACCESS_TOKEN=rtAT0tumblr00000000000000000000000000000000000002\n"
                + "TUMBLR_ACCESS_TOKEN_SECRET=rtATS0tumblr0000000000000000000000000000000000002\n"
                + "TUMBLR_SCREEN_NAME=alice\n");
  }

  @Test
  void anAccountWithOnlyAnOAuth2UserTokenHasNothingToExport() {
    Account oauth2Only =
        Account.empty(AccountId.parse("twitter/pkce"))
            .withOAuth2(
                new OAuth2Token(
                    Secret.of("rtOAUTH2access00000000001"), null, null, Set.of(), null));

    for (CredentialFormat f :
        List.of(
            CredentialFormat.TW_JSON,
            CredentialFormat.TWURLRC,
            CredentialFormat.TWARC2,
            CredentialFormat.DOTENV)) {
      assertThatThrownBy(() -> CredentialExport.write(oauth2Only, f))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("account twitter/pkce holds nothing " + f.cliName() + " can hold")
          .hasMessageNotContaining("rtOAUTH2access00000000001");
    }
  }

  @Test
  void twurlrcNeedsTheAppOfAnAccessToken() {
    Account tokenOnly =
        Account.empty(AccountId.parse("twitter/t"))
            .withOAuth1(OAuth1Token.of("rtAT0tokenonly0000000001", "rtATS0tokenonly000000001"));

    assertThatThrownBy(() -> CredentialExport.write(tokenOnly, CredentialFormat.TWURLRC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "account twitter/t has an access token but not its app's consumer key and secret,"
                + " which twurl needs");
  }

  @Test
  void controlCharactersAreRefusedWithoutQuotingTheValue() {
    Account broken =
        Account.empty(AccountId.parse("twitter/b"))
            .withApp(AppCredentials.of("rtCK0line\nbreak00000001", "rtCS0linebreak000000001"));

    assertThatThrownBy(() -> CredentialExport.write(broken, CredentialFormat.DOTENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the consumer key of account twitter/b contains a control character (a line break or"
                + " tab); fix it before exporting");
  }
}
