/**
 * Collecting data through an account: {@link dev.latchkey.collect.Collector} runs a {@link
 * dev.latchkey.collect.Job} (a {@link dev.latchkey.collect.TaskKind} with its targets and {@link
 * dev.latchkey.collect.JobOptions}) within the platform's rate limits, into a {@link
 * dev.latchkey.collect.store.CollectionStore}, resumably.
 *
 * <p>For the other engineers:
 *
 * <ul>
 *   <li>The account layer implements {@link dev.latchkey.collect.AccountGateway} ("send this
 *       request as this account": it picks the credential, refreshes tokens). {@link
 *       dev.latchkey.collect.ApiClientGateway} is the stand-in until then.
 *   <li>Endpoint facts (rate-limit family, accepted credentials, page sizes, rate-limit headers)
 *       live in {@code internal.InterimFacts} until the platform descriptions carry them; delete it
 *       then. What is collection-specific (where the records are in an answer, which record type,
 *       how the cursor is kept) stays in {@code internal.Plan}.
 *   <li>Issue 11 (PostgreSQL, many workers) implements {@link
 *       dev.latchkey.collect.store.CollectionStore}: jobs and tasks with leases ({@code claim}),
 *       {@code commit} atomic with the checkpoint, budgets per credential and family read and saved
 *       through the store. A shared budget needs the store to hand out request permits (the
 *       governor's {@code reserve} backed by a row lock) instead of each process keeping its own
 *       {@link dev.latchkey.collect.governor.RateGovernor}.
 * </ul>
 */
package dev.latchkey.collect;
