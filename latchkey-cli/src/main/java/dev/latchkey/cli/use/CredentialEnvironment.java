package dev.latchkey.cli.use;

import dev.latchkey.cli.scan.ScanCommand;
import dev.latchkey.cli.session.CliException;
import dev.latchkey.formats.CredentialExport;
import dev.latchkey.formats.EnvironmentNames;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The options {@code latchkey env} and {@code latchkey exec} share: which variable names to use
 * ({@code --env-names}) and extra ones ({@code --env NAME=FIELD}); and the account's variables they
 * give, from {@link CredentialExport#environment} (the mapping the dotenv export uses).
 */
public final class CredentialEnvironment {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  /** The fields {@code --env NAME=FIELD} can name. */
  static final List<String> FIELDS =
      List.of(
          "consumer_key",
          "consumer_secret",
          "access_token",
          "access_token_secret",
          "bearer_token",
          "client_id",
          "client_secret",
          "oauth2_access_token",
          "screen_name",
          "user_id");

  @Option(
      names = "--env-names",
      paramLabel = "NAMES",
      split = ",",
      description =
          "Which names to set, comma-separated: generic (TWITTER_CONSUMER_KEY,"
              + " TUMBLR_...), twarc (CONSUMER_KEY, BEARER_TOKEN, ...), tweepy (API_KEY,"
              + " API_KEY_SECRET, ...). Default: generic,twarc.")
  List<String> names = new ArrayList<>();

  @Option(
      names = "--env",
      paramLabel = "NAME=FIELD",
      description =
          "Also set NAME to one field: consumer_key, consumer_secret, access_token,"
              + " access_token_secret, bearer_token, client_id, client_secret,"
              + " oauth2_access_token, screen_name or user_id. Repeatable.")
  List<String> extra = new ArrayList<>();

  /** The variables for this account, in a stable order. */
  Map<String, String> variables(Account account) {
    List<EnvironmentNames> namings = new ArrayList<>();
    for (String n : names.isEmpty() ? List.of("generic", "twarc") : names) {
      namings.add(
          EnvironmentNames.fromCliName(n)
              .orElseThrow(
                  () ->
                      CliException.usage(
                          "--env-names takes "
                              + EnvironmentNames.cliNames()
                              + ", not '"
                              + ScanCommand.shorten(n)
                              + "'")));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (EnvironmentNames naming : namings) {
      try {
        out.putAll(CredentialExport.environment(account, naming));
      } catch (IllegalArgumentException e) {
        if (extra.isEmpty()) {
          throw new CliException(e.getMessage());
        }
      }
    }
    for (String e : extra) {
      int eq = e.indexOf('=');
      String name = eq > 0 ? e.substring(0, eq) : "";
      String field = eq > 0 ? e.substring(eq + 1).toLowerCase(Locale.ROOT) : "";
      if (!NAME.matcher(name).matches() || !FIELDS.contains(field)) {
        throw CliException.usage(
            "--env takes NAME=FIELD, like --env MY_KEY=consumer_key; fields: "
                + String.join(", ", FIELDS));
      }
      String value = field(account, field);
      if (value == null) {
        throw new CliException(
            "account "
                + account.id()
                + " has no "
                + field.replace('_', ' ')
                + " for --env "
                + name);
      }
      out.put(name, value);
    }
    return out;
  }

  private static String field(Account a, String field) {
    return switch (field) {
      case "consumer_key" -> a.app() == null ? null : reveal(a.app().consumerKey());
      case "consumer_secret" -> a.app() == null ? null : reveal(a.app().consumerSecret());
      case "client_id" -> a.app() == null ? null : a.app().clientId();
      case "client_secret" -> a.app() == null ? null : reveal(a.app().clientSecret());
      case "access_token" -> a.oauth1() == null ? null : reveal(a.oauth1().token());
      case "access_token_secret" -> a.oauth1() == null ? null : reveal(a.oauth1().tokenSecret());
      case "screen_name" -> a.oauth1() == null ? null : a.oauth1().screenName();
      case "user_id" -> a.oauth1() == null ? null : a.oauth1().userId();
      case "bearer_token" -> a.bearer() == null ? null : reveal(a.bearer().token());
      case "oauth2_access_token" -> a.oauth2() == null ? null : reveal(a.oauth2().accessToken());
      default -> null;
    };
  }

  private static String reveal(Secret s) {
    return s == null ? null : s.reveal();
  }
}
