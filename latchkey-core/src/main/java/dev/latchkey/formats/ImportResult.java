package dev.latchkey.formats;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import java.util.List;
import java.util.Set;

/**
 * What a credential file holds: the accounts found, each with a proposed id, the format the file
 * was read as, and which accounts the file marked as its default (twurl's {@code default_profile},
 * twarc's {@code [main]} profile).
 *
 * @param format the format the file was read as (given or detected)
 * @param accounts the accounts, in file order; never empty, ids unique
 * @param defaults the ids of the accounts the file marks as default, at most one per platform
 */
public record ImportResult(
    CredentialFormat format, List<Account> accounts, Set<AccountId> defaults) {

  public ImportResult {
    accounts = List.copyOf(accounts);
    defaults = Set.copyOf(defaults);
  }

  /** True when the file marked this account as its default. */
  public boolean isDefault(AccountId id) {
    return defaults.contains(id);
  }
}
