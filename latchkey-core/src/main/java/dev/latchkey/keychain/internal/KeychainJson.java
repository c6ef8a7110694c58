package dev.latchkey.keychain.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.BearerToken;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.KeychainException.Reason;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.keychain.Secret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The keychain's JSON document, format version 1. Field names are stable: the decrypted file is
 * meant to be readable and recoverable by hand ({@code age -d keychain.age}).
 *
 * <pre>{@code
 * {
 *   "version": 1,
 *   "defaults": { "twitter": "alice" },
 *   "accounts": [ {
 *     "id": "twitter/alice", "label": "main",
 *     "app":    { "consumer_key": "...", "consumer_secret": "...", "client_id": "...", "client_secret": "..." },
 *               (consumer_key absent for an app that is an OAuth 2 client alone)
 *     "oauth1": { "token": "...", "token_secret": "...", "user_id": "...", "screen_name": "...", "access_level": "read-write" },
 *     "bearer": { "token": "...", "obtained_at": "2026-01-01T00:00:00Z" },
 *     "oauth2": { "access_token": "...", "refresh_token": "...", "expires_at": "...", "scopes": ["tweet.read"],
 *                 "client_id": "...", "client_secret": "..." }
 *   } ]
 * }
 * }</pre>
 *
 * Absent values are omitted. Trailing spaces after the document are padding.
 */
public final class KeychainJson {
  /** The only format version this code reads and writes. */
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private KeychainJson() {}

  /** Serializes the contents as a version 1 document. */
  public static byte[] write(Contents contents) throws KeychainException {
    List<AccountDto> accounts = new ArrayList<>();
    for (Account a : contents.accounts().values()) {
      accounts.add(toDto(a));
    }
    Document doc = new Document(VERSION, new LinkedHashMap<>(contents.defaults()), accounts);
    try {
      return MAPPER.writeValueAsBytes(doc);
    } catch (Exception e) {
      throw new KeychainException(Reason.IO, "could not serialize the keychain");
    }
  }

  /**
   * Parses a document; {@code name} names the file in messages. No parser message is kept, since it
   * could quote a credential.
   */
  public static Contents read(byte[] json, String name) throws KeychainException {
    Document doc;
    try {
      doc = MAPPER.readValue(json, Document.class);
    } catch (Exception e) {
      throw new KeychainException(
          Reason.UNREADABLE,
          name
              + " does not hold a valid keychain document (not JSON of the expected shape); restore"
              + " it from "
              + name
              + ".bak");
    }
    if (doc == null || doc.version() == null) {
      throw new KeychainException(
          Reason.UNREADABLE, name + " is not a Latchkey keychain (no \"version\" field)");
    }
    if (doc.version() != VERSION) {
      throw new KeychainException(
          Reason.UNREADABLE,
          name
              + " has keychain format version "
              + doc.version()
              + ", this Latchkey reads version "
              + VERSION
              + "; upgrade Latchkey");
    }
    Map<AccountId, Account> accounts = new TreeMap<>();
    int index = 0;
    for (AccountDto dto : doc.accounts() == null ? List.<AccountDto>of() : doc.accounts()) {
      Account account;
      try {
        account = fromDto(dto);
      } catch (RuntimeException e) {
        throw new KeychainException(
            Reason.UNREADABLE,
            name + ": account #" + (index + 1) + " is invalid (missing or malformed field)");
      }
      if (accounts.putIfAbsent(account.id(), account) != null) {
        throw new KeychainException(
            Reason.UNREADABLE, name + ": account " + account.id() + " appears twice");
      }
      index++;
    }
    Map<String, String> defaults = new TreeMap<>();
    if (doc.defaults() != null) {
      doc.defaults()
          .forEach(
              (platform, accountName) -> {
                if (platform != null
                    && accountName != null
                    && accounts.keySet().stream()
                        .anyMatch(
                            id ->
                                id.platform().equals(platform) && id.name().equals(accountName))) {
                  defaults.put(platform, accountName);
                }
              });
    }
    return new Contents(accounts, defaults);
  }

