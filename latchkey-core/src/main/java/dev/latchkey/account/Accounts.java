package dev.latchkey.account;

import dev.latchkey.http.ApiClient;
import dev.latchkey.http.ApiException;
import dev.latchkey.http.ApiRequest;
import dev.latchkey.http.ApiResponse;
import dev.latchkey.http.Identity;
import dev.latchkey.http.NetworkException;
import dev.latchkey.http.RequestAuthorization;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.oauth1.OAuth1Credentials;
import dev.latchkey.oauth1.OAuth1Signer;
import dev.latchkey.oauth1.Parameter;
import dev.latchkey.oauth2.KeychainTokenStore;
import dev.latchkey.oauth2.OAuth2Client;
import dev.latchkey.oauth2.OAuth2Exception;
import dev.latchkey.oauth2.RefreshTokenGrant;
import dev.latchkey.oauth2.RequiredScopes;
import dev.latchkey.oauth2.TokenRevocation;
import dev.latchkey.platform.CredentialKind;
import dev.latchkey.platform.Endpoint;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import dev.latchkey.platform.ProblemKind;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The accounts of one open keychain, in use: sending requests as an account, checking an account
 * against its platform, verifying credentials before they are stored, revoking an account, and the
 * fix for a platform's refusal. Everything the command, the demo, the collector and the dashboard
 * mean by "use an account" is here, once.
 *
 * <p>Cheap to call many times: one instance keeps one HTTP client, one signer and one API client
 * per platform, and reads each account from the open keychain (in memory) per call. Safe to share
 * between threads; refreshes are serialized by the keychain's lock.
 */
public final class Accounts {
  private final Keychain keychain;
  private final Platforms platforms;
  private final HttpClient http;
  private final Clock clock;
  private final OAuth1Signer signer;
  private final Duration timeout;
  private final Duration refreshMargin;
  private final Map<String, ApiClient> clients = new ConcurrentHashMap<>();
  private final Map<String, RefreshTokenGrant> refreshers = new ConcurrentHashMap<>();

  private Accounts(Builder b) {
    this.keychain = b.keychain;
    this.platforms = b.platforms;
    this.http = b.http != null ? b.http : ApiClient.newHttpClient();
    this.clock = b.clock;
    this.signer = b.signer != null ? b.signer : OAuth1Signer.create();
    this.timeout = b.timeout;
    this.refreshMargin = b.refreshMargin;
  }

  /** The accounts of {@code keychain}, on {@code platforms} (with their configured hosts). */
  public static Builder builder(Keychain keychain, Platforms platforms) {
    return new Builder(keychain, platforms);
  }

  /** The keychain the accounts live in. */
  public Keychain keychain() {
    return keychain;
  }

  /** The platforms, with the hosts in use. */
  public Platforms platforms() {
    return platforms;
  }

  /**
   * The account called {@code id}, as stored now.
   *
   * @throws AccountException when there is none
   */
  public Account account(AccountId id) throws AccountException {
    return keychain.get(id).orElseThrow(() -> noSuchAccount(id));
  }

  /**
   * The platform of {@code id}, with its configured hosts.
   *
   * @throws AccountException when Latchkey does not know the platform
   */
  public Platform platform(AccountId id) throws AccountException {
    try {
      return platforms.get(id.platform());
    } catch (IllegalArgumentException e) {
      throw new AccountException(
          id, new Remedy(ProblemKind.UNKNOWN, id + ": " + e.getMessage(), null, null));
    }
  }

  /** The HTTP client every call goes through (for the flows of {@link AppRotation}). */
  HttpClient http() {
    return http;
  }

  /** The clock tokens are stamped with. */
  Clock clock() {
    return clock;
  }

  /** The API client of {@code platform}, shared by every call to it. */
  public ApiClient client(Platform platform) {
    ApiClient c = clients.get(platform.name());
    if (c == null || c.platform() != platform) {
      c = new ApiClient(http, platform, clock, timeout);
      clients.put(platform.name(), c);
    }
    return c;
  }

  // ---- sending ---------------------------------------------------------------------------------

  /**
   * Checks that the account holds a credential of {@code kind} (for {@code NONE}, nothing).
   *
   * @throws AccountException naming the command that gets one
   */
  public void requireCredential(AccountId id, CredentialKind kind) throws AccountException {
    if (!holds(platform(id), account(id), kind)) {
      throw noCredential(id, kind);
    }
  }

