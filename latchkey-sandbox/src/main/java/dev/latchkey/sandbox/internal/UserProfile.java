package dev.latchkey.sandbox.internal;

import java.time.Instant;

/**
 * A user as both platforms show one, computed from the seed (see {@code data.World}).
 *
 * @param index the user's place in the population (0 owns the pre-registered app)
 * @param id the numeric id (X user id; for Tumblr an internal id)
 * @param screenName the screen name (Tumblr: the blog name)
 * @param name the display name
 * @param description the bio
 * @param location free text, may be empty
 * @param createdAt when the account was made
 * @param url the profile link (a t.co link on X), or null
 * @param expandedUrl what {@code url} expands to, or null
 * @param isProtected whether only followers see the user's items
 * @param suspended whether the account is suspended
 * @param verified whether the account is verified
 * @param listed how many lists include the user
 * @param likes how many items the user liked
 * @param uuid the Tumblr blog UUID ({@code t:…})
 */
public record UserProfile(
    int index,
    long id,
    String screenName,
    String name,
    String description,
    String location,
    Instant createdAt,
    String url,
    String expandedUrl,
    boolean isProtected,
    boolean suspended,
    boolean verified,
    int listed,
    int likes,
    String uuid) {}
