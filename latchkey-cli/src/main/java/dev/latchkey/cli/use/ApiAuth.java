package dev.latchkey.cli.use;

import dev.latchkey.cli.CliException;
import dev.latchkey.cli.OAuth2Support;
import dev.latchkey.cli.Session;
import dev.latchkey.http.ApiClient;
import dev.latchkey.http.ApiException;
import dev.latchkey.http.ApiRequest;
import dev.latchkey.http.ApiResponse;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.oauth1.OAuth1Credentials;
import dev.latchkey.oauth1.OAuth1Signer;
import dev.latchkey.oauth2.OAuth2Exception;
import dev.latchkey.oauth2.RefreshTokenGrant;
import dev.latchkey.oauth2.RequiredScopes;
import dev.latchkey.platform.Platform;
import java.io.IOException;

/**
 * Which credential {@code latchkey api} sends, and sending it: OAuth 1.0a, the app-only bearer
 * token, or the OAuth 2 user token, which is refreshed before it expires and once after a 401, with
 * its scopes checked first when the endpoint's needs are known.
 */
public final class ApiAuth {
  /** The credential kinds {@code --auth} names. */
  enum Kind {
    OAUTH1,
    BEARER,
    OAUTH2
  }

  private ApiAuth() {}

  /** {@code forced} when given (and present), else OAuth 1.0a, else OAuth 2, else bearer. */
  static Kind choose(AccountId id, Account a, Kind forced) {
    boolean oauth1 = a.app() != null && a.app().consumerSecret() != null && a.oauth1() != null;
    if (forced != null) {
      boolean has =
          switch (forced) {
            case OAUTH1 -> oauth1;
            case BEARER -> a.bearer() != null;
            case OAUTH2 -> a.oauth2() != null;
          };
      if (!has) {
        throw new CliException(
            id
                + " has no "
                + describe(forced)
                + "; get one with: latchkey auth "
                + id.platform()
                + " --account "
                + id.name()
                + authFlags(forced));
      }
      return forced;
    }
    if (oauth1) {
      return Kind.OAUTH1;
    }
    if (a.oauth2() != null) {
      return Kind.OAUTH2;
    }
    if (a.bearer() != null) {
      return Kind.BEARER;
    }
    throw new CliException(
        id
            + " has no OAuth 1.0a user token with its app keys nor an OAuth 2 token; get one with:"
            + " latchkey auth "
            + id.platform()
            + " --account "
            + id.name());
  }

  /** The {@code latchkey auth} flags that get a credential of this kind. */
  static String authFlags(Kind kind) {
    return switch (kind) {
      case OAUTH1 -> "";
      case BEARER -> " --bearer";
      case OAUTH2 -> " --oauth2";
    };
  }

  private static String describe(Kind kind) {
    return switch (kind) {
      case OAUTH1 -> "OAuth 1.0a user token with its app keys";
      case BEARER -> "app-only bearer token";
      case OAUTH2 -> "OAuth 2 user token";
    };
  }

  private record Outcome(ApiResponse response, ApiException error) {}

  static ApiResponse send(
      Session session,
      Keychain keychain,
      Platform platform,
      AccountId id,
      Account account,
      ApiRequest request,
      Kind kind)
      throws ApiException, IOException, OAuth2Exception, KeychainException {
    ApiClient client = ApiClient.create(platform);
    switch (kind) {
      case OAUTH1:
        return client.send(
            request,
            OAuth1Signer.create()
                .authorization(OAuth1Credentials.user(account.app(), account.oauth1())));
      case BEARER:
        return client.sendBearer(request, account.bearer().token());
      default:
        break;
    }
    String path = client.target(request).getRawPath();
    String prefix = platform.hosts().api().getRawPath();
    if (prefix != null && !prefix.isEmpty() && path.startsWith(prefix)) {
      path = path.substring(prefix.length());
    }
    RequiredScopes.check(id, account.oauth2(), request.method(), path);
    RefreshTokenGrant grant =
        OAuth2Support.refreshGrant(session, keychain, platform, RefreshTokenGrant.DEFAULT_MARGIN);
    Outcome outcome =
        grant.call(
            id,
            OAuth2Support.client(account, account.oauth2()),
            token -> {
              try {
                return new Outcome(client.sendBearer(request, token.accessToken()), null);
              } catch (ApiException e) {
                return new Outcome(null, e);
              }
            },
            o -> o.error() != null && o.error().status() == 401);
    if (outcome.error() != null) {
      throw outcome.error();
    }
    return outcome.response();
  }
}
