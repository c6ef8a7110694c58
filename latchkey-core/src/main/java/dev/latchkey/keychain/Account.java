package dev.latchkey.keychain;

import java.util.Objects;

/**
 * One named account in the keychain and every credential it holds. Any credential may be absent: an
 * account can be just an app (consumer key and secret), an app with a user token, a bearer token
 * alone, and so on.
 *
 * @param id the account's name, {@code platform/name}
 * @param label free text the user chose to remember what this is, or null
 * @param app the developer app's credentials, or null
 * @param oauth1 the OAuth 1.0a user token, or null
 * @param bearer the OAuth 2 app-only bearer token, or null
 * @param oauth2 the OAuth 2 user token, or null
 */
public record Account(
    AccountId id,
    String label,
    AppCredentials app,
    OAuth1Token oauth1,
    BearerToken bearer,
    OAuth2Token oauth2) {

  public Account {
    Objects.requireNonNull(id, "id");
  }

  /** An account with nothing in it yet. */
  public static Account empty(AccountId id) {
    return new Account(id, null, null, null, null, null);
  }

  public Account withId(AccountId newId) {
    return new Account(newId, label, app, oauth1, bearer, oauth2);
  }

  public Account withLabel(String newLabel) {
    return new Account(id, newLabel, app, oauth1, bearer, oauth2);
  }

  public Account withApp(AppCredentials newApp) {
    return new Account(id, label, newApp, oauth1, bearer, oauth2);
  }

  public Account withOAuth1(OAuth1Token token) {
    return new Account(id, label, app, token, bearer, oauth2);
  }

  public Account withBearer(BearerToken token) {
    return new Account(id, label, app, oauth1, token, oauth2);
  }

  public Account withOAuth2(OAuth2Token token) {
    return new Account(id, label, app, oauth1, bearer, token);
  }

  /** True when the account holds no credential at all. */
  public boolean isEmpty() {
    return app == null && oauth1 == null && bearer == null && oauth2 == null;
  }

  @Override
  public String toString() {
    return "Account[id="
        + id
        + ", label="
        + label
        + ", app="
        + app
        + ", oauth1="
        + oauth1
        + ", bearer="
        + bearer
        + ", oauth2="
        + oauth2
        + "]";
  }
}