  private static AccountDto toDto(Account a) {
    AppDto app = null;
    if (a.app() != null) {
      AppCredentials c = a.app();
      app =
          new AppDto(
              reveal(c.consumerKey()),
              reveal(c.consumerSecret()),
              c.clientId(),
              reveal(c.clientSecret()));
    }
    OAuth1Dto oauth1 = null;
    if (a.oauth1() != null) {
      OAuth1Token t = a.oauth1();
      oauth1 =
          new OAuth1Dto(
              t.token().reveal(),
              t.tokenSecret().reveal(),
              t.userId(),
              t.screenName(),
              t.accessLevel());
    }
    BearerDto bearer = null;
    if (a.bearer() != null) {
      bearer = new BearerDto(a.bearer().token().reveal(), text(a.bearer().obtainedAt()));
    }
    OAuth2Dto oauth2 = null;
    if (a.oauth2() != null) {
      OAuth2Token t = a.oauth2();
      oauth2 =
          new OAuth2Dto(
              t.accessToken().reveal(),
              reveal(t.refreshToken()),
              text(t.expiresAt()),
              new ArrayList<>(new TreeSet<>(t.scopes())),
              t.clientId(),
              reveal(t.clientSecret()));
    }
    return new AccountDto(a.id().toString(), a.label(), app, oauth1, bearer, oauth2);
  }

  private static Account fromDto(AccountDto d) {
    AccountId id = AccountId.parse(d.id());
    AppCredentials app =
        d.app() == null
            ? null
            : new AppCredentials(
                Secret.ofNullable(d.app().consumerKey()),
                Secret.ofNullable(d.app().consumerSecret()),
                d.app().clientId(),
                Secret.ofNullable(d.app().clientSecret()));
    OAuth1Token oauth1 =
        d.oauth1() == null
            ? null
            : new OAuth1Token(
                Secret.of(d.oauth1().token()),
                Secret.of(d.oauth1().tokenSecret()),
                d.oauth1().userId(),
                d.oauth1().screenName(),
                d.oauth1().accessLevel());
    BearerToken bearer =
        d.bearer() == null
            ? null
            : new BearerToken(Secret.of(d.bearer().token()), instant(d.bearer().obtainedAt()));
    OAuth2Token oauth2 =
        d.oauth2() == null
            ? null
            : new OAuth2Token(
                Secret.of(d.oauth2().accessToken()),
                Secret.ofNullable(d.oauth2().refreshToken()),
                instant(d.oauth2().expiresAt()),
                d.oauth2().scopes() == null ? null : new TreeSet<>(d.oauth2().scopes()),
                d.oauth2().clientId(),
                Secret.ofNullable(d.oauth2().clientSecret()));
    return new Account(id, d.label(), app, oauth1, bearer, oauth2);
  }

  private static String reveal(Secret s) {
    return s == null ? null : s.reveal();
  }

  private static String text(Instant i) {
    return i == null ? null : i.toString();
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Document(
      @JsonProperty("version") Integer version,
      @JsonProperty("defaults") Map<String, String> defaults,
      @JsonProperty("accounts") List<AccountDto> accounts) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record AccountDto(
      @JsonProperty("id") String id,
      @JsonProperty("label") String label,
      @JsonProperty("app") AppDto app,
      @JsonProperty("oauth1") OAuth1Dto oauth1,
      @JsonProperty("bearer") BearerDto bearer,
      @JsonProperty("oauth2") OAuth2Dto oauth2) {
    @Override
    public String toString() {
      return "AccountDto[" + id + "]";
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record AppDto(
      @JsonProperty("consumer_key") String consumerKey,
      @JsonProperty("consumer_secret") String consumerSecret,
      @JsonProperty("client_id") String clientId,
      @JsonProperty("client_secret") String clientSecret) {
    @Override
    public String toString() {
      return "AppDto[secrets hidden]";
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record OAuth1Dto(
      @JsonProperty("token") String token,
      @JsonProperty("token_secret") String tokenSecret,
      @JsonProperty("user_id") String userId,
      @JsonProperty("screen_name") String screenName,
      @JsonProperty("access_level") String accessLevel) {
    @Override
    public String toString() {
      return "OAuth1Dto[secrets hidden]";
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record BearerDto(
      @JsonProperty("token") String token, @JsonProperty("obtained_at") String obtainedAt) {
    @Override
    public String toString() {
      return "BearerDto[secrets hidden]";
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record OAuth2Dto(
      @JsonProperty("access_token") String accessToken,
      @JsonProperty("refresh_token") String refreshToken,
      @JsonProperty("expires_at") String expiresAt,
      @JsonProperty("scopes") List<String> scopes,
      @JsonProperty("client_id") String clientId,
      @JsonProperty("client_secret") String clientSecret) {
    @Override
    public String toString() {
      return "OAuth2Dto[secrets hidden]";
    }
  }
}
