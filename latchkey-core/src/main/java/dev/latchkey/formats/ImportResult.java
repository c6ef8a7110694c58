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
 * @param skipped what the file holds that was not imported, each with why ({@code "vk": smapy's
 *     VKontakte keys; Latchkey has no such platform})
 */
public record ImportResult(
    CredentialFormat format,
    List<Account> accounts,
    Set<AccountId> defaults,
    List<String> skipped) {

  public ImportResult {
    accounts = List.copyOf(accounts);
    defaults = Set.copyOf(defaults);
    skipped = List.copyOf(skipped);
  }

  /** A result with nothing skipped. */
  public ImportResult(CredentialFormat format, List<Account> accounts, Set<AccountId> defaults) {
    this(format, accounts, defaults, List.of());
  }

  /** True when the file marked this account as its default. */
  public boolean isDefault(AccountId id) {
    return defaults.contains(id);
  }
}