  /**
   * Which credential a request would go out with: {@code forced} when given (if the account holds
   * it and the endpoint takes it), else the first kind the endpoint takes that the account holds (a
   * user's own token before the app's). For an endpoint the table does not know: OAuth 1.0a, then
   * OAuth 2, then the app-only token.
   *
   * @param forced the kind asked for, or null to choose
   * @throws AccountException naming what the endpoint takes and how to get it
   */
  public CredentialKind credentialFor(AccountId id, ApiRequest request, CredentialKind forced)
      throws AccountException {
    Account account = account(id);
    Platform platform = platform(id);
    Optional<Endpoint> endpoint = endpoint(platform, request);
    String call = request.method() + " " + path(platform, request);
    List<CredentialKind> accepted =
        endpoint.map(Endpoint::acceptedInOrder).orElseGet(() -> unknownEndpointKinds(platform));
    if (forced != null) {
      if (endpoint.isPresent() && !accepted.contains(forced)) {
        throw new AccountException(
            id,
            new Remedy(
                ProblemKind.WRONG_CREDENTIAL_KIND,
                call
                    + " does not take an "
                    + forced.description()
                    + "; it takes "
                    + describe(accepted)
                    + (accepted.stream().anyMatch(k -> holds(platform, account, k))
                        ? ": leave out --auth to use the one " + id + " holds"
                        : ""),
                null,
                null));
      }
      if (!holds(platform, account, forced)) {
        throw noCredential(id, forced);
      }
      return forced;
    }
    for (CredentialKind kind : accepted) {
      if (holds(platform, account, kind)) {
        return kind;
      }
    }
    CredentialKind first = accepted.get(0);
    String command = Remedies.authCommand(id, first);
    throw new AccountException(
        id,
        new Remedy(
            ProblemKind.WRONG_CREDENTIAL_KIND,
            id
                + " holds no credential "
                + call
                + " takes ("
                + describe(accepted)
                + "); get one with: "
                + command,
            command,
            null));
  }

  /**
   * Sends {@code request} as the account, with the credential {@link #credentialFor} picks.
   *
   * @throws ApiException with the platform's own answer when it refuses; {@link #remedy} gives the
   *     fix
   * @throws AccountException when the account cannot make the call at all
   * @throws KeychainException when a refreshed OAuth 2 token cannot be saved
   * @throws IOException when the platform cannot be reached
   */
  public ApiResponse send(AccountId id, ApiRequest request)
      throws ApiException, AccountException, KeychainException, IOException {
    return send(id, request, credentialFor(id, request, null));
  }

  /**
   * Sends {@code request} as the account with a credential of {@code kind}. An OAuth 2 user token
   * has its scopes checked first (when the endpoint's are known), is refreshed shortly before it
   * expires, and once more after a 401, the rotated tokens saved before they are used.
   */
  public ApiResponse send(AccountId id, ApiRequest request, CredentialKind kind)
      throws ApiException, AccountException, KeychainException, IOException {
    Objects.requireNonNull(kind, "kind");
    Account account = account(id);
    Platform platform = platform(id);
    if (!holds(platform, account, kind)) {
      throw noCredential(id, kind);
    }
    ApiClient api = client(platform);
    return switch (kind) {
      case OAUTH1_USER ->
          api.send(
              request,
              signer.authorization(OAuth1Credentials.user(account.app(), account.oauth1())));
      case APP_ONLY -> api.send(request, RequestAuthorization.bearer(account.bearer().token()));
      case API_KEY ->
          api.send(
              request,
              RequestAuthorization.apiKey(
                  platform.apiKeyParameter().orElseThrow(), account.app().consumerKey()));
      case NONE -> api.send(request, RequestAuthorization.none());
      case OAUTH2_USER -> sendOAuth2(id, account, platform, api, request);
    };
  }

  private record Outcome(ApiResponse response, ApiException error) {}

  private ApiResponse sendOAuth2(
      AccountId id, Account account, Platform platform, ApiClient api, ApiRequest request)
      throws ApiException, AccountException, KeychainException, IOException {
    OAuth2Token token = account.oauth2();
    String path = path(platform, request);
    Optional<Endpoint> endpoint = platform.endpoint(request.method(), path);
    if (endpoint.isPresent()) {
      checkScopes(id, token, endpoint.get(), request.method(), path);
    }
    OAuth2Client client = client(id, platform, account, token);
    Outcome outcome;
    try {
      outcome =
          refresher(platform)
              .call(
                  id,
                  client,
                  t -> {
                    try {
                      return new Outcome(
                          api.send(request, RequestAuthorization.bearer(t.accessToken())), null);
                    } catch (ApiException e) {
                      return new Outcome(null, e);
                    }
                  },
                  o -> o.error() != null && o.error().status() == 401);
    } catch (OAuth2Exception e) {
      throw refreshFailed(id, platform, e);
    }
    if (outcome.error() != null) {
      throw outcome.error();
    }
    return outcome.response();
  }

  /**
   * A valid OAuth 2 user token of the account, for scripts ({@code latchkey token}): refreshed
   * first when it expires within the margin, or now when {@code refreshNow}.
   */
  public OAuth2Token oauth2Token(AccountId id, boolean refreshNow)
      throws AccountException, KeychainException, IOException {
    Account account = account(id);
    Platform platform = platform(id);
    if (account.oauth2() == null) {
      throw noCredential(id, CredentialKind.OAUTH2_USER);
    }
    OAuth2Client client = client(id, platform, account, account.oauth2());
    try {
      RefreshTokenGrant grant = refresher(platform);
      return refreshNow
          ? grant.refreshAfter(id, client, account.oauth2())
          : grant.validToken(id, client);
    } catch (OAuth2Exception e) {
      throw refreshFailed(id, platform, e);
    }
  }

  // ---- checking --------------------------------------------------------------------------------

