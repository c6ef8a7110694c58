package dev.latchkey.cli.session;

import dev.latchkey.account.AccountException;
import dev.latchkey.account.AccountReference;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import picocli.CommandLine.Parameters;

/**
 * The positional {@code ACCOUNT} of the commands that act on one stored account ({@code keys show},
 * {@code token}, {@code revoke}, ...): the same words, parsing and help as {@link AccountOption},
 * as a mixin.
 */
public final class AccountParameter {
  @Parameters(
      index = "0",
      paramLabel = "ACCOUNT",
      converter = AccountOption.Converter.class,
      description = "The account: " + AccountOption.DESCRIPTION)
  AccountReference account;

  /** The stored account it names. */
  public AccountId resolve(Keychain keychain) throws AccountException {
    return account.resolve(keychain, null);
  }

  /** The stored account it names, with its credentials. */
  public Account stored(Keychain keychain) throws AccountException {
    AccountId id = resolve(keychain);
    return keychain.get(id).orElseThrow();
  }
}
