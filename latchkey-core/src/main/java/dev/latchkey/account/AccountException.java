package dev.latchkey.account;

import dev.latchkey.keychain.AccountId;
import java.util.Optional;

/**
 * An account cannot do what was asked, for a reason found before or instead of the platform's
 * answer: no such account, no credential the endpoint takes, a missing OAuth 2 scope, a token that
 * could not be refreshed. The message is one line naming the account and the fix, and never holds a
 * secret; {@link #remedy()} is the same fix as data.
 */
public final class AccountException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient AccountId account;
  private final transient Remedy remedy;

  AccountException(AccountId account, Remedy remedy) {
    super(remedy.message(), null, false, false);
    this.account = account;
    this.remedy = remedy;
  }

  /** The account concerned, when there is one. */
  public Optional<AccountId> account() {
    return Optional.ofNullable(account);
  }

  /** The fix, as data. */
  public Remedy remedy() {
    return remedy;
  }
}
