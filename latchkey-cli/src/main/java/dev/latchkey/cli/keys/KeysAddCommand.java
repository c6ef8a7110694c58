package dev.latchkey.cli.keys;

import dev.latchkey.account.AccountCheck;
import dev.latchkey.account.AccountReference;
import dev.latchkey.account.Accounts;
import dev.latchkey.account.CredentialCheck;
import dev.latchkey.account.Replacement;
import dev.latchkey.cli.session.AccountOption;
import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.Session;
import dev.latchkey.formats.CredentialFormat;
import dev.latchkey.formats.CredentialImport;
import dev.latchkey.formats.ImportException;
import dev.latchkey.formats.ImportOptions;
import dev.latchkey.formats.ImportResult;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.keychain.Secret;
import dev.latchkey.platform.Platform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey keys add PLATFORM[/NAME]}: stores credentials copied from a developer portal,
 * typed at hidden prompts (as MassMine asks for them) or read from a tw.json file. Secrets are
 * never taken as arguments, where shell history and {@code ps} would keep them.
 */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = {
      "Add an account from hidden prompts or a tw.json file, tried with the platform.",
      "Asks for the consumer key and secret, the access token and secret and the OAuth 2 client"
          + " id and secret (input hidden; leave one blank to skip it). What was entered is"
          + " tried against the platform before it is stored: when the platform refuses it, its"
          + " answer is shown and nothing is stored (--no-verify skips this). With PLATFORM"
          + " alone the account is named after the screen name. Secrets are never taken as"
          + " arguments."
    })
