package dev.latchkey.dashboard.internal;

/**
 * An account whose app can authorize other accounts.
 *
 * @param id {@code platform/name}
 * @param platformName the platform's display name
 * @param oauth1 whether it can ask with OAuth 1.0a (PIN, callback)
 * @param oauth2 whether it can ask with OAuth 2 (it holds a client id, or the platform's consumer
 *     key is one)
 */
public record AppChoice(String id, String platformName, boolean oauth1, boolean oauth2) {}
