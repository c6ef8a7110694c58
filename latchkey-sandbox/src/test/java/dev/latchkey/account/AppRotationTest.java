package dev.latchkey.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.BearerToken;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainOptions;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.keychain.PassphraseSource;
import dev.latchkey.oauth2.ClientCredentialsGrant;
import dev.latchkey.platform.Hosts;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxOptions;
import dev.latchkey.sandbox.SandboxPlatform;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rotation of leaked app keys through the account layer, against the sandbox: every token of
 * every account using the app is invalidated, the person regenerates the keys (the sandbox's {@code
 * regenerateApp}, as the portal's button) and authorizes the user again, the bearer token is
 * fetched anew, and every account checks ok with the new keys only.
 */
class AppRotationTest {
  static final AccountId ADA = AccountId.parse("twitter/ada");
  static final AccountId COPY = AccountId.parse("twitter/copy");
  static final AccountId OTHER = AccountId.parse("twitter/other");

  @TempDir Path home;
  Sandbox sandbox;
  Platform x;
  Keychain keychain;
  Accounts accounts;
  SandboxKeys old;

  @BeforeEach
  void start() throws Exception {
    sandbox = Sandbox.start(SandboxOptions.builder().build());
    x = Platforms.twitter().withHosts(Hosts.all(sandbox.twitterBase()));
    keychain =
        Keychain.open(
            KeychainOptions.builder(
                    home.resolve("keychain.age"), PassphraseSource.of("pw".toCharArray()))
                .createIfMissing(true)
                .weakWorkFactorForTesting(10)
                .build());
    accounts = Accounts.builder(keychain, Platforms.builtIn().with(x)).build();
    old = sandbox.keys(SandboxPlatform.TWITTER);
    AppCredentials app = AppCredentials.of(old.consumerKey(), old.consumerSecret());
    BearerToken bearer =
        new ClientCredentialsGrant(HttpClient.newHttpClient(), x, Clock.systemUTC()).fetch(app);
    SandboxKeys other = sandbox.registerApp(SandboxPlatform.TWITTER, "other", "read", List.of());
    keychain.put(
        Account.empty(ADA)
            .withApp(app)
            .withOAuth1(OAuth1Token.of(old.accessToken(), old.accessTokenSecret()))
            .withBearer(bearer));
    keychain.put(Account.empty(COPY).withApp(app));
    keychain.put(
        Account.empty(OTHER)
            .withApp(AppCredentials.of(other.consumerKey(), other.consumerSecret()))
            .withOAuth1(OAuth1Token.of(other.accessToken(), other.accessTokenSecret())));
  }

  @AfterEach
  void stop() {
    keychain.close();
    sandbox.close();
  }

  /** A person who regenerates the keys in the sandbox and approves the owner again. */
  final class Person implements AppRotation.Person {
    final List<String> told = new ArrayList<>();
    SandboxKeys fresh;

    @Override
    public void step(int number, String title) {
      told.add(number + ". " + title);
    }

    @Override
    public void line(AppRotation.Line line) {
      told.add((line.ok() ? "ok " : "FAILED ") + line.text());
    }

    @Override
    public AppRotation.NewKeys newKeys(Platform.KeyRegeneration where, AppCredentials was) {
      told.add("regenerate at " + where.page());
      fresh = sandbox.regenerateApp(SandboxPlatform.TWITTER, was.consumerKey().reveal());
      return new AppRotation.NewKeys(fresh.consumerKey(), fresh.consumerSecret());
    }

    @Override
    public AppRotation.Line authorize(Account before, Credential credential) {
      told.add("authorize " + before.id() + " " + credential.shortName());
      try {
        keychain.edit(
            d ->
                d.put(
                    d.get(before.id())
                        .orElseThrow()
                        .withOAuth1(
                            OAuth1Token.of(fresh.accessToken(), fresh.accessTokenSecret()))));
      } catch (Exception e) {
        return new AppRotation.Line(false, e.getMessage());
      }
      return new AppRotation.Line(true, before.id() + " user token: a new one");
    }
  }

  @Test
  void everyAccountOfTheLeakedAppEndsWithTheNewKeysAndChecksOk() throws Exception {
    AppRotation rotation = AppRotation.plan(accounts, COPY);
    assertThat(rotation.ids()).containsExactly(ADA, COPY);
    BearerToken oldBearer = keychain.get(ADA).orElseThrow().bearer();
    Person person = new Person();

    AppRotation.Report report = rotation.run(person);

    assertThat(report.complete()).as(String.join("\n", person.told)).isTrue();
    assertThat(person.told)
        .startsWith("1. Invalidate every token issued to the old keys")
        .contains(
            "ok twitter/ada OAuth 1.0a user token invalidated",
            "ok twitter/ada app-only bearer token invalidated",
            "ok stored the new keys in 2 account(s); the dead tokens are gone",
            "ok twitter/ada app-only bearer token: done",
            "ok twitter/copy holds no tokens; nothing to invalidate",
            "2. Regenerate the app's consumer key and secret",
            "authorize twitter/ada oauth1",
            "ok twitter/ada user token: a new one",
            "ok twitter/ada: ok",
            "ok twitter/copy: ok");
    assertThat(person.told).anyMatch(l -> l.startsWith("regenerate at https://developer."));
    Account ada = keychain.get(ADA).orElseThrow();
    assertThat(ada.app().consumerKey().reveal()).isEqualTo(person.fresh.consumerKey());
    assertThat(ada.bearer()).isNotNull();
    assertThat(ada.bearer().token().reveal()).isNotEqualTo(oldBearer.token().reveal());
    assertThat(keychain.get(COPY).orElseThrow().app().consumerKey().reveal())
        .isEqualTo(person.fresh.consumerKey());
    assertThat(keychain.get(OTHER).orElseThrow().app().consumerKey().reveal())
        .as("another app's account is left alone")
        .isNotEqualTo(person.fresh.consumerKey());
    assertThat(report.lines()).noneMatch(l -> l.text().contains(person.fresh.consumerSecret()));
  }

  @Test
  void theOldKeysOrNoneAreRefusedAndNothingChanges() throws Exception {
    AppRotation rotation = AppRotation.plan(accounts, ADA);
    assertThatThrownBy(
            () -> rotation.newApp(new AppRotation.NewKeys(old.consumerKey(), "anything-new")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("those are the old keys; regenerate them on https://");
    assertThatThrownBy(() -> rotation.newApp(new AppRotation.NewKeys(" ", null)))
        .hasMessageStartingWith("no new consumer key and secret were given; nothing was changed");
    assertThat(keychain.get(ADA).orElseThrow().oauth1()).isNotNull();
  }

  @Test
  void anAccountWithoutAppKeysCannotBeRotated() throws Exception {
    keychain.put(
        Account.empty(AccountId.parse("twitter/token-only"))
            .withBearer(BearerToken.of("AAAAAAAAAAAAAAAAAAAAAbearer")));
    assertThatThrownBy(() -> AppRotation.plan(accounts, AccountId.parse("twitter/token-only")))
        .isInstanceOf(AccountException.class)
        .hasMessageContaining("holds no app keys to rotate");
  }
}
