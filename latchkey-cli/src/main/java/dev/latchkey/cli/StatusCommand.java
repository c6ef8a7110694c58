package dev.latchkey.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.http.ApiClient;
import dev.latchkey.http.ApiException;
import dev.latchkey.http.ApiRequest;
import dev.latchkey.http.Identity;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.oauth1.OAuth1Credentials;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey status}: like {@code gh auth status}, asks each platform whose every stored OAuth
 * 1.0a credential is, and for each one that fails says why and what to do. Exits 1 if any fails.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Check stored credentials against their platforms.",
      "Shows whose each credential is, its access level and where it is kept;",
      "for each failure the reason and the fix. Exits 1 if any check fails."
    })
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "ACCOUNT",
      converter = AccountRef.Converter.class,
      description = "Accounts to check, like twitter/alice or tumblr (default: all).")
  List<AccountRef> selected = new ArrayList<>();

  @Option(names = "--json", description = "Print the results as JSON.")
  boolean json;

  /** The outcome of one account's check. */
  record Check(
      Account account,
      boolean isDefault,
      String state,
      Identity identity,
      ApiException error,
      String problem,
      String fix) {
    boolean failed() {
      return state.equals("failed");
    }
  }

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    Platforms platforms = PlatformOptions.platforms(session);
    KeychainAccess access = session.keychain();
    List<Check> checks = new ArrayList<>();
    String where;
    try (Keychain keychain = access.open(false)) {
      where = keychain.path().toString();
      for (Account account : accounts(keychain)) {
        boolean isDefault =
            keychain
                .defaultAccount(account.id().platform())
                .map(account.id()::equals)
                .orElse(false);
        checks.add(check(platforms, account, isDefault));
      }
    }
    if (json) {
      printJson(session, checks, where);
    } else {
      printText(session.out(), checks, where);
    }
    if (checks.isEmpty()) {
      throw new CliException("no accounts to check; add one with: latchkey auth twitter");
    }
    return checks.stream().anyMatch(Check::failed) ? ExitCode.FAILURE : ExitCode.OK;
  }

  private List<Account> accounts(Keychain keychain) {
    if (selected.isEmpty()) {
      return keychain.accounts();
    }
    List<Account> out = new ArrayList<>();
    for (AccountRef ref : selected) {
      AccountId id = ref.resolve(keychain);
      Account account = keychain.get(id).orElseThrow(() -> AccountRef.noSuchAccount(id));
      if (!out.contains(account)) {
        out.add(account);
      }
    }
    return out;
  }

  private static Check check(Platforms platforms, Account account, boolean isDefault) {
    Platform platform;
    try {
      platform = platforms.get(account.id().platform());
    } catch (IllegalArgumentException e) {
      return new Check(account, isDefault, "skipped", null, null, "no such platform", null);
    }
    if (account.app() == null || account.app().consumerSecret() == null) {
      return new Check(
          account,
          isDefault,
          "skipped",
          null,
          null,
          "not checked: no consumer key and secret (status checks OAuth 1.0a credentials)",
          null);
    }
    ApiClient client = ApiClient.create(platform);
    try {
      if (account.oauth1() == null) {
        // App keys alone: a request token proves the platform accepts them.
        client.send(
            ApiRequest.builder("POST", platform.requestTokenUri())
                .protocol("oauth_callback", "oob")
                .build(),
            OAuth1Credentials.app(account.app()));
        return new Check(account, isDefault, "ok", null, null, null, null);
      }
      Identity identity = client.verify(OAuth1Credentials.user(account.app(), account.oauth1()));
      return new Check(account, isDefault, "ok", identity, null, null, null);
    } catch (ApiException e) {
      return new Check(
          account,
          isDefault,
          "failed",
          null,
          e,
          e.getMessage(),
          FailureHints.fix(platform, account.id().name(), e));
    } catch (IOException e) {
      return new Check(
          account,
          isDefault,
          "failed",
          null,
          null,
          e.getMessage(),
          "check the network, or the base URL (LATCHKEY_SANDBOX, LATCHKEY_"
              + platform.name().toUpperCase(java.util.Locale.ROOT)
              + "_API_BASE)");
    }
  }

  private static void printText(PrintWriter out, List<Check> checks, String where) {
    for (Check c : checks) {
      Account a = c.account();
      out.println(a.id() + (c.isDefault() ? " (default)" : ""));
      switch (c.state()) {
        case "ok" -> {
          if (c.identity() == null) {
            out.println("  ok: app keys accepted (no user token stored)");
          } else {
            Identity id = c.identity();
            out.println(
                "  ok: logged in as "
                    + (id.screenName() == null ? "(unnamed)" : "@" + id.screenName())
                    + (id.userId() == null ? "" : " (id " + id.userId() + ")")
                    + (id.accessLevel() == null ? "" : ", access " + id.accessLevel()));
          }
        }
        case "failed" -> {
          out.println("  FAILED: " + c.problem());
          out.println("  fix: " + c.fix());
        }
        default -> out.println("  " + c.problem());
      }
      StringBuilder keys = new StringBuilder("  keys:");
      if (a.app() != null) {
        keys.append(" consumer key ").append(a.app().consumerKey().masked());
      }
      if (a.oauth1() != null) {
        keys.append(a.app() != null ? "," : "")
            .append(" access token ")
            .append(a.oauth1().token().masked());
      }
      out.println(keys);
      out.println("  stored in: " + where);
    }
    out.flush();
  }

  private static void printJson(Session session, List<Check> checks, String where) {
    ArrayNode array = Session.json().createArrayNode();
    for (Check c : checks) {
      Account a = c.account();
      ObjectNode node = array.addObject();
      node.put("account", a.id().toString());
      node.put("platform", a.id().platform());
      node.put("default", c.isDefault());
      node.put("state", c.state());
      if (c.identity() != null) {
        node.put("user", c.identity().screenName());
        node.put("userId", c.identity().userId());
        node.put("accessLevel", c.identity().accessLevel());
      }
      node.put("stored", where);
      if (a.app() != null) {
        node.put("consumerKey", a.app().consumerKey().masked());
      }
      if (a.oauth1() != null) {
        node.put("accessToken", a.oauth1().token().masked());
      }
      if (c.problem() != null) {
        node.put("problem", c.problem());
      }
      if (c.error() != null) {
        node.put("status", c.error().status());
        c.error().code().ifPresent(code -> node.put("code", code));
      }
      if (c.fix() != null) {
        node.put("fix", c.fix());
      }
    }
    session.printJson(array);
  }
}
