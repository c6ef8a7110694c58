package dev.latchkey.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.keychain.KeychainException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The behaviour every keychain backend must have; run once per backend by the subclasses. */
abstract class KeychainContractTest {
  static final AccountId ALICE = new AccountId("twitter", "alice");
  static final AccountId BOB = new AccountId("twitter", "bob");
  static final AccountId BLOG = new AccountId("tumblr", "myblog");

  @TempDir Path home;

  /** Options for a keychain in {@code dir} with this backend. */
  abstract KeychainOptions.Builder options(Path dir);

  Keychain open() throws KeychainException {
    return Keychain.open(options(home).build());
  }

  static Account full(AccountId id) {
    return Account.empty(id)
        .withLabel("label of " + id.name())
        .withApp(
            AppCredentials.of("ck-" + id.name() + "-0123456789", "cs-" + id.name() + "-abcdefghij")
                .withOAuth2Client("client-" + id.name(), Secret.of("clsec-" + id.name() + "-xyz")))
        .withOAuth1(
            OAuth1Token.of("tok-" + id.name() + "-1234567", "toksec-" + id.name() + "-7654321")
                .withIdentity("42", id.name(), "read-write"))
        .withBearer(
            new BearerToken(
                Secret.of("AAAA%2Fbearer-" + id.name()), Instant.parse("2026-01-02T03:04:05Z")))
        .withOAuth2(
            new OAuth2Token(
                Secret.of("at-" + id.name() + "-access"),
                Secret.of("rt-" + id.name() + "-refresh"),
                Instant.parse("2026-02-03T04:05:06Z"),
                Set.of("tweet.read", "users.read", "offline.access"),
                "client-" + id.name()));
  }

