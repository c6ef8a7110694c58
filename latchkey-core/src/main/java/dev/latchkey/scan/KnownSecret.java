package dev.latchkey.scan;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One secret the keychain holds, with what it is: the account and the field ({@code consumer
 * secret}, {@code access token}, ...). The scanner looks for its value; reports name only the
 * account, the field and the masked value.
 *
 * @param account the account holding it
 * @param field what the value is, in the words the developer portals use
 * @param value the value
 */
public record KnownSecret(AccountId account, String field, Secret value) {

  public KnownSecret {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
  }

  /**
   * Every secret an account holds: the app's consumer key and secret and OAuth 2 client secret, the
   * OAuth 1.0a token and token secret, the bearer token, and the OAuth 2 access and refresh tokens.
   * The OAuth 2 client id is left out: it is public (it travels in every authorize address).
   */
  public static List<KnownSecret> of(Account account) {
    List<KnownSecret> out = new ArrayList<>();
    AccountId id = account.id();
    if (account.app() != null) {
      add(out, id, "consumer key", account.app().consumerKey());
      add(out, id, "consumer secret", account.app().consumerSecret());
      add(out, id, "OAuth 2 client secret", account.app().clientSecret());
    }
    if (account.oauth1() != null) {
      add(out, id, "access token", account.oauth1().token());
      add(out, id, "access token secret", account.oauth1().tokenSecret());
    }
    if (account.bearer() != null) {
      add(out, id, "bearer token", account.bearer().token());
    }
    if (account.oauth2() != null) {
      add(out, id, "OAuth 2 access token", account.oauth2().accessToken());
      add(out, id, "OAuth 2 refresh token", account.oauth2().refreshToken());
    }
    return out;
  }

  /** Every secret of every account. */
  public static List<KnownSecret> of(List<Account> accounts) {
    List<KnownSecret> out = new ArrayList<>();
    for (Account a : accounts) {
      out.addAll(of(a));
    }
    return out;
  }

  private static void add(List<KnownSecret> out, AccountId id, String field, Secret value) {
    if (value != null) {
      out.add(new KnownSecret(id, field, value));
    }
  }

  @Override
  public String toString() {
    return account + " " + field + " " + value.masked();
  }
}
