/**
 * Pacing requests to a platform's rate limits: {@link dev.latchkey.collect.governor.RateGovernor}
 * (one per credential and endpoint family) decides when the next request may go from the windows
 * the platform reports, using {@link dev.latchkey.collect.governor.ServerClock} to wait on the
 * server's clock rather than the local one. Pure logic: time is passed in, the caller waits.
 */
package dev.latchkey.collect.governor;
