package dev.latchkey.cli.keys;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.session.Session;
import dev.latchkey.cli.terminal.Table;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.BearerToken;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.keychain.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * How an account is shown: the short summary in {@code keys list}, the full view in {@code keys
 * show}, both as text and JSON. Secrets are masked unless {@code reveal} is true.
 */
public final class AccountView {
  private AccountView() {}

  /** Whether {@code id} is the default account of its platform. */
  static boolean isDefault(Keychain keychain, AccountId id) {
    return keychain.defaultAccount(id.platform()).map(id::equals).orElse(false);
  }

  /**
   * What the account holds, in words: {@code app}, {@code oauth1}, {@code bearer}, {@code oauth2}.
   */
  static List<String> holds(Account account) {
    List<String> holds = new ArrayList<>();
    if (account.app() != null) {
      holds.add("app");
    }
    if (account.oauth1() != null) {
      holds.add("oauth1");
    }
    if (account.bearer() != null) {
      holds.add("bearer");
    }
    if (account.oauth2() != null) {
      holds.add("oauth2");
    }
    return holds;
  }

  /** The masked value that tells this account's credentials apart: the consumer key if any. */
  static String maskedKey(Account account) {
    if (account.app() != null) {
      return account.app().maskedKey();
    }
    if (account.oauth1() != null) {
      return account.oauth1().token().masked();
    }
    if (account.bearer() != null) {
      return account.bearer().token().masked();
    }
    if (account.oauth2() != null) {
      return account.oauth2().accessToken().masked();
    }
    return "";
  }

  /** One line, e.g. {@code twitter/alice (app, oauth1; key abcd…)}. */
  public static String summary(Account account) {
    List<String> holds = holds(account);
    return account.id()
        + " ("
        + (holds.isEmpty() ? "empty" : String.join(", ", holds))
        + (maskedKey(account).isEmpty() ? "" : "; key " + maskedKey(account))
        + ")";
  }

  /** The {@code keys list --json} entry. */
  static ObjectNode listJson(Account account, boolean isDefault) {
    ObjectNode node = Session.jsonObject();
    node.put("account", account.id().toString());
    node.put("platform", account.id().platform());
    node.put("name", account.id().name());
    node.put("default", isDefault);
    node.put("label", account.label());
    ArrayNode holds = node.putArray("holds");
    holds(account).forEach(holds::add);
    node.put("key", maskedKey(account));
    return node;
  }

  /** The {@code keys show --json} document. */
  static ObjectNode showJson(Account account, boolean isDefault, boolean reveal) {
    ObjectNode node = Session.jsonObject();
    node.put("account", account.id().toString());
    node.put("platform", account.id().platform());
    node.put("name", account.id().name());
    node.put("default", isDefault);
    node.put("label", account.label());
    node.put("revealed", reveal);
    AppCredentials app = account.app();
    if (app != null) {
      ObjectNode a = node.putObject("app");
      a.put("consumer_key", show(app.consumerKey(), reveal));
      a.put("consumer_secret", show(app.consumerSecret(), reveal));
      a.put("client_id", clientId(app.clientId(), app, reveal));
      a.put("client_secret", show(app.clientSecret(), reveal));
    }
    OAuth1Token oauth1 = account.oauth1();
    if (oauth1 != null) {
      ObjectNode t = node.putObject("oauth1");
      t.put("token", show(oauth1.token(), reveal));
      t.put("token_secret", show(oauth1.tokenSecret(), reveal));
      t.put("user_id", oauth1.userId());
      t.put("screen_name", oauth1.screenName());
      t.put("access_level", oauth1.accessLevel());
    }
    BearerToken bearer = account.bearer();
    if (bearer != null) {
      ObjectNode b = node.putObject("bearer");
      b.put("token", show(bearer.token(), reveal));
      b.put("obtained_at", bearer.obtainedAt() == null ? null : bearer.obtainedAt().toString());
    }
    OAuth2Token oauth2 = account.oauth2();
    if (oauth2 != null) {
      ObjectNode t = node.putObject("oauth2");
      t.put("access_token", show(oauth2.accessToken(), reveal));
      t.put("refresh_token", show(oauth2.refreshToken(), reveal));
      t.put("expires_at", oauth2.expiresAt() == null ? null : oauth2.expiresAt().toString());
      ArrayNode scopes = t.putArray("scopes");
      new TreeSet<>(oauth2.scopes()).forEach(scopes::add);
      t.put("client_id", clientId(oauth2.clientId(), app, reveal));
    }
    return node;
  }

  /**
   * A client id as shown: ids are public on X, but Tumblr's OAuth 2 client id is the consumer key,
   * which is masked everywhere else, so it is masked here too.
   */
  static String clientId(String id, AppCredentials app, boolean reveal) {
    if (id == null
        || reveal
        || app == null
        || app.consumerKey() == null
        || !id.equals(app.consumerKey().reveal())) {
      return id;
    }
    return app.consumerKey().masked();
  }

  /** The {@code keys show} text: one field per line. */
  static Table showTable(Account account, boolean isDefault, boolean reveal) {
    Table table = new Table();
    table.row("account", account.id() + (isDefault ? " (default)" : ""));
    if (account.label() != null) {
      table.row("label", Labels.shown(account.label()));
    }
    AppCredentials app = account.app();
    if (app != null) {
      optional(table, "consumer key", show(app.consumerKey(), reveal));
      optional(table, "consumer secret", show(app.consumerSecret(), reveal));
      optional(table, "client id", clientId(app.clientId(), app, reveal));
      optional(table, "client secret", show(app.clientSecret(), reveal));
    }
    OAuth1Token oauth1 = account.oauth1();
    if (oauth1 != null) {
      table.row("access token", show(oauth1.token(), reveal));
      table.row("token secret", show(oauth1.tokenSecret(), reveal));
      optional(table, "user id", oauth1.userId());
      optional(table, "screen name", oauth1.screenName());
      optional(table, "access level", oauth1.accessLevel());
    }
    BearerToken bearer = account.bearer();
    if (bearer != null) {
      table.row("bearer token", show(bearer.token(), reveal));
      optional(
          table,
          "bearer obtained",
          bearer.obtainedAt() == null ? null : bearer.obtainedAt().toString());
    }
    OAuth2Token oauth2 = account.oauth2();
    if (oauth2 != null) {
      table.row("oauth2 token", show(oauth2.accessToken(), reveal));
      optional(table, "refresh token", show(oauth2.refreshToken(), reveal));
      optional(
          table, "expires at", oauth2.expiresAt() == null ? null : oauth2.expiresAt().toString());
      if (!oauth2.scopes().isEmpty()) {
        table.row("scopes", String.join(" ", new TreeSet<>(oauth2.scopes())));
      }
      optional(table, "oauth2 client", clientId(oauth2.clientId(), app, reveal));
    }
    if (account.isEmpty()) {
      table.row("holds", "nothing yet");
    }
    return table;
  }

  private static void optional(Table table, String name, String value) {
    if (value != null) {
      table.row(name, value);
    }
  }

  private static String show(Secret secret, boolean reveal) {
    return secret == null ? null : secret.display(reveal);
  }
}
