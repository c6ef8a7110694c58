package dev.latchkey.sandbox;

/**
 * A seeded sandbox user: the numeric id (Twitter user id; for Tumblr an internal id), the screen
 * name (Tumblr: the user and primary blog name) and the display name.
 */
public record SandboxUser(long id, String screenName, String name) {}
