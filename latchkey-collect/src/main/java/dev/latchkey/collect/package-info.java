/**
 * Collecting data through an account: {@link dev.latchkey.collect.Collector} runs a {@link
 * dev.latchkey.collect.Job} (a {@link dev.latchkey.collect.TaskKind} with its targets and {@link
 * dev.latchkey.collect.JobOptions}) within the platform's rate limits, into a {@link
 * dev.latchkey.collect.store.CollectionStore}, resumably.
 *
 * <p>For the other engineers:
 *
 * <ul>
 *   <li>{@link dev.latchkey.collect.AccountsGateway} implements {@link
 *       dev.latchkey.collect.AccountGateway} over the account layer ("send this request as this
 *       account": it picks the credential, refreshes tokens).
 *   <li>Endpoint facts (rate-limit family, accepted credentials, page sizes, the rate-limit header
 *       windows, the fields that make records whole) live in the platform's description ({@code
 *       dev.latchkey.platform}); what is collection-specific (where the records are in an answer,
 *       which record type, how the cursor is kept) stays in {@code internal.Plan}.
 *   <li>Issue 11 (PostgreSQL, many workers) implements {@link
 *       dev.latchkey.collect.store.CollectionStore}: jobs and tasks with leases ({@code claim}),
 *       {@code commit} atomic with the checkpoint, budgets per credential and family read and saved
 *       through the store. A shared budget needs the store to hand out request permits (the
 *       governor's {@code reserve} backed by a row lock) instead of each process keeping its own
 *       {@link dev.latchkey.collect.governor.RateGovernor}.
 * </ul>
 */
package dev.latchkey.collect;