  /**
   * Checks every credential the account holds against its platform (what {@code latchkey status}
   * proves): the OAuth 1.0a token (or the app keys alone), the app-only token, the OAuth 2 token
   * (refreshed and saved first when it has expired and can be). Refusals are results, not
   * exceptions.
   *
   * @throws AccountException when there is no such account, or its platform is unknown
   */
  public AccountCheck check(AccountId id) throws AccountException {
    Account account = account(id);
    Platform platform = platform(id);
    boolean isDefault = keychain.defaultAccount(id.platform()).map(id::equals).orElse(false);
    return checkAll(platform, account, isDefault, true);
  }

  /**
   * Checks credentials before they are stored ({@code keys add}, a dashboard's "Add"): the same
   * checks as {@link #check}, but nothing is refreshed or written. The result's account has the
   * identity the platform gave (user id, screen name, access level) filled in.
   */
  public AccountCheck verify(Account candidate) throws AccountException {
    return checkAll(platform(candidate.id()), candidate, false, false);
  }

  private AccountCheck checkAll(
      Platform platform, Account account, boolean isDefault, boolean mayRefresh) {
    List<CredentialCheck> checks = new ArrayList<>();
    AppCredentials app = account.app();
    boolean oauth1Platform = platform.oauth1().isPresent();
    if (account.oauth1() != null) {
      checks.add(checkOAuth1(platform, account));
      account = enriched(account, checks.get(checks.size() - 1));
    } else if (app != null && app.hasConsumerSecret() && oauth1Platform) {
      checks.add(checkAppKeys(platform, account));
    } else if (app != null
        && app.consumerKey() != null
        && platform.apiKeyParameter().isPresent()
        && account.bearer() == null
        && account.oauth2() == null) {
      checks.add(checkApiKey(platform, account));
    }
    if (account.bearer() != null) {
      checks.add(checkBearer(platform, account));
    }
    if (account.oauth2() != null) {
      OAuth2Result r = checkOAuth2(platform, account, mayRefresh);
      checks.add(r.check());
      account = r.account();
    }
    String notChecked =
        checks.isEmpty()
            ? "not checked: holds no app keys, user token, bearer token or OAuth 2 token"
            : null;
    return new AccountCheck(account, isDefault, checks, notChecked);
  }

  private static Account enriched(Account account, CredentialCheck check) {
    Identity who = check.user();
    if (!check.ok() || who == null) {
      return account;
    }
    OAuth1Token t = account.oauth1();
    return account.withOAuth1(
        t.withIdentity(
            who.userId() != null ? who.userId() : t.userId(),
            who.screenName() != null ? who.screenName() : t.screenName(),
            who.accessLevel() != null ? who.accessLevel() : t.accessLevel()));
  }

  private CredentialCheck checkOAuth1(Platform platform, Account account) {
    AccountId id = account.id();
    String masked = account.oauth1().token().masked();
    if (account.app() == null || !account.app().hasConsumerSecret()) {
      String command = "latchkey keys add " + id + " --force";
      return failed(
          Credential.OAUTH1_USER,
          masked,
          new CredentialCheck.Failure(
              ProblemKind.NOT_AUTHENTICATED,
              "the OAuth 1.0a token of " + id + " has no app keys to sign with",
              0,
              null),
          new Remedy(
              ProblemKind.NOT_AUTHENTICATED,
              "add the app's consumer key and secret to " + id + ": " + command,
              command,
              null));
    }
    try {
      Identity who =
          client(platform)
              .verify(
                  signer.authorization(OAuth1Credentials.user(account.app(), account.oauth1())),
                  CredentialKind.OAUTH1_USER);
      return ok(Credential.OAUTH1_USER, who, masked);
    } catch (ApiException e) {
      return refused(platform, id, Credential.OAUTH1_USER, masked, e);
    } catch (IOException e) {
      return unreachable(platform, id, Credential.OAUTH1_USER, masked, e);
    }
  }

  /** App keys alone: a request token proves the platform accepts them. */
  private CredentialCheck checkAppKeys(Platform platform, Account account) {
    AccountId id = account.id();
    String masked = account.app().consumerKey().masked();
    try {
      client(platform)
          .send(
              ApiRequest.builder("POST", platform.requestTokenUri()).build(),
              signer.authorization(
                  OAuth1Credentials.app(account.app()), new Parameter("oauth_callback", "oob")));
      return ok(Credential.APP_KEYS, null, masked);
    } catch (ApiException e) {
      return refused(platform, id, Credential.APP_KEYS, masked, e);
    } catch (IOException e) {
      return unreachable(platform, id, Credential.APP_KEYS, masked, e);
    }
  }

  /** The app's key alone, as the platform's {@code api_key}. */
  private CredentialCheck checkApiKey(Platform platform, Account account) {
    return probe(
        platform,
        account.id(),
        Credential.API_KEY,
        account.app().consumerKey().masked(),
        () ->
            RequestAuthorization.apiKey(
                platform.apiKeyParameter().orElseThrow(), account.app().consumerKey()));
  }

  /** The app-only token, on a call the platform serves to app-only tokens. */
  private CredentialCheck checkBearer(Platform platform, Account account) {
    return probe(
        platform,
        account.id(),
        Credential.APP_ONLY,
        account.bearer().token().masked(),
        () -> RequestAuthorization.bearer(account.bearer().token()));
  }

