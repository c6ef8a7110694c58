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
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.oauth2.OAuth2Client;
import dev.latchkey.oauth2.RefreshTokenGrant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey token ACCOUNT}: prints a currently valid access token for scripts, refreshing an
 * OAuth 2 user token first when it expires within a minute (like {@code gh auth token}). The only
 * command whose normal output is a secret.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {
      "Print a valid access token for scripts (refreshing an OAuth 2 token when needed):",
      "  curl -H \"Authorization: Bearer $(latchkey token twitter/alice)\" ...",
      "The OAuth 2 user token is preferred; with --bearer, the app-only token."
    })
public final class TokenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin PlatformOptions hosts;

  @Parameters(
      index = "0",
      paramLabel = "ACCOUNT",
      converter = AccountRef.Converter.class,
      description = "platform/name, or a platform alone for its default account.")
  AccountRef account;

  @Option(names = "--refresh", description = "Refresh the OAuth 2 token now, even if still valid.")
  boolean refresh;

  @Option(names = "--bearer", description = "Print the app-only bearer token instead.")
  boolean bearer;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    if (refresh && bearer) {
      throw CliException.usage("--refresh applies to OAuth 2 user tokens, not to --bearer");
    }
    try (Keychain keychain = session.keychain().open(false)) {
      AccountId id = account.resolve(keychain);
      Account found = keychain.get(id).orElseThrow(() -> AccountRef.noSuchAccount(id));
      if (bearer || (found.oauth2() == null && found.bearer() != null && !refresh)) {
        if (found.bearer() == null) {
          throw new CliException(
              "account "
                  + id
                  + " has no app-only bearer token; get one with: latchkey auth "
                  + id.platform()
                  + " --bearer --account "
                  + id.name());
        }
        print(session, found.bearer().token().reveal());
        return ExitCode.OK;
      }
      if (found.oauth2() == null) {
        throw new CliException(
            "account "
                + id
                + " has no OAuth 2 token; get one with: latchkey auth "
                + id.platform()
                + " --oauth2 --account "
                + id.name()
                + " (or --bearer for an app-only token)");
      }
      OAuth2Client client = OAuth2Support.client(found, found.oauth2());
      RefreshTokenGrant grant =
          OAuth2Support.refreshGrant(
              session,
              keychain,
              hosts.resolve(session, id.platform()),
              RefreshTokenGrant.DEFAULT_MARGIN);
      OAuth2Token token =
          refresh ? grant.refreshAfter(id, client, found.oauth2()) : grant.validToken(id, client);
      print(session, token.accessToken().reveal());
      return ExitCode.OK;
    }
  }

  private static void print(Session session, String token) {
    session.out().println(token);
    session.out().flush();
  }
}
