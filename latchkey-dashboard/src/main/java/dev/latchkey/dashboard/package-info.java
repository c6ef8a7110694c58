/**
 * The credentials dashboard ({@code latchkey ui}): {@link dev.latchkey.dashboard.Dashboard} starts
 * it with {@link dev.latchkey.dashboard.DashboardOptions}. Pages are jte templates compiled at
 * build time ({@code src/main/jte}); everything else is under {@code internal}.
 */
package dev.latchkey.dashboard;