  /**
   * A credential that names no user, tried on the call the platform's table lists for its kind. A
   * 404 means it was accepted: only the probed resource is missing.
   */
  private CredentialCheck probe(
      Platform platform,
      AccountId id,
      Credential credential,
      String masked,
      Supplier<RequestAuthorization> authorization) {
    Optional<String> path = appCheckPath(platform, credential.kind().orElseThrow());
    if (path.isEmpty()) {
      return noCheckCall(platform, id, credential, masked);
    }
    try {
      client(platform).send(ApiRequest.get(path.get()).build(), authorization.get());
      return ok(credential, null, masked);
    } catch (ApiException e) {
      return e.status() == 404
          ? ok(credential, null, masked)
          : refused(platform, id, credential, masked, e);
    } catch (IOException e) {
      return unreachable(platform, id, credential, masked, e);
    }
  }

  private record OAuth2Result(CredentialCheck check, Account account) {}

  /** The OAuth 2 user token: refreshed first when it has expired and can be, then verified. */
  private OAuth2Result checkOAuth2(Platform platform, Account account, boolean mayRefresh) {
    AccountId id = account.id();
    OAuth2Token token = account.oauth2();
    Optional<OAuth2Client> client = Clients.of(platform, account, token);
    boolean refreshable = token.refreshToken() != null && client.isPresent();
    boolean refreshed = false;
    if (token.expiresWithin(clock.instant(), 0)) {
      String when =
          When.relative(token.expiresAt(), clock.instant())
              + " ("
              + When.exact(token.expiresAt())
              + ")";
      if (!refreshable || !mayRefresh) {
        Remedy remedy =
            Remedies.of(ProblemKind.TOKEN_REVOKED, platform, id, CredentialKind.OAUTH2_USER, null);
        return new OAuth2Result(
            oauth2Check(
                token,
                false,
                refreshable,
                false,
                null,
                new CredentialCheck.Failure(
                    ProblemKind.TOKEN_REVOKED,
                    "expired "
                        + when
                        + (token.refreshToken() == null
                            ? " and has no refresh token"
                            : client.isEmpty() ? " and its OAuth 2 client is not known" : ""),
                    0,
                    null),
                remedy),
            account);
      }
      try {
        OAuth2Token fresh = refresher(platform, Duration.ZERO).validToken(id, client.get());
        refreshed = !fresh.accessToken().equals(token.accessToken());
        token = fresh;
        account = keychain.get(id).orElse(account.withOAuth2(fresh));
      } catch (OAuth2Exception e) {
        AccountException a = refreshFailed(id, platform, e);
        return new OAuth2Result(
            oauth2Check(
                token,
                false,
                refreshable,
                false,
                null,
                new CredentialCheck.Failure(
                    a.remedy().problem(),
                    "expired, and refreshing failed: " + describe(e),
                    e.httpStatus(),
                    null),
                a.remedy()),
            account);
      } catch (KeychainException e) {
        return new OAuth2Result(
            oauth2Check(
                token,
                false,
                refreshable,
                false,
                null,
                new CredentialCheck.Failure(ProblemKind.UNKNOWN, e.getMessage(), 0, null),
                new Remedy(ProblemKind.UNKNOWN, e.getMessage(), null, null)),
            account);
      } catch (IOException e) {
        CredentialCheck u =
            unreachable(platform, id, Credential.OAUTH2_USER, token.accessToken().masked(), e);
        return new OAuth2Result(
            oauth2Check(token, false, refreshable, false, null, u.failure(), u.remedy()), account);
      }
    }
    try {
      Identity who = client(platform).verifyBearer(token.accessToken());
      return new OAuth2Result(
          oauth2Check(token, true, refreshable, refreshed, who, null, null), account);
    } catch (ApiException e) {
      CredentialCheck r =
          refused(platform, id, Credential.OAUTH2_USER, token.accessToken().masked(), e);
      return new OAuth2Result(
          oauth2Check(token, false, refreshable, refreshed, null, r.failure(), r.remedy()),
          account);
    } catch (IOException e) {
      CredentialCheck u =
          unreachable(platform, id, Credential.OAUTH2_USER, token.accessToken().masked(), e);
      return new OAuth2Result(
          oauth2Check(token, false, refreshable, refreshed, null, u.failure(), u.remedy()),
          account);
    }
  }

  private static CredentialCheck oauth2Check(
      OAuth2Token token,
      boolean ok,
      boolean refreshable,
      boolean refreshed,
      Identity who,
      CredentialCheck.Failure failure,
      Remedy remedy) {
    return new CredentialCheck(
        Credential.OAUTH2_USER,
        ok,
        who,
        token.scopes(),
        token.expiresAt(),
        refreshable,
        refreshed,
        token.accessToken().masked(),
        failure,
        remedy);
  }

  /** A read-only call the platform serves to {@code kind}, to check such a credential with. */
  private static Optional<String> appCheckPath(Platform platform, CredentialKind kind) {
    return platform
        .oauth2()
        .map(o -> o.appOnlyCheckPath())
        .filter(p -> platform.endpoint("GET", p).map(e -> e.accepts(kind)).orElse(true));
  }

  private static CredentialCheck ok(Credential credential, Identity who, String masked) {
    return new CredentialCheck(
        credential, true, who, Set.of(), null, false, false, masked, null, null);
  }

