package dev.latchkey.cli.keys;

import dev.latchkey.cli.CliException;
import dev.latchkey.cli.ExitCode;
import dev.latchkey.cli.Session;
import dev.latchkey.formats.CredentialFormat;
import dev.latchkey.formats.CredentialImport;
import dev.latchkey.formats.ImportOptions;
import dev.latchkey.formats.ImportResult;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
      "Formats: twurlrc, twarc, twarc2, massmine, smapy, tw-json, dotenv (detected unless",
      "--format is given). All accounts are added, or none."
    })
public final class KeysImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

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
      paramLabel = "NAME",
      description = "The name to give the account (or the one to pick from several).")
  String accountName;

  @Option(
      names = "--platform",
      paramLabel = "PLATFORM",
      description =
          "The platform, when the file does not say (MassMine, tw.json with Tumblr keys).")
  String platform;

  @Option(names = "--force", description = "Replace accounts that exist already.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    ImportOptions options = options();
    ImportResult result =
        "-".equals(file)
            ? CredentialImport.parse(session.readStandardInput(), "standard input", null, options)
            : CredentialImport.read(Path.of(file), options);
    try (Keychain keychain = session.keychain().open(true)) {
      List<AccountId> existing =
          result.accounts().stream()
              .map(Account::id)
              .filter(id -> keychain.get(id).isPresent())
              .toList();
      if (!existing.isEmpty() && !force) {
        throw new CliException(
            "already in the keychain: "
                + String.join(", ", existing.stream().map(AccountId::toString).toList())
                + "; add --force to replace, or --account NAME to import under another name");
      }
      Set<String> platformsWithDefault = new HashSet<>();
      for (Account account : result.accounts()) {
        String p = account.id().platform();
        if (keychain.defaultAccount(p).isPresent()) {
          platformsWithDefault.add(p);
        }
      }
      keychain.edit(
          draft -> {
            for (Account account : result.accounts()) {
              draft.put(account);
            }
            for (AccountId id : result.defaults()) {
              if (!platformsWithDefault.contains(id.platform())) {
                draft.setDefault(id);
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
      for (Account account : result.accounts()) {
        boolean isDefault = AccountView.isDefault(keychain, account.id());
        session
            .out()
            .println(
                "  "
                    + AccountView.summary(account)
                    + (existing.contains(account.id()) ? ", replaced" : "")
                    + (isDefault ? ", default" : ""));
      }
      session.out().flush();
      return ExitCode.OK;
    }
  }

  private ImportOptions options() {
    ImportOptions options = ImportOptions.detect();
    try {
      if (format != null) {
        options = options.format(format);
      }
      if (accountName != null) {
        options = options.accountName(accountName);
      }
      if (platform != null) {
        options = options.platform(platform);
      }
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    return options;
  }
}
