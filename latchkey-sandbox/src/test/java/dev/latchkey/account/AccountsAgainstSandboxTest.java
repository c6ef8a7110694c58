package dev.latchkey.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latchkey.http.ApiException;
import dev.latchkey.http.ApiRequest;
import dev.latchkey.http.ApiResponse;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.BearerToken;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainOptions;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.keychain.PassphraseSource;
import dev.latchkey.keychain.Secret;
import dev.latchkey.oauth1.NonceSource;
import dev.latchkey.oauth1.OAuth1Signer;
import dev.latchkey.oauth1.SignatureMethod;
import dev.latchkey.oauth2.AuthorizationCodeGrant;
import dev.latchkey.oauth2.AuthorizationRequest;
import dev.latchkey.oauth2.ClientCredentialsGrant;
import dev.latchkey.oauth2.OAuth2Client;
import dev.latchkey.platform.CredentialKind;
import dev.latchkey.platform.Hosts;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import dev.latchkey.platform.ProblemKind;
import dev.latchkey.sandbox.MutableClock;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxOAuth2Client;
import dev.latchkey.sandbox.SandboxOptions;
import dev.latchkey.sandbox.SandboxPlatform;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account layer with no command around it, against the sandbox over loopback HTTP: a Java user
 * (a collector, a dashboard) checks an account, sends requests as it with the credential each
 * endpoint takes, gets an expired OAuth 2 token refreshed, and revokes everything.
 */
class AccountsAgainstSandboxTest {
  static final AccountId ADA = AccountId.parse("twitter/ada");
  static final AccountId COPY = AccountId.parse("twitter/leaked-copy");
  static final List<String> SCOPES = List.of("tweet.read", "users.read", "offline.access");
  static final Pattern REQUEST_ID = Pattern.compile("name=\"request_id\" value=\"([A-Za-z0-9]+)\"");

  @TempDir Path home;
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  Sandbox sandbox;
  Platforms platforms;
  Platform x;
  Keychain keychain;
  Accounts accounts;

  @BeforeEach
  void start() throws Exception {
    sandbox = Sandbox.start(SandboxOptions.builder().clock(clock).build());
    x = Platforms.twitter().withHosts(Hosts.all(sandbox.twitterBase()));
    platforms =
        Platforms.builtIn()
            .with(x)
            .with(Platforms.tumblr().withHosts(Hosts.all(sandbox.tumblrBase())));
    keychain =
        Keychain.open(
            KeychainOptions.builder(
                    home.resolve("keychain.age"), PassphraseSource.of("pw".toCharArray()))
                .createIfMissing(true)
                .weakWorkFactorForTesting(10)
                .clock(clock)
                .build());
    accounts =
        Accounts.builder(keychain, platforms)
            .clock(clock)
            .signer(new OAuth1Signer(SignatureMethod.HMAC_SHA1, clock, NonceSource.secureRandom()))
            .build();
  }

  @AfterEach
  void stop() {
    keychain.close();
    sandbox.close();
  }

  AppCredentials twitterApp() {
    SandboxKeys k = sandbox.keys(SandboxPlatform.TWITTER);
    SandboxOAuth2Client c = sandbox.oauth2Client(SandboxPlatform.TWITTER);
    return AppCredentials.of(k.consumerKey(), k.consumerSecret())
        .withOAuth2Client(c.clientId(), Secret.ofNullable(c.clientSecret()));
  }

  OAuth1Token ownerToken() {
    SandboxKeys k = sandbox.keys(SandboxPlatform.TWITTER);
    return OAuth1Token.of(k.accessToken(), k.accessTokenSecret());
  }

