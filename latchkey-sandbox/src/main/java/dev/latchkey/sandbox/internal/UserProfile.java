package dev.latchkey.sandbox.internal;

import java.time.Instant;

/** A seeded user with the profile fields both platforms show. */
public record UserProfile(
    long id,
    String screenName,
    String name,
    String description,
    String location,
    Instant createdAt,
    int followers,
    int friends,
    int listed,
    int favourites,
    String uuid) {}
