package dev.latchkey.collect.store;

import dev.latchkey.collect.governor.SharedBudget;
import java.util.function.Function;

/**
 * Rate-limit budgets shared by every worker of a store, on any machine (issue 11): one budget per
 * credential and endpoint family, changed atomically. The collector's governor asks through it for
 * each request, so N workers with one credential together send no more than the platform allows.
 */
public interface BudgetLedger {
  /**
   * Loads the budget of {@code credential} and {@code family} under a lock that other workers wait
   * for, applies {@code change} (pure, quick; it may run again if the store retries), writes the
   * budget and {@code worker}'s requests in flight back, and releases the lock, all in one
   * transaction.
   *
   * @return what {@code change} returned
   */
  <T> T change(String credential, String family, String worker, Function<SharedBudget, T> change)
      throws StoreException;
}