  /**
   * A change that would pass the 64 MiB the reader accepts is refused before anything is written,
   * saying so, instead of writing a file it then blames as unreadable.
   */
  @Test
  void aChangeThatWouldMakeTheKeychainTooLargeIsRefusedAndNothingIsWritten() throws Exception {
    try (Keychain k = open()) {
      k.add(Account.empty(ALICE));
      byte[] before = Files.readAllBytes(k.path());
      String huge = "x".repeat(33 << 20); // twice: past 64 MiB
      Account big =
          Account.empty(BOB).withLabel(huge).withApp(AppCredentials.of("key", huge + "y"));
      assertThatThrownBy(() -> k.add(big))
          .isInstanceOfSatisfying(
              KeychainException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.IO);
                assertThat(e.getMessage())
                    .contains(k.path().toString())
                    .contains("larger than 64 MiB")
                    .contains("nothing was written")
                    .doesNotContain("move it away")
                    .doesNotContain("xxxx");
              });
      assertThat(Files.readAllBytes(k.path())).isEqualTo(before);
      assertThat(k.accounts()).extracting(Account::id).containsExactly(ALICE);
    }
  }

  @Test
  void everyFieldSurvivesAReopen() throws Exception {
    try (Keychain k = open()) {
      k.add(full(ALICE));
      k.add(Account.empty(BLOG).withApp(AppCredentials.of("tumblr-key-only", null)));
    }
    try (Keychain k = open()) {
      assertThat(k.get(ALICE)).contains(full(ALICE));
      assertThat(k.get(BLOG).orElseThrow().app().consumerSecret()).isNull();
      assertThat(k.accounts()).extracting(Account::id).containsExactly(BLOG, ALICE);
    }
  }

  @Test
  void anAppThatIsAnOAuth2ClientAloneAndATokensOwnClientSurviveAReopen() throws Exception {
    AccountId masto = new AccountId("mastodon", "me");
    Account clientOnly =
        Account.empty(masto)
            .withApp(AppCredentials.oauth2Client("client-masto", Secret.of("masto-client-secret")))
            .withOAuth2(
                new OAuth2Token(
                        Secret.of("at-masto-access"), null, null, Set.of("read"), "other-client")
                    .withClient("other-client", Secret.of("other-client-secret")));
    try (Keychain k = open()) {
      k.add(clientOnly);
    }
    try (Keychain k = open()) {
      Account back = k.get(masto).orElseThrow();
      assertThat(back).isEqualTo(clientOnly);
      assertThat(back.app().consumerKey()).isNull();
      assertThat(back.oauth2().clientSecret().reveal()).isEqualTo("other-client-secret");
    }
  }

  @Test
  void anAppNeedsAConsumerKeyOrAClientId() {
    assertThatThrownBy(() -> new AppCredentials(null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an app needs a consumer key or an OAuth 2 client id");
  }

  @Test
  void aNewKeychainIsEmptyAndWrittenAtTheFirstChange() throws Exception {
    try (Keychain k = open()) {
      assertThat(k.accounts()).isEmpty();
      assertThat(k.path()).doesNotExist();
      k.put(Account.empty(ALICE));
      assertThat(k.path()).exists();
    }
  }

  @Test
  void firstAccountOfAPlatformBecomesItsDefault() throws Exception {
    try (Keychain k = open()) {
      k.add(Account.empty(ALICE));
      k.add(Account.empty(BOB));
      k.add(Account.empty(BLOG));
      assertThat(k.defaultAccount("twitter")).contains(ALICE);
      assertThat(k.defaultAccount("tumblr")).contains(BLOG);
      k.setDefault(BOB);
    }
    try (Keychain k = open()) {
      assertThat(k.defaultAccount("twitter")).contains(BOB);
    }
  }

  @Test
  void addRefusesATakenNameAndLeavesTheAccountAlone() throws Exception {
    try (Keychain k = open()) {
      k.add(full(ALICE));
      assertThatThrownBy(() -> k.add(Account.empty(ALICE)))
          .isInstanceOfSatisfying(
              KeychainException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.ACCOUNT_EXISTS));
      assertThat(k.get(ALICE)).contains(full(ALICE));
    }
  }

  @Test
  void putReplacesAnAccount() throws Exception {
    try (Keychain k = open()) {
      k.put(full(ALICE));
      k.put(Account.empty(ALICE).withLabel("replaced"));
    }
    try (Keychain k = open()) {
      assertThat(k.get(ALICE).orElseThrow().label()).isEqualTo("replaced");
      assertThat(k.get(ALICE).orElseThrow().app()).isNull();
    }
  }

  @Test
  void removeDeletesTheAccountAndItsDefaultMark() throws Exception {
    try (Keychain k = open()) {
      k.add(Account.empty(ALICE));
      k.add(Account.empty(BOB));
      assertThat(k.remove(ALICE)).isTrue();
      assertThat(k.remove(ALICE)).isFalse();
      assertThat(k.defaultAccount("twitter")).isEmpty();
    }
    try (Keychain k = open()) {
      assertThat(k.accounts()).extracting(Account::id).containsExactly(BOB);
      assertThat(k.defaultAccount("twitter")).isEmpty();
    }
  }

  @Test
  void renameKeepsTheDefaultMarkAndRefusesMissingOrTakenNames() throws Exception {
    AccountId carol = new AccountId("twitter", "carol");
    try (Keychain k = open()) {
      k.add(full(ALICE));
      k.add(Account.empty(BOB));
      k.rename(ALICE, carol);
      assertThat(k.get(ALICE)).isEmpty();
      assertThat(k.get(carol).orElseThrow().oauth1()).isEqualTo(full(ALICE).oauth1());
      assertThat(k.defaultAccount("twitter")).contains(carol);
      assertThatThrownBy(() -> k.rename(ALICE, new AccountId("twitter", "dave")))
          .isInstanceOfSatisfying(
              KeychainException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_ACCOUNT));
      assertThatThrownBy(() -> k.rename(carol, BOB))
          .isInstanceOfSatisfying(
              KeychainException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.ACCOUNT_EXISTS));
    }
    try (Keychain k = open()) {
      assertThat(k.defaultAccount("twitter")).contains(carol);
    }
  }

  @Test
  void setDefaultOfAMissingAccountFails() throws Exception {
    try (Keychain k = open()) {
      assertThatThrownBy(() -> k.setDefault(ALICE))
          .isInstanceOfSatisfying(
              KeychainException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_ACCOUNT));
    }
  }

  @Test
  void aFailingEditChangesNothing() throws Exception {
    try (Keychain k = open()) {
      k.add(Account.empty(ALICE));
      byte[] before = Files.readAllBytes(k.path());
      assertThatThrownBy(
              () ->
                  k.edit(
                      d -> {
                        d.put(Account.empty(BOB));
                        d.remove(ALICE);
                        d.setDefault(new AccountId("twitter", "nobody"));
                      }))
          .isInstanceOf(KeychainException.class);
      assertThat(k.accounts()).extracting(Account::id).containsExactly(ALICE);
      assertThat(Files.readAllBytes(k.path())).isEqualTo(before);
    }
  }

  @Test
  void accountsOfAPlatformAreSortedByName() throws Exception {
    try (Keychain k = open()) {
      k.edit(
          d -> {
            for (String n : List.of("zed", "amy", "Bob", "mia")) {
              d.put(Account.empty(new AccountId("twitter", n)));
            }
            d.put(Account.empty(BLOG));
          });
      assertThat(k.accounts("twitter"))
          .extracting(a -> a.id().name())
          .containsExactly("Bob", "amy", "mia", "zed");
      assertThat(k.accounts("tumblr")).hasSize(1);
    }
  }

  @Test
  void aChangeByAnotherInstanceIsReadBeforeWritingNotOverwritten() throws Exception {
    try (Keychain first = open();
        Keychain second = open()) {
      first.add(Account.empty(ALICE));
      second.add(Account.empty(BOB));
      assertThat(second.accounts()).extracting(Account::id).containsExactly(ALICE, BOB);
      assertThatThrownBy(() -> first.add(Account.empty(BOB)))
          .isInstanceOfSatisfying(
              KeychainException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.ACCOUNT_EXISTS));
    }
    try (Keychain k = open()) {
      assertThat(k.accounts()).extracting(Account::id).containsExactly(ALICE, BOB);
    }
  }

  @Test
  void filesAreOwnerOnlyAndThePreviousVersionIsKept() throws Exception {
    Path dir = home.resolve("new").resolve("dir");
    try (Keychain k = Keychain.open(options(dir).build())) {
      k.add(Account.empty(ALICE));
      k.add(Account.empty(BOB));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
          .isEqualTo("rwx------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(k.path())))
          .isEqualTo("rw-------");
      Path bak = k.path().resolveSibling(k.path().getFileName() + ".bak");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bak)))
          .isEqualTo("rw-------");
      try (Keychain old = Keychain.open(options(dir).build())) {
        assertThat(old.accounts()).hasSize(2);
      }
      Path copy = dir.resolve("copy").resolve(k.path().getFileName());
      Files.createDirectories(copy.getParent());
      Files.setPosixFilePermissions(copy.getParent(), PosixFilePermissions.fromString("rwx------"));
      Files.copy(bak, copy);
      try (Keychain fromBak = Keychain.open(options(copy.getParent()).build())) {
        assertThat(fromBak.accounts()).extracting(Account::id).containsExactly(ALICE);
      }
    }
  }

  @Test
  void aMissingKeychainIsNotCreatedWhenCreationIsOff() {
    assertThatThrownBy(() -> Keychain.open(options(home).createIfMissing(false).build()))
        .isInstanceOfSatisfying(
            KeychainException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.IO);
              assertThat(e.getMessage()).contains("no keychain at");
            });
  }

  @Test
  void aKeychainReadableByOthersIsRefusedWithTheChmodFix() throws Exception {
    Path path;
    try (Keychain k = open()) {
      k.add(Account.empty(ALICE));
      path = k.path();
    }
    for (String mode : List.of("rw-r--r--", "rw-r-----", "rw-rw----", "rw----r--")) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
      assertThatThrownBy(this::open)
          .isInstanceOfSatisfying(
              KeychainException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.INSECURE_PERMISSIONS);
                assertThat(e.getMessage()).contains("chmod 600 " + path).contains(path.toString());
              });
    }
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    open().close();
  }

  @Test
  void aDirectoryOpenToOthersIsRefusedWithTheChmodFix() throws Exception {
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThatThrownBy(this::open)
        .isInstanceOfSatisfying(
            KeychainException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.INSECURE_PERMISSIONS);
              assertThat(e.getMessage()).contains("0755").contains("chmod 700 " + home);
            });
  }

  @Test
  void aSymlinkedKeychainIsRefused() throws Exception {
    Path real;
    try (Keychain k = Keychain.open(options(home.resolve("real")).build())) {
      k.add(Account.empty(ALICE));
      real = k.path();
    }
    Path dir = home.resolve("linked");
    Files.createDirectory(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.createSymbolicLink(dir.resolve(real.getFileName()), real);
    assertThatThrownBy(() -> Keychain.open(options(dir).build()))
        .isInstanceOfSatisfying(
            KeychainException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.INSECURE_PERMISSIONS);
              assertThat(e.getMessage()).contains("symbolic link");
            });
  }

  @Test
  void aDanglingSymlinkAtTheKeychainPathGetsAFixThatCanWork() throws Exception {
    Path dir = home.resolve("dangling");
    Files.createDirectory(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path target = home.resolve("gone").resolve("keychain");
    KeychainOptions o = options(dir).build();
    Path link =
        o.insecurePlaintext() ? o.file().resolveSibling(Keychain.PLAINTEXT_FILE_NAME) : o.file();
    Files.createSymbolicLink(link, target);
    assertThatThrownBy(() -> Keychain.open(options(dir).build()))
        .isInstanceOfSatisfying(
            KeychainException.class,
            e -> {
              assertThat(e.getMessage())
                  .contains("symbolic link to " + target + ", which does not exist")
                  .contains("rm " + link)
                  .doesNotContain("readlink");
            });
    assertThat(Files.isSymbolicLink(link)).isTrue(); // left as it was
  }

  @Test
  void staleTempFilesAreRemovedOnOpen() throws Exception {
    Path path;
    try (Keychain k = open()) {
      k.add(Account.empty(ALICE));
      path = k.path();
    }
    Path stale = path.resolveSibling("." + path.getFileName() + ".0123456789ab.tmp");
    Files.write(stale, new byte[] {1, 2, 3});
    Path unrelated = path.resolveSibling("notes.tmp");
    Files.write(unrelated, new byte[] {1});
    open().close();
    assertThat(stale).doesNotExist();
    assertThat(unrelated).exists();
  }

  @Test
  void noSecretAppearsInToStringOrErrorMessages() throws Exception {
    Account account = full(ALICE);
    List<String> secrets = secretsOf(account);
    StringBuilder seen = new StringBuilder();
    try (Keychain k = open()) {
      k.add(account);
      seen.append(k).append(k.accounts()).append(k.get(ALICE)).append(account);
      for (ThrowingRunnable r :
          List.<ThrowingRunnable>of(
              () -> k.add(account),
              () -> k.rename(BOB, ALICE),
              () -> k.setDefault(BOB),
              () -> k.edit(d -> d.setDefault(BOB)))) {
        try {
          r.run();
        } catch (KeychainException e) {
          seen.append(e.getMessage()).append(e);
        }
      }
    }
    assertThat(seen.toString()).contains("twitter/alice");
    for (String secret : secrets) {
      assertThat(seen.toString()).doesNotContain(secret);
    }
  }

  static List<String> secretsOf(Account a) {
    return List.of(
        a.app().consumerKey().reveal(),
        a.app().consumerSecret().reveal(),
        a.app().clientSecret().reveal(),
        a.oauth1().token().reveal(),
        a.oauth1().tokenSecret().reveal(),
        a.bearer().token().reveal(),
        a.oauth2().accessToken().reveal(),
        a.oauth2().refreshToken().reveal());
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
