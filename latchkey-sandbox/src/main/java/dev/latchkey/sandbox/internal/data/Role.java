package dev.latchkey.sandbox.internal.data;

/**
 * A seeded user with a part to play, named in the README and on {@code GET /sandbox/}: the account
 * with 100,000 followers, the timeline past the 3,200 cap, the protected and the suspended one.
 *
 * @param part what the user is for, in a few words
 * @param screenName the fixed screen name (X) or blog name (Tumblr)
 * @param name the display name
 * @param followers followers to give the user (the first users after the named ones), or 0
 * @param items how many tweets or posts the user has at start, or -1 for a seeded number
 * @param isProtected whether only followers see the user's items (X's protected accounts)
 * @param suspended whether the account is suspended (X: code 63)
 */
public record Role(
    String part,
    String screenName,
    String name,
    int followers,
    int items,
    boolean isProtected,
    boolean suspended) {}