  private static CredentialCheck failed(
      Credential credential, String masked, CredentialCheck.Failure failure, Remedy remedy) {
    return new CredentialCheck(
        credential, false, null, Set.of(), null, false, false, masked, failure, remedy);
  }

  private static CredentialCheck refused(
      Platform platform, AccountId id, Credential credential, String masked, ApiException e) {
    Remedy remedy =
        Remedies.forApi(platform, id, credential.kind().orElse(CredentialKind.OAUTH1_USER), e);
    return failed(
        credential,
        masked,
        new CredentialCheck.Failure(
            e.problemKind(), e.getMessage(), e.status(), e.code().orElse(null)),
        remedy);
  }

  private static CredentialCheck unreachable(
      Platform platform, AccountId id, Credential credential, String masked, IOException e) {
    Remedy remedy = unreachable(platform);
    return failed(
        credential,
        masked,
        new CredentialCheck.Failure(
            ProblemKind.UNREACHABLE,
            e instanceof NetworkException n ? n.problem() : String.valueOf(e.getMessage()),
            0,
            null),
        remedy);
  }

  private static Remedy unreachable(Platform platform) {
    return Remedies.unreachable(platform);
  }

  private static CredentialCheck noCheckCall(
      Platform platform, AccountId id, Credential credential, String masked) {
    return failed(
        credential,
        masked,
        new CredentialCheck.Failure(
            ProblemKind.UNKNOWN,
            platform.displayName()
                + " has no call to check a "
                + credential.description()
                + " with",
            0,
            null),
        new Remedy(
            ProblemKind.UNKNOWN,
            "try the " + credential.description() + " of " + id + " with latchkey api",
            null,
            null));
  }

  // ---- revoking --------------------------------------------------------------------------------

  /**
   * Revokes every credential the account holds at its platform, then removes the revoked ones from
   * the keychain (the app's keys stay: no API revokes them). OAuth 1.0a user tokens through the
   * platform's invalidate endpoint (X's {@code POST /1.1/oauth/invalidate_token}, signed with the
   * token itself), the app-only token through the platform's invalidate endpoint (X's {@code POST
   * /oauth2/invalidate_token}), OAuth 2 user tokens through RFC 7009. Where the platform has no
   * endpoint the result says what to do on its site. A credential the platform refused to revoke is
   * kept, so the revocation can be tried again.
   *
   * @param localOnly remove the tokens from the keychain without asking the platform
   */
  public Revocation revoke(AccountId id, boolean localOnly)
      throws AccountException, KeychainException {
    return revoke(id, Set.of(), localOnly);
  }

  /**
   * {@link #revoke(AccountId, boolean)} limited to some credentials.
   *
   * @param which the credentials to revoke ({@link Credential#OAUTH1_USER}, {@link
   *     Credential#APP_ONLY}, {@link Credential#OAUTH2_USER}); empty for all the account holds
   */
  public Revocation revoke(AccountId id, Set<Credential> which, boolean localOnly)
      throws AccountException, KeychainException {
    Account account = account(id);
    Platform platform = platform(id);
    List<Revocation.Result> results = new ArrayList<>();
    if (account.oauth1() != null && (which.isEmpty() || which.contains(Credential.OAUTH1_USER))) {
      results.add(localOnly ? local(Credential.OAUTH1_USER) : revokeOAuth1(platform, account));
    }
    if (account.bearer() != null && (which.isEmpty() || which.contains(Credential.APP_ONLY))) {
      results.add(localOnly ? local(Credential.APP_ONLY) : revokeBearer(platform, account));
    }
    if (account.oauth2() != null && (which.isEmpty() || which.contains(Credential.OAUTH2_USER))) {
      results.add(localOnly ? local(Credential.OAUTH2_USER) : revokeOAuth2(platform, account));
    }
    if (results.isEmpty() && !which.isEmpty()) {
      throw new AccountException(
          id,
          new Remedy(
              ProblemKind.NOT_FOUND,
              id
                  + " holds no "
                  + which.stream()
                      .map(Credential::description)
                      .sorted()
                      .collect(Collectors.joining(" or "))
                  + " to revoke; see what it holds with latchkey keys show "
                  + id,
              "latchkey keys show " + id,
              null));
    }
    if (results.isEmpty()) {
      throw new AccountException(
          id,
          new Remedy(
              ProblemKind.NOT_FOUND,
              id
                  + " holds no token to revoke (only app keys, which only the developer portal can"
                  + " regenerate: "
                  + platform.developerPortal()
                  + "); remove the account with latchkey keys rm "
                  + id,
              "latchkey keys rm " + id,
              null));
    }
    Set<Credential> remove =
        results.stream()
            .filter(r -> r.outcome() != Revocation.Outcome.FAILED)
            .map(Revocation.Result::credential)
            .collect(Collectors.toSet());
    if (!remove.isEmpty()) {
      keychain.edit(
          draft -> {
            Account current = draft.get(id).orElse(null);
            if (current == null) {
              return;
            }
            Account next = current;
            if (remove.contains(Credential.OAUTH1_USER)) {
              next = next.withOAuth1(null);
            }
            if (remove.contains(Credential.APP_ONLY)) {
              next = next.withBearer(null);
            }
            if (remove.contains(Credential.OAUTH2_USER)) {
              next = next.withOAuth2(null);
            }
            draft.put(next);
          });
    }
    return new Revocation(id, results, !remove.isEmpty());
  }

