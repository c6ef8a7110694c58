package dev.latchkey.account;

import dev.latchkey.keychain.AccountId;
import java.util.List;
import java.util.Objects;

/**
 * What revoking an account did: for each credential it held, whether the platform revoked it, has
 * no way to (and what to do on its site instead), refused, or was not asked ({@code local only});
 * and whether the credentials were then removed from the keychain.
 *
 * @param account the account
 * @param results one per credential, in the order they were revoked
 * @param removedLocally whether the tokens were removed from the keychain
 */
public record Revocation(AccountId account, List<Result> results, boolean removedLocally) {
  public Revocation {
    Objects.requireNonNull(account, "account");
    results = List.copyOf(results);
  }

  /** True when every credential the platform can revoke was revoked (or none was asked). */
  public boolean complete() {
    return results.stream().noneMatch(r -> r.outcome() == Outcome.FAILED);
  }

  /** What happened to one credential. */
  public enum Outcome {
    /** The platform revoked it. */
    REVOKED,
    /** The platform has no API to revoke it; {@link Result#note()} says what to do instead. */
    NOT_SUPPORTED,
    /** The platform refused or could not be reached; {@link Result#note()} says why. */
    FAILED,
    /** Not sent to the platform ({@code local only}). */
    LOCAL_ONLY
  }

  /**
   * @param credential the credential
   * @param outcome what happened
   * @param note the platform's answer, or what to do on its site; null when revoked
   * @param remedy the fix when it failed, else null
   */
  public record Result(Credential credential, Outcome outcome, String note, Remedy remedy) {
    public Result {
      Objects.requireNonNull(credential, "credential");
      Objects.requireNonNull(outcome, "outcome");
    }
  }
}
