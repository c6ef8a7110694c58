package dev.latchkey.dashboard.internal;

/**
 * One stored credential value as a page shows it.
 *
 * @param field the form value naming it ({@code consumer_secret})
 * @param name what a person calls it ({@code API key secret})
 * @param masked the masked value, always safe to show
 * @param revealed the whole value when the person just asked to see it, else null
 */
public record KeyView(String field, String name, String masked, String revealed) {}