  /** A call to an OAuth 2 revocation endpoint. */
  private interface RevocationCall {
    void run() throws OAuth2Exception, IOException;
  }

  /** Makes {@code call}: revoked, or failed with the platform's answer and the fix. */
  private static Revocation.Result attempt(
      Platform platform, AccountId id, Credential credential, RevocationCall call) {
    try {
      call.run();
      return revoked(credential, null);
    } catch (OAuth2Exception e) {
      return failedRevocation(
          platform,
          id,
          credential,
          e.getMessage(),
          Remedies.forOAuth2(platform, id, credential.kind().orElseThrow(), e));
    } catch (IOException e) {
      return failedRevocation(platform, id, credential, e.getMessage(), unreachable(platform));
    }
  }

  /** The platform's OAuth 2 revocation endpoints; empty when it has no OAuth 2. */
  private Optional<TokenRevocation> tokenRevocation(Platform platform) {
    try {
      return Optional.of(new TokenRevocation(http, platform));
    } catch (IllegalArgumentException noOAuth2) {
      return Optional.empty();
    }
  }

  private static Revocation.Result needsAppKeys(Credential credential, String doing, AccountId id) {
    return new Revocation.Result(
        credential,
        Revocation.Outcome.FAILED,
        doing + " needs the app's consumer key and secret, which " + id + " does not hold",
        new Remedy(
            ProblemKind.NOT_AUTHENTICATED,
            "add the app's keys with latchkey keys add "
                + id
                + " --force, or remove the token here only with --local-only",
            null,
            null));
  }

  private static Revocation.Result local(Credential credential) {
    return new Revocation.Result(credential, Revocation.Outcome.LOCAL_ONLY, null, null);
  }

  private Revocation.Result revokeOAuth1(Platform platform, Account account) {
    AccountId id = account.id();
    String path = platform.oauth1().map(o -> o.invalidateTokenPath()).orElse(null);
    if (path == null) {
      return notSupported(platform, Credential.OAUTH1_USER);
    }
    if (account.app() == null || !account.app().hasConsumerSecret()) {
      return needsAppKeys(Credential.OAUTH1_USER, "revoking the OAuth 1.0a token", id);
    }
    try {
      client(platform)
          .send(
              ApiRequest.post(path).build(),
              signer.authorization(OAuth1Credentials.user(account.app(), account.oauth1())));
      return revoked(Credential.OAUTH1_USER, null);
    } catch (ApiException e) {
      if (e.problemKind() == ProblemKind.TOKEN_REVOKED) {
        return revoked(Credential.OAUTH1_USER, "it was already invalid");
      }
      return failedRevocation(
          platform,
          id,
          Credential.OAUTH1_USER,
          e.getMessage(),
          Remedies.forApi(platform, id, CredentialKind.OAUTH1_USER, e));
    } catch (IOException e) {
      return failedRevocation(
          platform, id, Credential.OAUTH1_USER, e.getMessage(), unreachable(platform));
    }
  }

  private Revocation.Result revokeBearer(Platform platform, Account account) {
    AccountId id = account.id();
    Optional<TokenRevocation> endpoint =
        tokenRevocation(platform).filter(TokenRevocation::canInvalidateAppTokens);
    if (endpoint.isEmpty()) {
      return notSupported(platform, Credential.APP_ONLY);
    }
    TokenRevocation revocation = endpoint.get();
    if (account.app() == null || !account.app().hasConsumerSecret()) {
      return needsAppKeys(Credential.APP_ONLY, "invalidating the app-only token", id);
    }
    return attempt(
        platform,
        id,
        Credential.APP_ONLY,
        () -> revocation.invalidate(account.app(), account.bearer()));
  }

  private Revocation.Result revokeOAuth2(Platform platform, Account account) {
    AccountId id = account.id();
    Optional<TokenRevocation> endpoint =
        tokenRevocation(platform).filter(TokenRevocation::canRevokeUserTokens);
    if (endpoint.isEmpty()) {
      return notSupported(platform, Credential.OAUTH2_USER);
    }
    TokenRevocation revocation = endpoint.get();
    Optional<OAuth2Client> client = Clients.of(platform, account, account.oauth2());
    if (client.isEmpty()) {
      return new Revocation.Result(
          Credential.OAUTH2_USER,
          Revocation.Outcome.FAILED,
          "the OAuth 2 client the token of " + id + " was issued to is not known",
          new Remedy(ProblemKind.APP_CREDENTIALS_REFUSED, revokeOnSite(platform, id), null, null));
    }
    return attempt(
        platform,
        id,
        Credential.OAUTH2_USER,
        () -> revocation.revoke(client.get(), account.oauth2()));
  }

  private static Revocation.Result revoked(Credential credential, String note) {
    return new Revocation.Result(credential, Revocation.Outcome.REVOKED, note, null);
  }

