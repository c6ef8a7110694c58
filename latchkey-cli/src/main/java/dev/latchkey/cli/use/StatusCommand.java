package dev.latchkey.cli.use;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.account.AccountCheck;
import dev.latchkey.account.AccountException;
import dev.latchkey.account.AccountReference;
import dev.latchkey.account.Accounts;
import dev.latchkey.account.Credential;
import dev.latchkey.account.CredentialCheck;
import dev.latchkey.account.When;
import dev.latchkey.cli.session.AccountOption;
import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.Session;
import dev.latchkey.http.Identity;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey status}: like {@code gh auth status}, shows what the account layer's {@link
 * Accounts#check check} proves about each stored account, and for each failure the platform's own
 * answer and the fix. Exits 1 if any check fails. Only the presentation is here.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Check stored credentials against their platforms.",
      "Checks the OAuth 1.0a token (or the app keys), the app-only bearer token and the OAuth 2"
          + " user token of each account: whose it is, its access level, scopes and expiry. An"
          + " expired OAuth 2 token with a refresh token is refreshed (and saved) first. For each"
          + " failure: the platform's answer and the fix. Exits 1 if any check fails."
    })
public final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KeychainOption keychainOption;

  @Parameters(
      arity = "0..*",
      paramLabel = "ACCOUNT",
      converter = AccountOption.Converter.class,
      description = "Accounts to check (default: all): " + AccountOption.DESCRIPTION)
  List<AccountReference> selected = new ArrayList<>();

  @Option(names = "--json", description = "Print the results as JSON.")
  boolean json;

  /** What to print for one account: its check, or why it was skipped. */
  private record Shown(Account account, AccountCheck check, String skipped) {
    String state() {
      return check != null ? check.state() : "skipped";
    }

    boolean failed() {
      return check != null && check.failed();
    }
  }

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    List<Shown> shown = new ArrayList<>();
    String where;
    try (Keychain keychain = session.keychain().open(false)) {
      Accounts accounts = session.accounts(keychain, session.platforms());
      where = keychain.path().toString();
      for (AccountId id : selected(keychain)) {
        Account account = keychain.get(id).orElseThrow();
        try {
          shown.add(new Shown(account, accounts.check(id), null));
        } catch (AccountException e) {
          shown.add(new Shown(account, null, e.getMessage()));
        }
      }
    }
    Instant now = session.context().clock().instant();
    if (json) {
      printJson(session, shown, where, now);
    } else {
      printText(session.out(), shown, where, now);
    }
    if (shown.isEmpty()) {
      throw new CliException("no accounts to check; add one with: latchkey auth twitter");
    }
    return shown.stream().anyMatch(Shown::failed) ? ExitCode.FAILURE : ExitCode.OK;
  }

  private List<AccountId> selected(Keychain keychain) throws AccountException {
    if (selected.isEmpty()) {
      return keychain.accounts().stream().map(Account::id).toList();
    }
    List<AccountId> out = new ArrayList<>();
    for (AccountReference ref : selected) {
      AccountId id = ref.resolve(keychain, null);
      if (!out.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }

  private static String label(Credential c) {
    return switch (c) {
      case APP_KEYS, OAUTH1_USER -> "";
      case APP_ONLY -> "app-only bearer: ";
      case OAUTH2_USER -> "OAuth 2 user token: ";
      case API_KEY -> "app key (api_key): ";
    };
  }

  private static String who(Identity id) {
    return (id.screenName() == null ? "(unnamed)" : "@" + id.screenName())
        + (id.userId() == null ? "" : " (id " + id.userId() + ")")
        + (id.accessLevel() == null ? "" : ", access " + id.accessLevel());
  }

  private static void printText(PrintWriter out, List<Shown> shown, String where, Instant now) {
    for (Shown s : shown) {
      Account a = s.check() != null ? s.check().account() : s.account();
      boolean isDefault = s.check() != null && s.check().isDefault();
      out.println(a.id() + (isDefault ? " (default)" : ""));
      if (s.skipped() != null) {
        out.println("  not checked: " + s.skipped());
      } else if (s.check().notChecked() != null) {
        out.println("  " + s.check().notChecked());
      }
      for (CredentialCheck c :
          s.check() == null ? List.<CredentialCheck>of() : s.check().checks()) {
        if (!c.ok()) {
          out.println("  " + label(c.credential()) + "FAILED: " + c.failure().message());
          if (c.remedy() != null) {
            out.println("  fix: " + c.remedy().message());
          }
        } else {
          String ok =
              switch (c.credential()) {
                case APP_KEYS -> "ok: app keys accepted (no user token stored)";
                case APP_ONLY, API_KEY -> "ok: accepted";
                default -> c.user() == null ? "ok: accepted" : "ok: logged in as " + who(c.user());
              };
          out.println("  " + label(c.credential()) + ok);
        }
        if (c.credential() == Credential.OAUTH2_USER) {
          out.println(
              "    scopes: "
                  + (c.scopes().isEmpty()
                      ? "(none recorded)"
                      : String.join(" ", new TreeSet<>(c.scopes()))));
          out.println(
              "    expires: "
                  + (c.expiresAt() == null
                      ? "unknown"
                      : When.relative(c.expiresAt(), now) + " (" + When.exact(c.expiresAt()) + ")")
                  + (c.refreshable() ? ", refreshable" : ", not refreshable"));
          if (c.refreshed()) {
            out.println("    refreshed: it had expired; the new token is saved");
          }
        }
      }
      out.println(keys(a));
      out.println("  stored in: " + where);
    }
    out.flush();
  }

  private static String keys(Account a) {
    List<String> parts = new ArrayList<>();
    if (a.app() != null) {
      parts.add(
          (a.app().consumerKey() != null ? "consumer key " : "client id ") + a.app().maskedKey());
    }
    if (a.oauth1() != null) {
      parts.add("access token " + a.oauth1().token().masked());
    }
    if (a.bearer() != null) {
      parts.add("bearer token " + a.bearer().token().masked());
    }
    if (a.oauth2() != null) {
      parts.add("OAuth 2 token " + a.oauth2().accessToken().masked());
    }
    return "  keys:" + (parts.isEmpty() ? " none" : " " + String.join(", ", parts));
  }

  private static void printJson(Session session, List<Shown> shown, String where, Instant now) {
    ArrayNode array = Session.json().createArrayNode();
    for (Shown s : shown) {
      Account a = s.check() != null ? s.check().account() : s.account();
      ObjectNode node = array.addObject();
      node.put("account", a.id().toString());
      node.put("platform", a.id().platform());
      node.put("default", s.check() != null && s.check().isDefault());
      node.put("state", s.state());
      List<CredentialCheck> checks = s.check() == null ? List.of() : s.check().checks();
      checks.stream()
          .filter(c -> c.user() != null)
          .findFirst()
          .ifPresent(c -> identity(node, c.user()));
      node.put("stored", where);
      if (a.app() != null) {
        node.put("consumerKey", a.app().maskedKey());
      }
      if (a.oauth1() != null) {
        node.put("accessToken", a.oauth1().token().masked());
      }
      if (s.skipped() != null) {
        node.put("problem", s.skipped());
      } else if (s.check().notChecked() != null) {
        node.put("problem", s.check().notChecked());
      }
      if (s.check() != null) {
        s.check().firstFailure().ifPresent(c -> problem(node, c));
      }
      ArrayNode credentials = node.putArray("checks");
      for (CredentialCheck c : checks) {
        ObjectNode n = credentials.addObject();
        n.put("credential", c.credential().shortName());
        n.put("state", c.ok() ? "ok" : "failed");
        if (c.user() != null) {
          identity(n, c.user());
        }
        if (c.credential() == Credential.APP_ONLY || c.credential() == Credential.OAUTH2_USER) {
          n.put("token", c.maskedToken());
        }
        if (c.credential() == Credential.OAUTH2_USER) {
          new TreeSet<>(c.scopes()).forEach(n.putArray("scopes")::add);
          if (c.expiresAt() != null) {
            n.put("expiresAt", When.exact(c.expiresAt()));
            n.put("expiresInSeconds", Duration.between(now, c.expiresAt()).getSeconds());
          }
          n.put("refreshable", c.refreshable());
          n.put("refreshed", c.refreshed());
        }
        if (!c.ok()) {
          problem(n, c);
        }
      }
    }
    session.printJson(array);
  }

  private static void identity(ObjectNode node, Identity id) {
    node.put("user", id.screenName());
    node.put("userId", id.userId());
    node.put("accessLevel", id.accessLevel());
  }

  private static void problem(ObjectNode node, CredentialCheck c) {
    node.put("problem", c.failure().message());
    node.put("kind", c.failure().problem().name().toLowerCase(java.util.Locale.ROOT));
    if (c.failure().status() != 0) {
      node.put("status", c.failure().status());
    }
    if (c.failure().code() != null) {
      node.put("code", c.failure().code());
    }
    if (c.remedy() != null) {
      node.put("fix", c.remedy().message());
      c.remedy().fixCommand().ifPresent(cmd -> node.put("command", cmd));
    }
  }
}
