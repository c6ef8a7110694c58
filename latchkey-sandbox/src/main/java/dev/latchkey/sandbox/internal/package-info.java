/**
 * The sandbox's machinery: OAuth 1.0a verification, seeded data, token stores and the Javalin
 * routes of each platform. Not API: types here change without notice.
 */
package dev.latchkey.sandbox.internal;