  private static Revocation.Result notSupported(Platform platform, Credential credential) {
    return new Revocation.Result(
        credential,
        Revocation.Outcome.NOT_SUPPORTED,
        platform.displayName()
            + " has no API to revoke a "
            + credential.description()
            + "; "
            + platform
                .connectedApps()
                .map(u -> "remove the app's access at " + u)
                .orElse("remove the app's access in your account settings")
            + (credential == Credential.APP_ONLY
                ? ", or regenerate the app's keys at " + platform.developerPortal()
                : ""),
        null);
  }

  private static Revocation.Result failedRevocation(
      Platform platform, AccountId id, Credential credential, String why, Remedy remedy) {
    return new Revocation.Result(
        credential,
        Revocation.Outcome.FAILED,
        String.valueOf(why),
        new Remedy(
            remedy.problem(),
            remedy.message() + "; or " + revokeOnSite(platform, id),
            remedy.command(),
            remedy.retryAfter()));
  }

  private static String revokeOnSite(Platform platform, AccountId id) {
    return platform
            .connectedApps()
            .map(u -> "remove the app's access at " + u)
            .orElse("remove the app's access in your " + platform.displayName() + " settings")
        + ", then drop the token here with latchkey revoke "
        + id
        + " --local-only";
  }

  // ---- remedies --------------------------------------------------------------------------------

  /**
   * The fix for what a call as the account threw, naming the account: from the platform's error
   * table for its refusals ({@link ApiException}, {@link OAuth2Exception}), the exception's own
   * remedy for an {@link AccountException}, the base URL for an unreachable platform.
   *
   * @param kind the credential the call was made with (it decides the {@code latchkey auth}
   *     command), or null when not known
   */
  public Remedy remedy(AccountId id, CredentialKind kind, Exception e) {
    Platform platform;
    try {
      platform = platform(id);
    } catch (AccountException unknown) {
      return unknown.remedy();
    }
    return remedy(platform, id, kind, e);
  }

