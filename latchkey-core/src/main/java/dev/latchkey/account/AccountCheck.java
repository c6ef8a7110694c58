package dev.latchkey.account;

import dev.latchkey.keychain.Account;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What checking an account proved, one {@link CredentialCheck} per credential it holds (what {@code
 * latchkey status} shows, and a dashboard's account card).
 *
 * @param account the account as it stands after the check (a refreshed OAuth 2 token saved)
 * @param isDefault whether it is its platform's default account
 * @param checks one per credential checked
 * @param notChecked why nothing was checked, or null
 */
public record AccountCheck(
    Account account, boolean isDefault, List<CredentialCheck> checks, String notChecked) {

  public AccountCheck {
    Objects.requireNonNull(account, "account");
    checks = List.copyOf(checks);
  }

  /** {@code ok}, {@code failed}, or {@code skipped} when there was nothing to check. */
  public String state() {
    return notChecked != null ? "skipped" : failed() ? "failed" : "ok";
  }

  /** True when any credential was refused. */
  public boolean failed() {
    return checks.stream().anyMatch(c -> !c.ok());
  }

  /** The first failed check, if any. */
  public Optional<CredentialCheck> firstFailure() {
    return checks.stream().filter(c -> !c.ok()).findFirst();
  }
}
