package dev.latchkey.http;

/**
 * Whose credentials these are, as the platform's identity endpoint said.
 *
 * @param userId the platform's user id, or null when it has none (Tumblr)
 * @param screenName the screen name (Tumblr: primary blog name)
 * @param accessLevel the token's access level header ({@code read-write}), or null
 */
public record Identity(String userId, String screenName, String accessLevel) {}
