package dev.latchkey.collect.store;

import java.time.Duration;

/**
 * Tasks other workers of a shared store hold right now.
 *
 * @param tasks how many
 * @param soonestLapse how soon the first of their leases lapses unless renewed (zero or negative:
 *     already lapsed, so it can be taken over now)
 */
public record RunningElsewhere(long tasks, Duration soonestLapse) {}
