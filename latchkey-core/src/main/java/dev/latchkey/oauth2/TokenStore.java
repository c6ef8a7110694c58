package dev.latchkey.oauth2;

import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.OAuth2Token;
import java.io.IOException;
import java.util.Optional;

/**
 * Where {@link RefreshTokenGrant} keeps an account's OAuth 2 token: read freely, refreshed by one
 * process at a time per account. The keychain implements it; tests may use their own.
 */
public interface TokenStore {

  /** The account's token as last read; empty when it has none. */
  Optional<OAuth2Token> read(AccountId account) throws KeychainException;

  /**
   * Takes the account's refresh lock (exclusive among everyone refreshing this account, in every
   * process), re-reads the account's current token, calls {@code update} with it (this is where the
   * token endpoint is called), and, when the update returns a different token, writes it durably
   * (atomically) before releasing the lock and returning. The lock must not keep the store's other
   * writers waiting during the update: hold a store-wide lock only to write.
   *
   * @return the token stored when the lock is released
   */
  OAuth2Token update(AccountId account, Update update)
      throws KeychainException, OAuth2Exception, IOException;

  /** A change computed under the account's refresh lock from the freshest stored token. */
  @FunctionalInterface
  interface Update {
    /**
     * @param current the stored token, or null when the account has none
     * @return the token to store (the same instance to store nothing)
     */
    OAuth2Token apply(OAuth2Token current) throws OAuth2Exception, IOException;
  }
}
