package dev.latchkey.cli.keys;

import dev.latchkey.cli.AccountRef;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.ExitCode;
import dev.latchkey.cli.KeychainAccess;
import dev.latchkey.cli.Session;
import dev.latchkey.cli.terminal.Terminal;
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
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
      "Add an account from hidden prompts or a tw.json file.",
      "Asks for the consumer key and secret and the access token and secret (input hidden;",
      "leave one blank to skip it). Secrets are never taken as arguments."
    })
public final class KeysAddCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "PLATFORM[/NAME]",
      converter = AccountRef.Converter.class,
      description = "Where to store them, like twitter/alice (NAME defaults to 'default').")
  AccountRef target;

  @Option(
      names = "--from-json",
      paramLabel = "FILE",
      description =
          "Read {consumer_key, consumer_secret, access_token, access_token_secret, bearer_token}"
              + " from FILE ('-' for standard input).")
  String fromJson;

  @Option(names = "--label", paramLabel = "TEXT", description = "A note to remember it by.")
  String label;

  @Option(names = "--force", description = "Replace the account if it exists.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    AccountId id = target.orDefaultName();
    Optional<Account> fromFile = fromJson == null ? Optional.empty() : Optional.of(readJson(id));
    KeychainAccess access = session.keychain();
    try (Keychain keychain = access.open(true)) {
      if (!force && keychain.get(id).isPresent()) {
        throw new CliException("account " + id + " exists; add --force to replace it");
      }
      Account account = fromFile.isPresent() ? fromFile.get() : prompt(session, id);
      if (account.isEmpty()) {
        throw new CliException("nothing to add: every value was left blank");
      }
      if (label != null && !label.isBlank()) {
        account = account.withLabel(label.strip());
      }
      if (force) {
        keychain.put(account);
      } else {
        keychain.add(account);
      }
      boolean isDefault = AccountView.isDefault(keychain, id);
      session
          .out()
          .println(
              "added "
                  + AccountView.summary(account)
                  + (isDefault ? ", the default " + id.platform() + " account" : ""));
      session.out().flush();
      return ExitCode.OK;
    }
  }

  private Account prompt(Session session, AccountId id) {
    session.notice("enter the credentials for " + id + " (input is hidden; blank skips)");
    String consumerKey = ask(session, "Consumer key (API key): ");
    String consumerSecret = ask(session, "Consumer secret (API key secret): ");
    String token = ask(session, "Access token: ");
    String tokenSecret = ask(session, "Access token secret: ");
    return build(id, consumerKey, consumerSecret, token, tokenSecret, "the prompts");
  }

  private static String ask(Session session, String prompt) {
    char[] typed = session.terminal().readSecret(prompt, session.err());
    if (typed == null) {
      return null;
    }
    String value = new String(typed).strip();
    Terminal.wipe(typed);
    return value.isEmpty() ? null : value;
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
