package dev.latchkey.keychain.internal;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a keychain holds at one moment: accounts by id and the default account name per platform.
 * Immutable; an edit works on a {@link #copy()}.
 */
public final class Contents {
  private final SortedMap<AccountId, Account> accounts;
  private final SortedMap<String, String> defaults;

  public Contents(Map<AccountId, Account> accounts, Map<String, String> defaults) {
    this.accounts = Collections.unmodifiableSortedMap(new TreeMap<>(accounts));
    this.defaults = Collections.unmodifiableSortedMap(new TreeMap<>(defaults));
  }

  public static Contents empty() {
    return new Contents(Map.of(), Map.of());
  }

  public SortedMap<AccountId, Account> accounts() {
    return accounts;
  }

  /** Platform to account name. */
  public SortedMap<String, String> defaults() {
    return defaults;
  }

  public Optional<AccountId> defaultAccount(String platform) {
    String name = defaults.get(platform);
    return name == null ? Optional.empty() : Optional.of(new AccountId(platform, name));
  }

  /**
   * True when {@code next} still holds every account of this one under the same id with the same
   * credentials (labels, defaults and new accounts aside): a change from this to {@code next}
   * removed and replaced no secret, so a backup of this version holds nothing the user let go of.
   */
  public boolean isKeptWholeIn(Contents next) {
    for (Account a : accounts.values()) {
      Account n = next.accounts.get(a.id());
      if (n == null
          || !Objects.equals(a.app(), n.app())
          || !Objects.equals(a.oauth1(), n.oauth1())
          || !Objects.equals(a.bearer(), n.bearer())
          || !Objects.equals(a.oauth2(), n.oauth2())) {
        return false;
      }
    }
    return true;
  }

  /** A mutable copy: accounts and defaults maps the caller may change. */
  public Mutable copy() {
    return new Mutable(new TreeMap<>(accounts), new TreeMap<>(defaults));
  }

  /** The mutable working copy of an edit. */
  public record Mutable(TreeMap<AccountId, Account> accounts, TreeMap<String, String> defaults) {
    public Contents freeze() {
      return new Contents(accounts, defaults);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Contents other
        && accounts.equals(other.accounts)
        && defaults.equals(other.defaults);
  }

  @Override
  public int hashCode() {
    return accounts.hashCode() * 31 + defaults.hashCode();
  }

  @Override
  public String toString() {
    return "Contents[" + accounts.size() + " accounts, defaults=" + defaults + "]";
  }
}
