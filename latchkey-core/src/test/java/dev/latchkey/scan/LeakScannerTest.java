package dev.latchkey.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.BearerToken;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.oauth1.PercentEncoding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeakScannerTest {
  static final String KEY = "Fq3kW9zLm2Xc7Vb1Nd8Rt5Yh0";
  static final String SECRET = "Qp7Zr4Tn9Lx2Wc6Vb3Md8Kj1Hs5Gf0Ay4Ue7Io2Pn9Bz6Xq3Rt";
  static final String TOKEN = "1234567890-Ab3Cd5Ef7Gh9Ij2Kl4Mn6Op8Qr0St1Uv3Wx5Yz7";
  static final String TOKEN_SECRET = "Zx8Cv6Bn4Ma2Sd9Fg7Hj5Kl3Qw1Er0Ty8Ui6Op4As2Df9Gh";
  static final String BEARER =
      "AAAAAAAAAAAAAAAAAAAAAFk2Lp9Qr7Ws3Xt1Yu5Zv%2BAb4Cd6Ef8Gh0Ij2Kl%3DMn4Op6Qr8St0Uv2Wx4Yz6Ab8Cd0Ef2Gh4Ij6Kl8Mn0Op2Qr4St6Uv8Wx0";

  @TempDir Path dir;

  static Account alice() {
    return Account.empty(AccountId.parse("twitter/alice"))
        .withApp(AppCredentials.of(KEY, SECRET))
        .withOAuth1(OAuth1Token.of(TOKEN, TOKEN_SECRET))
        .withBearer(BearerToken.of(BEARER));
  }

  static LeakScanner scanner() {
    return LeakScanner.create(KnownSecret.of(alice()), true);
  }

  private List<Finding> scanText(String text) {
    List<Finding> out = new ArrayList<>();
    scanner().scan(LeakScanner.Source.file("f"), text.getBytes(StandardCharsets.UTF_8), out::add);
    return out;
  }

  @Test
  void aPlantedSecretIsReportedWithItsAccountFieldAndLine() {
    List<Finding> found = scanText("line one\nline two\nsecret = " + SECRET + "\n");
    assertThat(found).hasSize(1);
    Finding f = found.get(0);
    assertThat(f.line()).isEqualTo(3);
    assertThat(f.holders()).isEqualTo("twitter/alice consumer secret");
    assertThat(f.encoding()).isEqualTo("raw");
    assertThat(f.masked()).isEqualTo("Qp7Z…");
    assertThat(f.toString()).doesNotContain(SECRET);
  }

  @Test
  void base64OfKeyColonSecretIsFoundAtAnyAlignment() {
    for (String prefix : List.of("", "x", "xy", "xyz")) {
      String basic =
          Base64.getEncoder()
              .encodeToString((prefix + KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
      List<Finding> found = scanText("Authorization: Basic " + basic + "\n");
      assertThat(found)
          .as("prefix '%s'", prefix)
          .extracting(Finding::holders)
          .contains("twitter/alice consumer secret");
      assertThat(found).allSatisfy(f -> assertThat(f.encoding()).startsWith("Base64"));
    }
  }

  @Test
  void aWholeTwJsonInBase64IsFound() {
    String json = "{\"consumer_key\": \"" + KEY + "\", \"consumer_secret\": \"" + SECRET + "\"}";
    String encoded = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    assertThat(scanText("data: " + encoded))
        .extracting(Finding::holders)
        .contains("twitter/alice consumer key", "twitter/alice consumer secret");
  }

  @Test
  void percentEncodedAndDecodedBearerTokensAreFound() {
    assertThat(scanText("curl -d token=" + PercentEncoding.encode(BEARER)))
        .extracting(Finding::encoding)
        .containsExactly("percent-encoded");
    assertThat(scanText("BEARER=" + PercentEncoding.decode(BEARER, false)))
        .extracting(Finding::encoding)
        .containsExactly("percent-decoded");
  }

  @Test
  void aSecretInJsonWithEscapedSlashesIsFound() {
    String slashy = "ab/cd/ef/gh/ij/kl/mn";
    LeakScanner s =
        LeakScanner.create(
            KnownSecret.of(
                Account.empty(AccountId.parse("tumblr/blog"))
                    .withApp(AppCredentials.of("k0123456789abcdef", slashy))),
            false);
    List<Finding> out = new ArrayList<>();
    s.scan(
        LeakScanner.Source.file("x.json"),
        "{\"secret\":\"ab\\/cd\\/ef\\/gh\\/ij\\/kl\\/mn\"}".getBytes(StandardCharsets.UTF_8),
        out::add);
    assertThat(out).extracting(Finding::encoding).containsExactly("JSON-escaped with \\/");
  }

  @Test
  void aSharedConsumerKeyNamesEveryAccountHoldingIt() {
    Account bob =
        Account.empty(AccountId.parse("twitter/bob")).withApp(AppCredentials.of(KEY, SECRET));
    LeakScanner s = LeakScanner.create(KnownSecret.of(List.of(alice(), bob)), false);
    List<Finding> out = new ArrayList<>();
    s.scan(LeakScanner.Source.file("f"), KEY.getBytes(StandardCharsets.UTF_8), out::add);
    assertThat(out)
        .singleElement()
        .extracting(Finding::holders)
        .isEqualTo("twitter/alice consumer key, twitter/bob consumer key");
  }

  @Test
  void aSecretAcrossTheWindowBoundaryIsFoundOnceOnTheRightLine() throws Exception {
    byte[] filler = new byte[LeakScanner.WINDOW - 10];
    java.util.Arrays.fill(filler, (byte) 'x');
    for (int i = 99; i < filler.length; i += 100) {
      filler[i] = '\n';
    }
    long newlines = filler.length / 100;
    Path file = dir.resolve("big.txt");
    Files.write(file, filler);
    Files.writeString(file, SECRET + "\nend\n" + SECRET, java.nio.file.StandardOpenOption.APPEND);
    List<Finding> out = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    scanner().scanFiles(file, Long.MAX_VALUE, LeakScanner.Progress.NONE, out::add, skipped::add);
    assertThat(out).extracting(Finding::line).containsExactly(newlines + 1, newlines + 3);
  }

  @Test
  void platformCredentialsNotInTheKeychainAreReported() {
    String otherBearer =
        "AAAAAAAAAAAAAAAAAAAAAHq8Rt2Yu4Io6Pa8Sd0Fg%2BHj2Kl4Zx6Cv8Bn0Mq%3DWe2Rt4Yu6Io8Pa0Sd2Fg4Hj6Kl8Zx0Cv2Bn4Mq6We8Rt0Yu2Io4Pa6Sd8";
    String text =
        "bearer: "
            + otherBearer
            + "\n"
            + "consumer_secret = 'Hk4Lm6Np8Qr0St2Uv4Wx6Yz8Ab0Cd2Ef4Gh6Ij8Kl0Mn2Op4Qr'\n"
            + "{\"access_token_secret\": \"Lp0Ok9Ij8Uh7Yg6Tf5Rd4Es3Wa2Qz1Xs0Cd9Vf8Bg7Nh\"}\n"
            + "(access-token . \"98765-Qw1Er2Ty3Ui4Op5As6Df7Gh8Jk9Lz0Xc\")\n"
            + "TWITTER_CONSUMER_SECRET="
            + SECRET
            + "\n";
    List<Finding> found = scanText(text);
    assertThat(found)
        .filteredOn(f -> !f.isKeychainSecret())
        .extracting(Finding::what, Finding::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("X bearer token", 1L),
            org.assertj.core.groups.Tuple.tuple("OAuth 1.0a consumer secret", 2L),
            org.assertj.core.groups.Tuple.tuple("OAuth 1.0a access token secret", 3L),
            org.assertj.core.groups.Tuple.tuple("X access token", 4L));
    // The keychain's own secret on line 5 is reported once, as the keychain's.
    assertThat(found)
        .filteredOn(Finding::isKeychainSecret)
        .extracting(Finding::line)
        .containsExactly(5L);
  }

  @Test
  void placeholdersAndPublishedExamplesAreNotReported() {
    String text =
        "consumer_secret = 'YOUR_CONSUMER_SECRET_GOES_HERE_12345'\n"
            + "consumer_secret = os.environ['CONSUMER_SECRET']\n"
            + "consumer_secret: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"
            + "oauth_consumer_secret=kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw\n"
            + "token = AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F\n"
            + "api key: AAAA… (masked)\n"
            + "consumerSecret(app.consumerSecret())\n";
    assertThat(scanText(text)).isEmpty();
  }

  @Test
  void randomLookAlikesAreNeverReportedAsTheKeychainsSecrets() {
    Random random = new Random(42);
    StringBuilder text = new StringBuilder();
    String alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < 2000; i++) {
      for (int j = 0; j < 50; j++) {
        text.append(alnum.charAt(random.nextInt(alnum.length())));
      }
      text.append(i % 2 == 0 ? '\n' : ' ');
      // Base64 of random bytes too: the shortest needles are Base64 fragments.
      byte[] b = new byte[37];
      random.nextBytes(b);
      text.append(Base64.getEncoder().encodeToString(b)).append('\n');
    }
    assertThat(scanText(text.toString())).filteredOn(Finding::isKeychainSecret).isEmpty();
  }

  @Test
  void aSecretInADeletedFilesHistoryAndInAStashIsFoundWithItsCommit() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Git.available(), "git is not installed; the history scan is not tested");
    Git git = new Git(dir);
    git.run("init", "-q", "-b", "main");
    Files.writeString(dir.resolve("README"), "hello\n");
    git.commitAll("first");
    Files.writeString(dir.resolve("tw.json"), "{\n  \"consumer_secret\": \"" + SECRET + "\"\n}\n");
    git.commitAll("add keys");
    String added = git.output("rev-parse", "--short=12", "HEAD");
    Files.delete(dir.resolve("tw.json"));
    git.commitAll("remove keys");
    Files.writeString(dir.resolve("notes.txt"), "token " + TOKEN_SECRET + "\n");
    git.run("stash", "push", "-u", "-q");

    List<Finding> files = new ArrayList<>();
    scanner().scanFiles(dir, Long.MAX_VALUE, LeakScanner.Progress.NONE, files::add, s -> {});
    assertThat(files).as("the work tree is clean").isEmpty();

    List<Finding> history = new ArrayList<>();
    scanner().scanGitHistory(dir, Long.MAX_VALUE, LeakScanner.Progress.NONE, history::add, s -> {});
    assertThat(history)
        .extracting(Finding::path, Finding::line, Finding::holders)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("tw.json", 2L, "twitter/alice consumer secret"),
            org.assertj.core.groups.Tuple.tuple(
                "notes.txt", 1L, "twitter/alice access token secret"));
    Finding deleted = history.stream().filter(f -> f.path().equals("tw.json")).findFirst().get();
    assertThat(deleted.commit()).isEqualTo(added);
    Finding stashed = history.stream().filter(f -> f.path().equals("notes.txt")).findFirst().get();
    assertThat(stashed.refs()).contains("stash@{0}");
  }

  @Test
  void stagedContentIsScannedForTheHook() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Git.available(), "git is not installed");
    Git git = new Git(dir);
    git.run("init", "-q", "-b", "main");
    Files.writeString(dir.resolve("a.env"), "X=1\nTWITTER_KEY=" + KEY + "\n");
    git.run("add", "a.env");
    Files.writeString(dir.resolve("a.env"), "X=1\n"); // the work tree no longer has it
    List<Finding> out = new ArrayList<>();
    scanner().scanStaged(dir, LeakScanner.Progress.NONE, out::add, s -> {});
    assertThat(out)
        .extracting(Finding::place, Finding::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a.env", 2L));
  }
}
