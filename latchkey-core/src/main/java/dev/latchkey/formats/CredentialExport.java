package dev.latchkey.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.keychain.Secret;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes an account in a format another tool reads, so that credentials kept in Latchkey can be
 * handed to twurl, twarc, MassMine or a script. The output holds secrets in the clear; the caller
 * decides where it goes.
 *
 * <p>Each format holds only some parts of an account (none holds an OAuth 2 user token; MassMine
 * and smapy hold exactly the four OAuth 1.0a values). {@link CredentialImport} reads every output
 * back to the same parts.
 */
public final class CredentialExport {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .disable(YAMLGenerator.Feature.SPLIT_LINES)
          .build();
  private static final Pattern BARE_VALUE = Pattern.compile("[A-Za-z0-9_./%+=:@,-]*");

  private CredentialExport() {}

  /**
   * The account written in {@code format}, ending with a newline.
   *
   * @throws IllegalArgumentException when the account lacks what the format needs (MassMine and
   *     smapy need the app's keys and a user token; twurl needs the app of a user token) or holds a
   *     value the format cannot carry; the message says which and never contains a secret
   */
  public static String write(Account account, CredentialFormat format) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(format, "format");
    refuseUnwritableValues(account);
    if (account.app() != null
        && account.app().consumerKey() == null
        && format != CredentialFormat.DOTENV) {
      // An app that is an OAuth 2 client alone: only .env files have a place for it.
      account = account.withApp(null);
    }
    return switch (format) {
      case TW_JSON -> json(account, "access_token_secret", true);
      case SMAPY -> smapy(account);
      case TWURLRC -> twurlrc(account);
      case TWARC -> twarc(account);
      case TWARC2 -> twarc2(account);
      case MASSMINE -> massMine(account);
      case DOTENV -> dotenv(account);
    };
  }

  private static String json(Account account, String tokenSecretName, boolean withBearer) {
    Map<String, String> out = new LinkedHashMap<>();
    AppCredentials app = account.app();
    OAuth1Token token = account.oauth1();
    if (app != null) {
      put(out, "consumer_key", app.consumerKey());
      put(out, "consumer_secret", app.consumerSecret());
    }
    if (token != null) {
      put(out, "access_token", token.token());
      put(out, tokenSecretName, token.tokenSecret());
    }
    if (withBearer && app != null && app.clientId() != null) {
      out.put("client_id", app.clientId());
      put(out, "client_secret", app.clientSecret());
    }
    if (withBearer && account.bearer() != null) {
      put(out, "bearer_token", account.bearer().token());
    }
    if (out.isEmpty()) {
      throw nothingToWrite(
          account, CredentialFormat.TW_JSON, "app keys, an access token or a bearer token");
    }
    if (token != null && token.screenName() != null) {
      out.put("screen_name", token.screenName());
    }
    if (token != null && token.userId() != null) {
      out.put("user_id", token.userId());
    }
    if (!"twitter".equals(account.id().platform())) {
      out.put("platform", account.id().platform());
    }
    try {
      return JSON.writeValueAsString(out) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write JSON", e);
    }
  }

  private static String smapy(Account account) {
    requireFullOAuth1(account, CredentialFormat.SMAPY);
    return json(account, "access_secret", false);
  }

  private static String twurlrc(Account account) {
    AppCredentials app = account.app();
    OAuth1Token token = account.oauth1();
    if (token != null && (app == null || app.consumerSecret() == null)) {
      throw new IllegalArgumentException(
          "account "
              + account.id()
              + " has an access token but not its app's consumer key and secret, which twurl"
              + " needs");
    }
    boolean hasBearer = account.bearer() != null && app != null;
    if (token == null && !hasBearer) {
      throw nothingToWrite(
          account,
          CredentialFormat.TWURLRC,
          "an access token with its app's keys, or a bearer token with its app's consumer key");
    }
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> profiles = new LinkedHashMap<>();
    Map<String, Object> configuration = new LinkedHashMap<>();
    if (token != null) {
      String username = token.screenName() != null ? token.screenName() : account.id().name();
      String key = app.consumerKey().reveal();
      Map<String, String> profile = new LinkedHashMap<>();
      profile.put("username", username);
      profile.put("consumer_key", key);
      profile.put("consumer_secret", app.consumerSecret().reveal());
      profile.put("token", token.token().reveal());
      profile.put("secret", token.tokenSecret().reveal());
      profiles.put(username, Map.of(key, profile));
      configuration.put("default_profile", List.of(username, key));
    }
    root.put("profiles", profiles);
    root.put("configuration", configuration);
    if (hasBearer) {
      root.put(
          "bearer_tokens", Map.of(app.consumerKey().reveal(), account.bearer().token().reveal()));
    }
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write YAML", e);
    }
  }

  /**
   * twarc 1's INI: a {@code [name]} section. configparser keeps values raw (and may interpolate
   * {@code %}), so values it would misread are refused.
   */
  private static String twarc(Account account) {
    AppCredentials app = account.app();
    if (app == null || app.consumerSecret() == null) {
      throw nothingToWrite(
          account, CredentialFormat.TWARC, "the app's consumer key and secret (and a user token)");
    }
    StringBuilder out = new StringBuilder();
    out.append("# ").append(account.id()).append(" exported by latchkey; use twarc --profile ");
    out.append(account.id().name()).append('\n');
    out.append('[').append(account.id().name()).append("]\n");
    iniLine(out, account, "consumer key", "consumer_key", app.consumerKey().reveal());
    iniLine(out, account, "consumer secret", "consumer_secret", app.consumerSecret().reveal());
    OAuth1Token token = account.oauth1();
    if (token != null) {
      iniLine(out, account, "access token", "access_token", token.token().reveal());
      iniLine(
          out, account, "access token secret", "access_token_secret", token.tokenSecret().reveal());
    }
    return out.toString();
  }

  private static void iniLine(
      StringBuilder out, Account account, String part, String key, String value) {
    char first = value.charAt(0);
    if (first == '\''
        || first == '"'
        || value.indexOf('%') >= 0
        || IniCredentials.inlineComment(value) >= 0) {
      throw new IllegalArgumentException(
          "the "
              + part
              + " of account "
              + account.id()
              + " starts with a quote or holds a '%', ' #' or ' ;' that twarc's INI file cannot"
              + " keep; export to twarc2 or dotenv instead");
    }
    out.append(key).append(" = ").append(value).append('\n');
  }

  /** twarc2's config: configobj in unrepr mode, so Python string literals. */
  private static String twarc2(Account account) {
    StringBuilder out = new StringBuilder();
    AppCredentials app = account.app();
    OAuth1Token token = account.oauth1();
    if (app != null) {
      pythonLine(out, "consumer_key", app.consumerKey());
      pythonLine(out, "consumer_secret", app.consumerSecret());
    }
    if (token != null) {
      pythonLine(out, "access_token", token.token());
      pythonLine(out, "access_token_secret", token.tokenSecret());
    }
    if (account.bearer() != null) {
      pythonLine(out, "bearer_token", account.bearer().token());
    }
    if (out.length() == 0) {
      throw nothingToWrite(
          account, CredentialFormat.TWARC2, "app keys, an access token or a bearer token");
    }
    return out.toString();
  }

  private static void pythonLine(StringBuilder out, String key, Secret value) {
    if (value == null) {
      return;
    }
    out.append(key).append(" = '");
    String v = value.reveal();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\\' || c == '\'') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append("'\n");
  }

  /** MassMine's alist, as Chicken Scheme's {@code write} prints it. */
  private static String massMine(Account account) {
    requireFullOAuth1(account, CredentialFormat.MASSMINE);
    AppCredentials app = account.app();
    OAuth1Token token = account.oauth1();
    StringBuilder out = new StringBuilder("(");
    schemePair(out, "consumer-key", app.consumerKey().reveal());
    out.append(' ');
    schemePair(out, "consumer-secret", app.consumerSecret().reveal());
    out.append(' ');
    schemePair(out, "access-token", token.token().reveal());
    out.append(' ');
    schemePair(out, "access-token-secret", token.tokenSecret().reveal());
    return out.append(")\n").toString();
  }

  private static void schemePair(StringBuilder out, String key, String value) {
    out.append('(').append(key).append(" . \"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == '"') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append("\")");
  }

  /**
   * The account's parts as environment variables under {@code names}, in a fixed order (app keys,
   * user token, bearer token, OAuth 2 client, then the token's screen name and user id): the one
   * mapping behind the {@code dotenv} export, {@code latchkey env} and {@code latchkey exec}. The
   * values are secrets in the clear.
   *
   * @throws IllegalArgumentException when the account holds no credential these names can carry
   */
  public static Map<String, String> environment(Account account, EnvironmentNames names) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(names, "names");
    String platform = account.id().platform();
    Map<String, String> out = new LinkedHashMap<>();
    AppCredentials app = account.app();
    OAuth1Token token = account.oauth1();
    if (app != null) {
      env(out, names, platform, Slot.CONSUMER_KEY, app.consumerKey());
      env(out, names, platform, Slot.CONSUMER_SECRET, app.consumerSecret());
    }
    if (token != null) {
      env(out, names, platform, Slot.TOKEN, token.token());
      env(out, names, platform, Slot.TOKEN_SECRET, token.tokenSecret());
    }
    if (account.bearer() != null) {
      env(out, names, platform, Slot.BEARER, account.bearer().token());
    }
    if (app != null && app.clientId() != null) {
      env(out, names, platform, Slot.CLIENT_ID, app.clientId());
      env(out, names, platform, Slot.CLIENT_SECRET, reveal(app.clientSecret()));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          "account "
              + account.id()
              + " holds no credential the "
              + names.cliName()
              + " names carry; it needs app keys, an access token or a bearer token");
    }
    if (token != null) {
      env(out, names, platform, Slot.SCREEN_NAME, token.screenName());
      env(out, names, platform, Slot.USER_ID, token.userId());
    }
    return out;
  }

  private static void env(
      Map<String, String> out, EnvironmentNames names, String platform, Slot slot, Secret value) {
    env(out, names, platform, slot, value == null ? null : value.reveal());
  }

  private static void env(
      Map<String, String> out, EnvironmentNames names, String platform, Slot slot, String value) {
    String name = names.name(platform, slot);
    if (value != null && name != null) {
      out.put(name, value);
    }
  }

  /**
   * One {@code NAME=value} line as the {@code dotenv} export writes it: bare when safe, else quoted
   * so that shells and dotenv readers give back the same value; ends with a newline.
   */
  public static String dotenvLine(String name, String value) {
    StringBuilder out = new StringBuilder();
    envLine(out, name, value);
    return out.toString();
  }

  private static String dotenv(Account account) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(account.id()).append(" exported by latchkey; keep this file private\n");
    Map<String, String> variables;
    try {
      variables = environment(account, EnvironmentNames.GENERIC);
    } catch (IllegalArgumentException e) {
      throw nothingToWrite(
          account, CredentialFormat.DOTENV, "app keys, an access token or a bearer token");
    }
    variables.forEach((name, value) -> envLine(out, name, value));
    return out.toString();
  }

  /** Bare when safe, else single quotes (literal), else double quotes with escapes. */
  static void envLine(StringBuilder out, String name, String value) {
    out.append(name).append('=');
    if (BARE_VALUE.matcher(value).matches()) {
      out.append(value);
    } else if (value.indexOf('\'') < 0) {
      out.append('\'').append(value).append('\'');
    } else {
      out.append('"');
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '"', '\\', '$', '`' -> out.append('\\').append(c);
          default -> out.append(c);
        }
      }
      out.append('"');
    }
    out.append('\n');
  }

  private static void put(Map<String, String> out, String key, Secret value) {
    if (value != null) {
      out.put(key, value.reveal());
    }
  }

  private static void requireFullOAuth1(Account account, CredentialFormat format) {
    AppCredentials app = account.app();
    if (app == null || app.consumerSecret() == null || account.oauth1() == null) {
      throw nothingToWrite(
          account, format, "the app's consumer key and secret and an access token with its secret");
    }
  }

  /**
   * Importing refuses control characters (the formats are line based) and strips surrounding white
   * space, so exporting refuses both rather than write what would not read back the same.
   */
  private static void refuseUnwritableValues(Account account) {
    AppCredentials app = account.app();
    OAuth1Token token = account.oauth1();
    Map<String, String> parts = new LinkedHashMap<>();
    if (app != null) {
      parts.put("consumer key", app.consumerKey().reveal());
      parts.put("consumer secret", reveal(app.consumerSecret()));
      parts.put("client id", app.clientId());
      parts.put("client secret", reveal(app.clientSecret()));
    }
    if (token != null) {
      parts.put("access token", token.token().reveal());
      parts.put("access token secret", token.tokenSecret().reveal());
      parts.put("screen name", token.screenName());
      parts.put("user id", token.userId());
    }
    if (account.bearer() != null) {
      parts.put("bearer token", account.bearer().token().reveal());
    }
    parts.forEach(
        (part, value) -> {
          if (value == null) {
            return;
          }
          if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(
                "the "
                    + part
                    + " of account "
                    + account.id()
                    + " contains a control character (a line break or tab); fix it before"
                    + " exporting");
          }
          if (value.isBlank() || !value.equals(value.strip())) {
            throw new IllegalArgumentException(
                "the "
                    + part
                    + " of account "
                    + account.id()
                    + " is blank or starts or ends with white space; fix it before exporting");
          }
        });
  }

  private static String reveal(Secret secret) {
    return secret == null ? null : secret.reveal();
  }

  private static IllegalArgumentException nothingToWrite(
      Account account, CredentialFormat format, String needs) {
    return new IllegalArgumentException(
        "account "
            + account.id()
            + " holds nothing "
            + format.cliName()
            + " can hold; it needs "
            + needs);
  }
}