  /** The PKCE flow through the sandbox's consent page, as a person's browser would go. */
  OAuth2Token authorize(OAuth2Client client, List<String> scopes) throws Exception {
    AuthorizationCodeGrant grant =
        new AuthorizationCodeGrant(http, x, client, clock, new SecureRandom());
    AuthorizationRequest request = grant.request(URI.create("http://127.0.0.1:9/callback"), scopes);
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(request.uri()).build(), HttpResponse.BodyHandlers.ofString());
    Matcher m = REQUEST_ID.matcher(page.body());
    assertThat(m.find()).as("consent page: %s", page.body()).isTrue();
    HttpResponse<String> allowed =
        http.send(
            HttpRequest.newBuilder(request.uri())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "request_id="
                            + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8)
                            + "&allow=1"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String location = allowed.headers().firstValue("Location").orElseThrow();
    return grant.exchange(request, AuthorizationCodeGrant.codeFromRedirect(request, location));
  }

  Account full() throws Exception {
    AppCredentials app = twitterApp();
    BearerToken bearer = new ClientCredentialsGrant(http, x, clock).fetch(app);
    return Account.empty(ADA)
        .withApp(app)
        .withOAuth1(ownerToken())
        .withBearer(bearer)
        .withOAuth2(authorize(OAuth2Client.of(app), SCOPES));
  }

  @Test
  void checkProvesEveryCredentialAndRefreshesAnExpiredOAuth2TokenFirst() throws Exception {
    keychain.put(full());
    OAuth2Token before = keychain.get(ADA).orElseThrow().oauth2();
    clock.advance(Duration.ofHours(3));

    AccountCheck check = accounts.check(ADA);

    assertThat(check.state()).isEqualTo("ok");
    assertThat(check.isDefault()).isTrue();
    assertThat(check.checks())
        .extracting(CredentialCheck::credential)
        .containsExactly(Credential.OAUTH1_USER, Credential.APP_ONLY, Credential.OAUTH2_USER);
    CredentialCheck oauth1 = check.checks().get(0);
    String owner = sandbox.users(SandboxPlatform.TWITTER).get(0).screenName();
    assertThat(oauth1.user().screenName()).isEqualTo(owner);
    assertThat(oauth1.user().accessLevel()).isEqualTo("read-write");
    CredentialCheck oauth2 = check.checks().get(2);
    assertThat(oauth2.refreshed()).isTrue();
    assertThat(oauth2.refreshable()).isTrue();
    assertThat(oauth2.scopes()).containsExactlyInAnyOrderElementsOf(SCOPES);
    assertThat(oauth2.expiresAt()).isAfter(clock.instant());
    OAuth2Token saved = keychain.get(ADA).orElseThrow().oauth2();
    assertThat(saved.accessToken()).isNotEqualTo(before.accessToken());
    assertThat(saved.refreshToken()).isNotEqualTo(before.refreshToken());
    assertThat(check.account().oauth2()).isEqualTo(saved);
  }

  @Test
  void anExpiredOAuth2TokenIsRefreshedBeforeTheCallAndTheRotationIsSaved() throws Exception {
    AppCredentials app = twitterApp();
    keychain.put(
        Account.empty(ADA).withApp(app).withOAuth2(authorize(OAuth2Client.of(app), SCOPES)));
    OAuth2Token before = keychain.get(ADA).orElseThrow().oauth2();
    clock.advance(Duration.ofHours(2));

    ApiResponse me = accounts.send(ADA, ApiRequest.get("/2/users/me").build());

    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().orElseThrow().at("/data/username").asText()).isNotBlank();
    assertThat(me.date()).isPresent();
    OAuth2Token after = keychain.get(ADA).orElseThrow().oauth2();
    assertThat(after.accessToken()).isNotEqualTo(before.accessToken());
    assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
    assertThat(after.clientId()).isEqualTo(app.clientId());
  }

  @Test
  void aRejectedAccessTokenIsRefreshedOnceAndTheCallMadeAgain() throws Exception {
    AppCredentials app = twitterApp();
    OAuth2Token token = authorize(OAuth2Client.of(app), SCOPES);
    keychain.put(Account.empty(ADA).withApp(app).withOAuth2(token));
    // The access token alone is revoked (RFC 7009 §2.1): the refresh token still works.
    HttpResponse<String> revoked =
        http.send(
            HttpRequest.newBuilder(URI.create(sandbox.twitterBase() + "/2/oauth2/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(
                    "Authorization",
                    "Basic "
                        + java.util.Base64.getEncoder()
                            .encodeToString(
                                (app.clientId() + ":" + app.clientSecret().reveal())
                                    .getBytes(StandardCharsets.UTF_8)))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "token_type_hint=access_token&token="
                            + URLEncoder.encode(
                                token.accessToken().reveal(), StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(revoked.statusCode()).isEqualTo(200);

    ApiResponse me = accounts.send(ADA, ApiRequest.get("/2/users/me").build());

    assertThat(me.status()).isEqualTo(200);
    assertThat(keychain.get(ADA).orElseThrow().oauth2().accessToken())
        .isNotEqualTo(token.accessToken());
  }

  @Test
  void aTokenIssuedToAnotherClientIsRefreshedWithThatClient() throws Exception {
    SandboxOAuth2Client other =
        sandbox.registerOAuth2Client(
            SandboxPlatform.TWITTER, true, List.of("http://127.0.0.1/callback"));
    OAuth2Client client =
        new OAuth2Client(other.clientId(), Secret.ofNullable(other.clientSecret()));
    OAuth2Token token = authorize(client, SCOPES);
    assertThat(token.clientSecret()).isEqualTo(client.secret());
    // The account's own app is a different client: refreshing with it would be invalid_client.
    keychain.put(Account.empty(ADA).withApp(twitterApp()).withOAuth2(token));
    clock.advance(Duration.ofHours(2));

    ApiResponse me = accounts.send(ADA, ApiRequest.get("/2/users/me").build());

    assertThat(me.status()).isEqualTo(200);
    OAuth2Token after = keychain.get(ADA).orElseThrow().oauth2();
    assertThat(after.clientId()).isEqualTo(other.clientId());
    assertThat(after.clientSecret()).isEqualTo(client.secret());
  }

  @Test
  void eachCallGoesOutWithTheCredentialItsEndpointTakes() throws Exception {
    keychain.put(full());
    assertThat(
            accounts.credentialFor(
                ADA, ApiRequest.get("/1.1/account/verify_credentials.json").build(), null))
        .isEqualTo(CredentialKind.OAUTH1_USER);
    assertThat(accounts.credentialFor(ADA, ApiRequest.get("/2/tweets/search/all").build(), null))
        .isEqualTo(CredentialKind.APP_ONLY);
    assertThat(accounts.credentialFor(ADA, ApiRequest.get("/2/tweets/counts/recent").build(), null))
        .isEqualTo(CredentialKind.OAUTH2_USER);

    ApiResponse byName =
        accounts.send(
            ADA,
            ApiRequest.get(
                    "/2/users/by/username/"
                        + sandbox.users(SandboxPlatform.TWITTER).get(1).screenName())
                .build(),
            CredentialKind.APP_ONLY);
    assertThat(byName.status()).isEqualTo(200);
    assertThat(byName.rateLimit().orElseThrow().limit()).isEqualTo(300);

    AccountException refused =
        catchThrowableOfType(
            () ->
                accounts.credentialFor(
                    ADA, ApiRequest.get("/2/users/me").build(), CredentialKind.APP_ONLY),
            AccountException.class);
    assertThat(refused.remedy().problem()).isEqualTo(ProblemKind.WRONG_CREDENTIAL_KIND);
    assertThat(refused.getMessage())
        .isEqualTo(
            "GET /2/users/me does not take an app-only bearer token; it takes OAuth 1.0a user"
                + " token or OAuth 2 user token: leave out --auth to use the one twitter/ada holds");
  }

  @Test
  void aMissingScopeIsNamedWithTheCommandThatAddsItBeforeAnyCall() throws Exception {
    AppCredentials app = twitterApp();
    keychain.put(
        Account.empty(ADA).withApp(app).withOAuth2(authorize(OAuth2Client.of(app), SCOPES)));

    AccountException e =
        catchThrowableOfType(
            () -> accounts.send(ADA, ApiRequest.get("/2/users/2244994945/followers").build()),
            AccountException.class);

    assertThat(e.remedy().problem()).isEqualTo(ProblemKind.MISSING_SCOPE);
    assertThat(e.getMessage())
        .isEqualTo(
            "the OAuth 2 token of twitter/ada lacks scope follows.read, needed by GET"
                + " /2/users/2244994945/followers; add it with: latchkey auth twitter --oauth2"
                + " --account twitter/ada --scopes \"follows.read offline.access tweet.read"
                + " users.read\"");
    assertThat(e.remedy().fixCommand()).isPresent();
  }

  @Test
  void revokeRevokesEveryCredentialAtThePlatformAndACopyIsRefusedAfterwards() throws Exception {
    Account ada = full();
    keychain.put(ada);
    keychain.put(ada.withId(COPY)); // the copy someone kept

    Revocation r = accounts.revoke(ADA, false);

    assertThat(r.complete()).isTrue();
    assertThat(r.results())
        .extracting(Revocation.Result::credential, Revocation.Result::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Credential.OAUTH1_USER, Revocation.Outcome.REVOKED),
            org.assertj.core.groups.Tuple.tuple(Credential.APP_ONLY, Revocation.Outcome.REVOKED),
            org.assertj.core.groups.Tuple.tuple(
                Credential.OAUTH2_USER, Revocation.Outcome.REVOKED));
    Account left = keychain.get(ADA).orElseThrow();
    assertThat(left.oauth1()).isNull();
    assertThat(left.bearer()).isNull();
    assertThat(left.oauth2()).isNull();
    assertThat(left.app()).isEqualTo(ada.app());

    AccountCheck copy = accounts.check(COPY);
    assertThat(copy.checks()).allMatch(c -> !c.ok());
    CredentialCheck oauth1 = copy.checks().get(0);
    assertThat(oauth1.failure().code()).isEqualTo(89);
    assertThat(oauth1.remedy().message())
        .isEqualTo(
            "the OAuth 1.0a user token of twitter/leaked-copy was revoked or has expired: run"
                + " latchkey auth twitter --account twitter/leaked-copy");
  }

  @Test
  void revokeLocalOnlyLeavesThePlatformAlone() throws Exception {
    Account ada = full();
    keychain.put(ada);
    keychain.put(ada.withId(COPY));

    Revocation r = accounts.revoke(ADA, true);

    assertThat(r.results()).allMatch(x -> x.outcome() == Revocation.Outcome.LOCAL_ONLY);
    assertThat(keychain.get(ADA).orElseThrow().oauth1()).isNull();
    assertThat(accounts.check(COPY).state()).isEqualTo("ok");
  }

  @Test
  void whereThePlatformCannotRevokeTheResultSaysWhatToDoOnItsSite() throws Exception {
    AccountId blog = AccountId.parse("tumblr/blog");
    SandboxKeys t = sandbox.keys(SandboxPlatform.TUMBLR);
    keychain.put(
        Account.empty(blog)
            .withApp(AppCredentials.of(t.consumerKey(), t.consumerSecret()))
            .withOAuth1(OAuth1Token.of(t.accessToken(), t.accessTokenSecret())));

    Revocation r = accounts.revoke(blog, false);

    assertThat(r.results())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.outcome()).isEqualTo(Revocation.Outcome.NOT_SUPPORTED);
              assertThat(x.note())
                  .isEqualTo(
                      "Tumblr has no API to revoke a OAuth 1.0a user token; remove the app's access at"
                          + " https://www.tumblr.com/settings/apps");
            });
  }

  @Test
  void credentialsAreVerifiedBeforeTheyAreStoredAndWrongOnesGetThePlatformsOwnAnswer()
      throws Exception {
    Account good = Account.empty(ADA).withApp(twitterApp()).withOAuth1(ownerToken());
    AccountCheck ok = accounts.verify(good);
    assertThat(ok.state()).isEqualTo("ok");
    assertThat(ok.account().oauth1().screenName())
        .isEqualTo(sandbox.users(SandboxPlatform.TWITTER).get(0).screenName());

    Account wrong =
        good.withOAuth1(OAuth1Token.of(ownerToken().token().reveal(), "not-the-token-secret"));
    AccountCheck bad = accounts.verify(wrong);
    CredentialCheck c = bad.firstFailure().orElseThrow();
    assertThat(c.failure().problem()).isEqualTo(ProblemKind.NOT_AUTHENTICATED);
    assertThat(c.failure().message()).contains("code 32: Could not authenticate you.");
    assertThat(c.remedy().message()).contains("twitter/ada");
    assertThat(keychain.get(ADA)).isEmpty();
  }

  @Test
  void aRefusalsRemedyNamesTheAccountAndTheCommand() throws Exception {
    keychain.put(Account.empty(ADA).withApp(twitterApp()).withOAuth1(ownerToken()));
    sandbox.revokeUserTokens(
        SandboxPlatform.TWITTER, sandbox.users(SandboxPlatform.TWITTER).get(0).screenName());

    ApiException e =
        catchThrowableOfType(
            () ->
                accounts.send(ADA, ApiRequest.get("/1.1/account/verify_credentials.json").build()),
            ApiException.class);

    assertThat(e.problemKind()).isEqualTo(ProblemKind.TOKEN_REVOKED);
    Remedy remedy = accounts.remedy(ADA, CredentialKind.OAUTH1_USER, e);
    assertThat(remedy.fixCommand()).contains("latchkey auth twitter --account twitter/ada");
  }

  @Test
  void aTumblrAppKeyAloneIsCheckedAsAnApiKey() throws Exception {
    AccountId blog = AccountId.parse("tumblr/keyonly");
    keychain.put(
        Account.empty(blog)
            .withApp(AppCredentials.of(sandbox.keys(SandboxPlatform.TUMBLR).consumerKey(), null)));

    AccountCheck check = accounts.check(blog);

    assertThat(check.checks())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.credential()).isEqualTo(Credential.API_KEY);
              assertThat(c.ok()).isTrue();
            });
    ApiResponse info =
        accounts.send(
            blog,
            ApiRequest.get(
                    "/v2/blog/"
                        + sandbox.users(SandboxPlatform.TUMBLR).get(0).screenName()
                        + "/info")
                .build());
    assertThat(info.json().orElseThrow().at("/response/blog/name").asText()).isNotBlank();
  }
}
