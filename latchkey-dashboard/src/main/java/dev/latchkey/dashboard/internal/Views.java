package dev.latchkey.dashboard.internal;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.Secret;
import java.util.ArrayList;
import java.util.List;

/** Turns accounts into what the pages show: masked values, and one value when revealed. */
final class Views {
  private Views() {}

  /** Every credential the account holds, masked; {@code reveal} names one to show whole. */
  static List<KeyView> keys(Account a, String reveal) {
    List<KeyView> out = new ArrayList<>();
    AppCredentials app = a.app();
    if (app != null) {
      add(out, "consumer_key", "API key (consumer key)", app.consumerKey(), reveal);
      add(out, "consumer_secret", "API key secret", app.consumerSecret(), reveal);
      if (app.clientId() != null) {
        add(out, "client_id", "OAuth 2 client ID", Secret.of(app.clientId()), reveal);
      }
      add(out, "client_secret", "OAuth 2 client secret", app.clientSecret(), reveal);
    }
    if (a.oauth1() != null) {
      add(out, "access_token", "Access token", a.oauth1().token(), reveal);
      add(out, "access_token_secret", "Access token secret", a.oauth1().tokenSecret(), reveal);
    }
    if (a.bearer() != null) {
      add(out, "bearer_token", "App-only bearer token", a.bearer().token(), reveal);
    }
    if (a.oauth2() != null) {
      add(out, "oauth2_access_token", "OAuth 2 access token", a.oauth2().accessToken(), reveal);
      add(out, "oauth2_refresh_token", "OAuth 2 refresh token", a.oauth2().refreshToken(), reveal);
    }
    return out;
  }

  /** The whole value of one credential, by its field name; null when the account has none. */
  static Secret secret(Account a, String field) {
    for (KeyView k : keys(a, field)) {
      if (k.field().equals(field)) {
        return k.revealed() == null ? null : Secret.of(k.revealed());
      }
    }
    return null;
  }

  private static void add(List<KeyView> out, String field, String name, Secret s, String reveal) {
    if (s != null) {
      out.add(new KeyView(field, name, s.masked(), field.equals(reveal) ? s.reveal() : null));
    }
  }
}
