package dev.latchkey.oauth2;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.keychain.internal.KeychainLock;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link TokenStore} of a {@link Keychain}. An update holds the account's refresh lock (a file
 * lock next to the keychain, one per account, that the keychain's other writers do not take) across
 * the token endpoint's HTTP exchange, re-reads the keychain under it, and takes the keychain's
 * writers' lock only to write the answer: a stalled platform delays the next refresh of the same
 * account, never a {@code keys label} or another account's refresh.
 */
public final class KeychainTokenStore implements TokenStore {
  private final Keychain keychain;

  /** A store over an open keychain. */
  public KeychainTokenStore(Keychain keychain) {
    this.keychain = Objects.requireNonNull(keychain, "keychain");
  }

  @Override
  public Optional<OAuth2Token> read(AccountId account) {
    return keychain.get(account).map(Account::oauth2);
  }

  @Override
  @SuppressWarnings("try") // the refresh lock is held for the block's duration
  public OAuth2Token update(AccountId account, Update update)
      throws KeychainException, OAuth2Exception, IOException {
    try (KeychainLock refreshing =
        KeychainLock.acquireRefresh(
            keychain.path(), account.toString(), KeychainLock.Wait.of(keychain.options()))) {
      keychain.reload(); // another process may have refreshed while we waited
      OAuth2Token before = read(account).orElse(null);
      OAuth2Token after = update.apply(before);
      if (after == before) {
        return before;
      }
      return store(account, before, after);
    }
  }

  /**
   * Writes {@code after} where {@code before} is stored now. Other writers may have changed the
   * keychain during the exchange: their changes are kept; an account renamed meanwhile gets the
   * token under its new name; a token another flow stored meanwhile (a new authorization) wins; a
   * removed account is not brought back.
   */
  private OAuth2Token store(AccountId account, OAuth2Token before, OAuth2Token after)
      throws KeychainException, OAuth2Exception {
    OAuth2Token[] stored = new OAuth2Token[1];
    keychain.edit(
        draft -> {
          Optional<Account> now = draft.get(account);
          if (now.isPresent() && Objects.equals(now.get().oauth2(), before)) {
            draft.put(now.get().withOAuth2(after));
            stored[0] = after;
            return;
          }
          if (before != null) {
            for (Account renamed : draft.accounts()) {
              if (before.equals(renamed.oauth2())) {
                draft.put(renamed.withOAuth2(after));
                stored[0] = after;
                return;
              }
            }
          }
          if (now.isPresent() && now.get().oauth2() != null) {
            stored[0] = now.get().oauth2();
          }
        });
    if (stored[0] == null) {
      throw OAuth2Exception.local(
          "no_token",
          "account "
              + account
              + " or its OAuth 2 token was removed while the token was being refreshed; nothing"
              + " was stored");
    }
    return stored[0];
  }
}
