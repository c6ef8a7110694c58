package dev.latchkey.cli.use;

import dev.latchkey.account.Accounts;
import dev.latchkey.cli.session.AccountParameter;
import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.PlatformOptions;
import dev.latchkey.cli.session.Session;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.platform.CredentialKind;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
      "Print a valid access token for scripts, refreshing an OAuth 2 token when needed.",
      "The OAuth 2 user token is preferred; with --bearer, the app-only token. For example:",
      "  curl -H \"Authorization: Bearer $(latchkey token twitter/alice)\" ..."
    })
public final class TokenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin PlatformOptions hosts;

  @Mixin KeychainOption keychainOption;

  @Mixin AccountParameter account;

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
      Accounts accounts = session.accounts(keychain, hosts.platformsFor(session, id.platform()));
      Account found = accounts.account(id);
      if (bearer || (found.oauth2() == null && found.bearer() != null && !refresh)) {
        accounts.requireCredential(id, CredentialKind.APP_ONLY);
        print(session, found.bearer().token().reveal());
        return ExitCode.OK;
      }
      OAuth2Token token = accounts.oauth2Token(id, refresh);
      print(session, token.accessToken().reveal());
      return ExitCode.OK;
    }
  }

  private static void print(Session session, String token) {
    session.out().println(token);
    session.out().flush();
  }
}
