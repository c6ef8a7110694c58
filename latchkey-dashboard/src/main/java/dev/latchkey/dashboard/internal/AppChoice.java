package dev.latchkey.dashboard.internal;

/**
 * An account whose app can authorize other accounts.
 *
 * @param id {@code platform/name}
 * @param platformName the platform's display name
 * @param hasOAuth2Client whether it also holds an OAuth 2 client id (or its platform needs none)
 */
public record AppChoice(String id, String platformName, boolean hasOAuth2Client) {}
