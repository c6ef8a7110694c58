package dev.latchkey.cli.use;

import dev.latchkey.cli.AccountRef;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.ExitCode;
import dev.latchkey.cli.OAuth2Support;
import dev.latchkey.cli.PlatformOptions;
import dev.latchkey.cli.Session;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.oauth2.TokenRevocation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey revoke ACCOUNT}: revokes the account's OAuth 2 tokens at the platform (RFC 7009;
 * Twitter's invalidate_token for the app-only token) and then removes them from the keychain.
 */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = {
      "Revoke the account's OAuth 2 tokens at the platform and remove them from the keychain.",
      "The app's keys and any OAuth 1.0a token stay."
    })
public final class RevokeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin PlatformOptions hosts;

  @Parameters(
      index = "0",
      paramLabel = "ACCOUNT",
      converter = AccountRef.Converter.class,
      description = "platform/name, or a platform alone for its default account.")
  AccountRef account;

  @Option(names = "--bearer", description = "Only the app-only bearer token.")
  boolean bearerOnly;

  @Option(names = "--oauth2", description = "Only the OAuth 2 user token.")
  boolean oauth2Only;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    boolean user = !bearerOnly || oauth2Only;
    boolean app = !oauth2Only || bearerOnly;
    try (Keychain keychain = session.keychain().open(false)) {
      AccountId id = account.resolve(keychain);
      Account found = keychain.get(id).orElseThrow(() -> AccountRef.noSuchAccount(id));
      boolean hasUser = user && found.oauth2() != null;
      boolean hasApp = app && found.bearer() != null;
      if (!hasUser && !hasApp) {
        throw new CliException("account " + id + " has no OAuth 2 token to revoke");
      }
      TokenRevocation revocation =
          new TokenRevocation(OAuth2Support.http(), hosts.resolve(session, id.platform()));
      if (hasUser) {
        if (revocation.canRevokeUserTokens()) {
          revocation.revoke(OAuth2Support.client(found, found.oauth2()), found.oauth2());
          session.out().println("Revoked the OAuth 2 user token of " + id + " at " + id.platform());
        } else {
          session.warn(
              id.platform()
                  + " has no revocation endpoint; the token stays valid until it expires unless"
                  + " you remove the app's access in your "
                  + id.platform()
                  + " settings");
        }
      }
      if (hasApp) {
        if (revocation.canInvalidateAppTokens()) {
          if (found.app() == null) {
            throw new CliException(
                "invalidating the bearer token of "
                    + id
                    + " needs the app's consumer key and"
                    + " secret in the account; add them with: latchkey keys add "
                    + id);
          }
          revocation.invalidate(found.app(), found.bearer());
          session.out().println("Invalidated the app-only bearer token of " + id);
        } else {
          session.warn(id.platform() + " cannot invalidate app-only tokens; removing it locally");
        }
      }
      keychain.edit(
          draft -> {
            Account current = draft.get(id).orElse(found);
            Account next = current;
            if (hasUser) {
              next = next.withOAuth2(null);
            }
            if (hasApp) {
              next = next.withBearer(null);
            }
            draft.put(next);
          });
      session.out().println("Removed them from the keychain.");
      session.out().flush();
      return ExitCode.OK;
    }
  }
}
