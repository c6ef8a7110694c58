package dev.latchkey.cli.use;

import dev.latchkey.account.Accounts;
import dev.latchkey.account.Credential;
import dev.latchkey.account.Revocation;
import dev.latchkey.cli.session.AccountParameter;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.PlatformOptions;
import dev.latchkey.cli.session.Session;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey revoke ACCOUNT}: revokes every token the account holds at its platform, then
 * removes them from the keychain (the account layer's {@link Accounts#revoke revoke}); prints what
 * happened to each.
 */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = {
      "Revoke the account's tokens at the platform and remove them from the keychain.",
      "OAuth 1.0a user tokens, the app-only bearer token and OAuth 2 user tokens, each the way"
          + " its platform allows; where it has no way, it says what to do on the platform's"
          + " site. Afterwards any copy of them is refused. The app's keys stay. Exits 1 if the"
          + " platform refused to revoke one (that one is kept)."
    })
public final class RevokeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin AccountParameter account;

  @Option(
      names = "--local-only",
      description = "Only remove the tokens from the keychain; do not ask the platform.")
  boolean localOnly;

  @Option(names = "--oauth1", description = "Only the OAuth 1.0a user token.")
  boolean oauth1Only;

  @Option(names = "--bearer", description = "Only the app-only bearer token.")
  boolean bearerOnly;

  @Option(names = "--oauth2", description = "Only the OAuth 2 user token.")
  boolean oauth2Only;

  @Mixin PlatformOptions hosts;

  @Mixin KeychainOption keychainOption;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    Set<Credential> which = EnumSet.noneOf(Credential.class);
    if (oauth1Only) {
      which.add(Credential.OAUTH1_USER);
    }
    if (bearerOnly) {
      which.add(Credential.APP_ONLY);
    }
    if (oauth2Only) {
      which.add(Credential.OAUTH2_USER);
    }
    try (Keychain keychain = session.keychain().open(false)) {
      AccountId id = account.resolve(keychain);
      Accounts accounts = session.accounts(keychain, hosts.platformsFor(session, id.platform()));
      Revocation r = accounts.revoke(id, which, localOnly);
      for (Revocation.Result result : r.results()) {
        String what = result.credential().description();
        switch (result.outcome()) {
          case REVOKED ->
              session
                  .out()
                  .println(
                      "revoked the "
                          + what
                          + " of "
                          + id
                          + " at "
                          + accounts.platform(id).displayName()
                          + (result.note() == null ? "" : " (" + result.note() + ")"));
          case LOCAL_ONLY ->
              session
                  .out()
                  .println(
                      "did not ask "
                          + accounts.platform(id).displayName()
                          + " to revoke the "
                          + what
                          + " (--local-only)");
          case NOT_SUPPORTED -> session.warn(result.note());
          case FAILED ->
              session.notice(
                  "could not revoke the "
                      + what
                      + " of "
                      + id
                      + ": "
                      + result.note()
                      + "; fix: "
                      + result.remedy().message());
        }
      }
      if (r.removedLocally()) {
        session
            .out()
            .println(
                "removed them from the keychain"
                    + (r.complete() ? "" : " (except those not revoked)")
                    + "; the app's keys stay");
      }
      session.out().flush();
      return r.complete() ? ExitCode.OK : ExitCode.FAILURE;
    }
  }
}
