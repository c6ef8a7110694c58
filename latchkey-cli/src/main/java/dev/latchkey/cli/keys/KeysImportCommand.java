package dev.latchkey.cli.keys;

import dev.latchkey.account.AccountReference;
import dev.latchkey.cli.session.AccountOption;
import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.Session;
import dev.latchkey.formats.CredentialFormat;
import dev.latchkey.formats.CredentialImport;
import dev.latchkey.formats.ImportOptions;
import dev.latchkey.formats.ImportResult;
import dev.latchkey.io.SafeText;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey keys import FILE}: brings in the credentials another tool keeps (twurl, twarc,
 * MassMine, smapy, tw.json, .env). All accounts land together or none does.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import the accounts of another tool's credential file.",
      "Formats: twurlrc, twarc, twarc2, massmine, smapy, tw-json, dotenv; detected when"
          + " --format is not given. All accounts are added, or none. Accounts are named after"
          + " what the file says (screen name, profile); the first account of a platform becomes"
          + " its default. What the file holds that is not imported is listed, with why."
    })
public final class KeysImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KeychainOption keychainOption;

  @Parameters(index = "0", paramLabel = "FILE", description = "The file ('-' for standard input).")
  String file;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = FormatConverter.class,
      description = "The file's format, when detection guesses wrong.")
  CredentialFormat format;

  @Option(
      names = "--account",
      paramLabel = "ACCOUNT",
      converter = AccountOption.Converter.class,
      description =
          "The account to import into (PLATFORM/NAME or NAME); from a file of several, the one"
              + " to pick by name.")
  AccountReference account;

  @Option(
      names = "--platform",
      paramLabel = "PLATFORM",
      description =
          "The platform of the account, when nothing else tells (MassMine, tw.json with Tumblr"
              + " keys).")
  String platform;

  @Option(names = "--force", description = "Replace accounts that exist already.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    ImportOptions options = options(session);
    ImportResult result =
        "-".equals(file)
            ? CredentialImport.parse(session.readStandardInput(), "standard input", null, options)
            : CredentialImport.read(Path.of(file), options);
    try (Keychain keychain = session.keychain().forWriting().open(true)) {
      List<AccountId> existing =
          result.accounts().stream()
              .map(Account::id)
              .filter(id -> keychain.get(id).isPresent())
              .toList();
      if (!existing.isEmpty() && !force) {
        throw new CliException(
            "already in the keychain: "
                + String.join(", ", existing.stream().map(AccountId::toString).toList())
                + "; add --force to replace, or --account ACCOUNT to import under another name");
      }
      Set<String> platformsWithDefault = new HashSet<>();
      for (Account imported : result.accounts()) {
        String p = imported.id().platform();
        if (keychain.defaultAccount(p).isPresent()) {
          platformsWithDefault.add(p);
        }
      }
      keychain.edit(
          draft -> {
            for (Account imported : result.accounts()) {
              draft.put(imported);
            }
            for (AccountId id : result.defaults()) {
              if (platformsWithDefault.add(id.platform())) {
                draft.setDefault(id);
              }
            }
            // A platform that had no default gets the first account imported for it.
            for (Account imported : result.accounts()) {
              if (platformsWithDefault.add(imported.id().platform())) {
                draft.setDefault(imported.id());
              }
            }
          });
      session
          .out()
          .println(
              "imported "
                  + result.accounts().size()
                  + (result.accounts().size() == 1 ? " account" : " accounts")
                  + " ("
                  + result.format()
                  + "):");
      for (Account imported : result.accounts()) {
        boolean isDefault = AccountView.isDefault(keychain, imported.id());
        session
            .out()
            .println(
                "  "
                    + AccountView.summary(imported)
                    + (existing.contains(imported.id()) ? ", replaced" : "")
                    + (isDefault ? ", default" : ""));
      }
      if (!result.skipped().isEmpty()) {
        session.out().println("skipped:");
        for (String skipped : result.skipped()) {
          session.out().println("  " + skipped);
        }
      }
      session.out().flush();
      return ExitCode.OK;
    }
  }

  private ImportOptions options(Session session) {
    ImportOptions options = ImportOptions.detect();
    try {
      if (format != null) {
        options = options.format(format);
      }
      String p = platform;
      if (account != null && account.platform() != null) {
        if (p != null && !p.equalsIgnoreCase(account.platform())) {
          throw CliException.usage(
              "--account " + account + " is not on platform " + SafeText.forMessage(p));
        }
        p = account.platform();
      }
      if (account != null && account.name() != null) {
        options = options.accountName(account.name());
      }
      if (p != null) {
        options = options.platform(session.platform(p).name());
      }
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    return options;
  }
}