  /**
   * {@link #remedy(AccountId, CredentialKind, Exception)} for a call on {@code platform} made
   * before the account has a name (authorizing a new one): {@code id} may be null.
   */
  public static Remedy remedy(Platform platform, AccountId id, CredentialKind kind, Exception e) {
    if (e instanceof ApiException a) {
      return Remedies.forApi(platform, id, kind, a);
    }
    if (e instanceof OAuth2Exception o) {
      return Remedies.forOAuth2(platform, id, kind, o);
    }
    if (e instanceof AccountException a) {
      return a.remedy();
    }
    if (e instanceof IOException) {
      return unreachable(platform);
    }
    return Remedies.of(ProblemKind.UNKNOWN, platform, id, kind, null);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /**
   * The account new credentials go to when the person named none: {@code platform/SCREEN_NAME} as
   * the platform reported it, else {@code platform/default} (no name, or one that is not a valid
   * account name).
   */
  public static AccountId nameFor(String platform, String screenName) {
    if (screenName != null) {
      try {
        return new AccountId(platform, screenName);
      } catch (IllegalArgumentException e) {
        // Not a valid account name: fall through.
      }
    }
    return new AccountId(platform, "default");
  }

  /**
   * The OAuth 2 client to authorize with for an app: {@code clientId} when given (with the secret
   * the app holds for it, if any), else the app's client id, else, where the consumer key is the
   * client id (Tumblr), the consumer key; empty when none is known.
   */
  public static Optional<OAuth2Client> oauth2Client(
      Platform platform, AppCredentials app, String clientId) {
    if (clientId != null) {
      return Optional.of(new OAuth2Client(clientId, Clients.secretFor(app, clientId)));
    }
    return Clients.forApp(platform, app);
  }

  /** True when the account holds what a call of {@code kind} needs on {@code platform}. */
  static boolean holds(Platform platform, Account account, CredentialKind kind) {
    AppCredentials app = account.app();
    return switch (kind) {
      case OAUTH1_USER ->
          account.oauth1() != null
              && app != null
              && app.hasConsumerSecret()
              && platform.oauth1().isPresent();
      case OAUTH2_USER -> account.oauth2() != null;
      case APP_ONLY -> account.bearer() != null;
      case API_KEY ->
          app != null && app.consumerKey() != null && platform.apiKeyParameter().isPresent();
      case NONE -> true;
    };
  }

  private static List<CredentialKind> unknownEndpointKinds(Platform platform) {
    List<CredentialKind> kinds =
        new ArrayList<>(
            List.of(
                CredentialKind.OAUTH1_USER, CredentialKind.OAUTH2_USER, CredentialKind.APP_ONLY));
    if (platform.apiKeyParameter().isPresent()) {
      kinds.add(CredentialKind.API_KEY);
    }
    return kinds;
  }

  private static String describe(List<CredentialKind> kinds) {
    List<String> words = kinds.stream().map(CredentialKind::description).toList();
    if (words.size() == 1) {
      return words.get(0);
    }
    return String.join(", ", words.subList(0, words.size() - 1))
        + " or "
        + words.get(words.size() - 1);
  }

  private static Optional<Endpoint> endpoint(Platform platform, ApiRequest request) {
    return platform.endpoint(request.method(), path(platform, request));
  }

  /** The request's path under the platform's base, without query. */
  static String path(Platform platform, ApiRequest request) {
    String p =
        request.path() != null ? request.path() : platform.pathUnderBase(request.absoluteUri());
    int q = p.indexOf('?');
    return q < 0 ? p : p.substring(0, q);
  }

  private void checkScopes(
      AccountId id, OAuth2Token token, Endpoint endpoint, String method, String path)
      throws AccountException {
    Optional<RequiredScopes.Shortfall> lacking = RequiredScopes.shortfall(token, endpoint.scopes());
    if (lacking.isEmpty()) {
      return;
    }
    Set<String> missing = lacking.get().missing();
    String command =
        Remedies.authCommand(id, CredentialKind.OAUTH2_USER)
            + " --scopes \""
            + String.join(" ", lacking.get().wanted())
            + "\"";
    throw new AccountException(
        id,
        new Remedy(
            ProblemKind.MISSING_SCOPE,
            "the OAuth 2 token of "
                + id
                + " lacks scope "
                + String.join(" ", missing)
                + ", needed by "
                + method.toUpperCase(Locale.ROOT)
                + " "
                + path
                + "; add it with: "
                + command,
            command,
            null));
  }

  private OAuth2Client client(AccountId id, Platform platform, Account account, OAuth2Token token)
      throws AccountException {
    return Clients.of(platform, account, token)
        .orElseThrow(
            () ->
                new AccountException(
                    id,
                    new Remedy(
                        ProblemKind.APP_CREDENTIALS_REFUSED,
                        id
                            + " does not say which OAuth 2 client its token was issued to; authorize"
                            + " again: "
                            + Remedies.authCommand(id, CredentialKind.OAUTH2_USER),
                        Remedies.authCommand(id, CredentialKind.OAUTH2_USER),
                        null)));
  }

  private RefreshTokenGrant refresher(Platform platform) {
    return refresher(platform, refreshMargin);
  }

  private RefreshTokenGrant refresher(Platform platform, Duration margin) {
    if (!margin.equals(refreshMargin)) {
      return new RefreshTokenGrant(http, platform, new KeychainTokenStore(keychain), clock, margin);
    }
    return refreshers.computeIfAbsent(
        platform.name(),
        name ->
            new RefreshTokenGrant(http, platform, new KeychainTokenStore(keychain), clock, margin));
  }

  private static AccountException refreshFailed(
      AccountId id, Platform platform, OAuth2Exception e) {
    Remedy remedy = Remedies.forOAuth2(platform, id, CredentialKind.OAUTH2_USER, e);
    return new AccountException(
        id,
        new Remedy(
            remedy.problem(),
            "the OAuth 2 token of "
                + id
                + " could not be refreshed ("
                + describe(e)
                + "): "
                + remedy.message(),
            remedy.command(),
            remedy.retryAfter()));
  }

  /** An OAuth 2 refusal in a few words: its status, error and description, no fix. */
  private static String describe(OAuth2Exception e) {
    if (e.httpStatus() == 0) {
      return e.getMessage();
    }
    return "HTTP "
        + e.httpStatus()
        + e.error().map(x -> " " + x).orElse("")
        + e.errorDescription().map(d -> ": " + d).orElse("");
  }

  private static AccountException noSuchAccount(AccountId id) {
    return new AccountException(
        id,
        new Remedy(
            ProblemKind.NOT_FOUND,
            "there is no account " + id + "; see: latchkey keys list",
            "latchkey keys list",
            null));
  }

  private static AccountException noCredential(AccountId id, CredentialKind kind) {
    String command = Remedies.authCommand(id, kind);
    return new AccountException(
        id,
        new Remedy(
            ProblemKind.WRONG_CREDENTIAL_KIND,
            id + " has no " + kind.description() + "; get one with: " + command,
            command,
            null));
  }

  /** Builds {@link Accounts}. */
  public static final class Builder {
    private final Keychain keychain;
    private final Platforms platforms;
    private HttpClient http;
    private Clock clock = Clock.systemUTC();
    private OAuth1Signer signer;
    private Duration timeout = ApiClient.DEFAULT_TIMEOUT;
    private Duration refreshMargin = RefreshTokenGrant.DEFAULT_MARGIN;

    private Builder(Keychain keychain, Platforms platforms) {
      this.keychain = Objects.requireNonNull(keychain, "keychain");
      this.platforms = Objects.requireNonNull(platforms, "platforms");
    }

    /** The HTTP client (default: redirects never followed, 10 s to connect). */
    public Builder http(HttpClient value) {
      this.http = Objects.requireNonNull(value, "http");
      return this;
    }

    /** The clock for expiry and rate limits (default: the system's). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The OAuth 1.0a signer (default: HMAC-SHA1, the system clock, SecureRandom nonces). */
    public Builder signer(OAuth1Signer value) {
      this.signer = Objects.requireNonNull(value, "signer");
      return this;
    }

    /** How long one call may take (default 30 s). */
    public Builder timeout(Duration value) {
      this.timeout = Objects.requireNonNull(value, "timeout");
      return this;
    }

    /** How long before expiry an OAuth 2 token is refreshed (default 60 s). */
    public Builder refreshMargin(Duration value) {
      this.refreshMargin = Objects.requireNonNull(value, "refreshMargin");
      return this;
    }

    /** The accounts, ready for use. */
    public Accounts build() {
      return new Accounts(this);
    }
  }
}