public final class KeysAddCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KeychainOption keychainOption;

  @Parameters(
      index = "0",
      paramLabel = "ACCOUNT",
      converter = AccountOption.Converter.class,
      description =
          "Where to store them: PLATFORM/NAME (twitter/alice), or PLATFORM alone to name it after"
              + " the screen name (else 'default').")
  AccountReference target;

  @Option(
      names = "--from-json",
      paramLabel = "FILE",
      description =
          "Read {consumer_key, consumer_secret, access_token, access_token_secret, bearer_token,"
              + " client_id, client_secret} from FILE ('-' for standard input).")
  String fromJson;

  @Option(names = "--label", paramLabel = "TEXT", description = "A note to remember it by.")
  String label;

  @Option(
      names = "--force",
      description = "Replace the account if it exists; what was replaced, kept or dropped is said.")
  boolean force;

  @Option(
      names = "--no-verify",
      description = "Store the credentials without trying them with the platform first.")
  boolean noVerify;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    if (target.platform() == null) {
      throw CliException.usage(
          "say which platform " + target + " is on, like twitter/" + target.name());
    }
    AccountId id = AccountOption.target(target, null, "default");
    session.platform(id.platform()); // an unknown platform is refused before anything is asked
    String checkedLabel = Labels.checked(label);
    Optional<Account> fromFile = fromJson == null ? Optional.empty() : Optional.of(readJson(id));
    try (Keychain keychain = session.keychain().forWriting().open(true)) {
      if (!force && keychain.get(id).isPresent()) {
        throw new CliException(
            "account "
                + id
                + " exists ("
                + String.join(", ", AccountView.holds(keychain.get(id).orElseThrow()))
                + "); add --force to replace it");
      }
      Account account = fromFile.isPresent() ? fromFile.get() : prompt(session, id);
      if (account.isEmpty()) {
        throw new CliException("nothing to add: every value was left blank");
      }
      if (checkedLabel != null) {
        account = account.withLabel(checkedLabel);
      }
      if (!noVerify) {
        Accounts accounts = session.accounts(keychain, session.platforms());
        AccountCheck check = accounts.verify(account);
        Optional<CredentialCheck> failed = check.firstFailure();
        if (failed.isPresent()) {
          CredentialCheck c = failed.get();
          throw new CliException(
              "the "
                  + c.credential().description()
                  + " entered for "
                  + id
                  + " did not work: "
                  + c.failure().message()
                  + "; nothing was stored; "
                  + c.remedy().message()
                  + " (or store them unchecked with --no-verify)");
        }
        account = check.account();
        if (target.isPlatformOnly() && account.oauth1() != null) {
          AccountId named =
              Accounts.nameFor(platformOf(session, id).name(), account.oauth1().screenName());
          if (!named.equals(id) && (force || keychain.get(named).isEmpty())) {
            id = named;
            account = account.withId(named);
          }
        }
      }
      if (!force && keychain.get(id).isPresent()) {
        throw new CliException("account " + id + " exists; add --force to replace it");
      }
      Account before = keychain.get(id).orElse(null);
      Replacement r = Replacement.of(before, account);
      keychain.put(r.result()); // the first account of a platform becomes its default
      boolean isDefault = AccountView.isDefault(keychain, id);
      session
          .out()
          .println(
              r.verb(before != null)
                  + " "
                  + AccountView.summary(r.result())
                  + (isDefault ? ", the default " + id.platform() + " account" : "")
                  + (noVerify
                      ? ", not checked (--no-verify)"
                      : account.oauth1() != null && account.oauth1().screenName() != null
                          ? ", checked: @" + account.oauth1().screenName()
                          : ", checked")
                  + (before == null ? "" : "; " + r.summary()));
      session.out().flush();
      return ExitCode.OK;
    }
  }

  private static Platform platformOf(Session session, AccountId id) {
    return session.platforms().get(id.platform());
  }

  private Account prompt(Session session, AccountId id) {
    session.notice("enter the credentials for " + id + " (input is hidden; blank skips)");
    String consumerKey = session.askSecret("Consumer key (API key): ");
    String consumerSecret = session.askSecret("Consumer secret (API key secret): ");
    String token = session.askSecret("Access token: ");
    String tokenSecret = session.askSecret("Access token secret: ");
    String clientId = session.askSecret("OAuth 2.0 Client ID: ");
    String clientSecret = clientId == null ? null : session.askSecret("OAuth 2.0 Client Secret: ");
    Account account = build(id, consumerKey, consumerSecret, token, tokenSecret, "the prompts");
    if (clientId != null) {
      AppCredentials app =
          account.app() != null
              ? account.app().withOAuth2Client(clientId, Secret.ofNullable(clientSecret))
              : AppCredentials.oauth2Client(clientId, Secret.ofNullable(clientSecret));
      account = account.withApp(app);
    }
    return account;
  }

  /** Reads the tw.json shape; messages name the line and field, never a value. */
  private Account readJson(AccountId id) throws ImportException, IOException {
    ImportOptions options =
        ImportOptions.detect()
            .format(CredentialFormat.TW_JSON)
            .platform(id.platform())
            .accountName(id.name());
    ImportResult result =
        "-".equals(fromJson)
            ? CredentialImport.parse(
                Session.of(spec).readStandardInput(), "standard input", null, options)
            : CredentialImport.read(Path.of(fromJson), options);
    if (result.accounts().size() != 1) {
      throw new CliException(
          fromJson
              + " holds "
              + result.accounts().size()
              + " accounts; bring them all in with: latchkey keys import "
              + fromJson);
    }
    return result.accounts().get(0).withId(id);
  }

  private static Account build(
      AccountId id,
      String consumerKey,
      String consumerSecret,
      String token,
      String tokenSecret,
      String where) {
    if (consumerKey == null && consumerSecret != null) {
      throw new CliException(where + " gave a consumer secret without its consumer key; give both");
    }
    if ((token == null) != (tokenSecret == null)) {
      throw new CliException(
          where + " gave only one of the access token and its secret; give both or neither");
    }
    Account account = Account.empty(id);
    if (consumerKey != null) {
      account = account.withApp(AppCredentials.of(consumerKey, consumerSecret));
    }
    if (token != null) {
      account = account.withOAuth1(OAuth1Token.of(token, tokenSecret));
    }
    return account;
  }
}
