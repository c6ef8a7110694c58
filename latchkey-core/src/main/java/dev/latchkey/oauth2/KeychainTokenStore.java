package dev.latchkey.oauth2;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.OAuth2Token;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link TokenStore} of a {@link Keychain}: updates run inside {@link Keychain#edit}, which
 * holds the keychain's exclusive file lock, re-reads the file when another process changed it, and
 * writes the result atomically before releasing the lock.
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
  public OAuth2Token update(AccountId account, Update update)
      throws KeychainException, OAuth2Exception, IOException {
    OAuth2Token[] stored = new OAuth2Token[1];
    Exception[] failure = new Exception[1];
    try {
      keychain.edit(
          draft -> {
            Optional<Account> current = draft.get(account);
            OAuth2Token before = current.map(Account::oauth2).orElse(null);
            OAuth2Token after;
            try {
              after = update.apply(before);
            } catch (OAuth2Exception | IOException e) {
              failure[0] = e;
              throw new Aborted();
            }
            stored[0] = after;
            if (after != before) {
              draft.put(current.orElseGet(() -> Account.empty(account)).withOAuth2(after));
            }
          });
    } catch (Aborted a) {
      if (failure[0] instanceof OAuth2Exception e) {
        throw e;
      }
      throw (IOException) failure[0];
    }
    return stored[0];
  }

  /** Carries a flow failure out of {@link Keychain#edit} so that nothing is written. */
  private static final class Aborted extends KeychainException {
    private static final long serialVersionUID = 1L;

    Aborted() {
      super(Reason.IO, "token update aborted");
    }
  }
}
