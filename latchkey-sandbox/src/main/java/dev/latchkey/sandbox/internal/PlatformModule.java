package dev.latchkey.sandbox.internal;

import io.javalin.router.JavalinDefaultRouting;

/**
 * One emulated platform: its description (data the shared machinery reads) and its API routes. The
 * three legs of OAuth 1.0a and the OAuth 2 endpoints are registered for every platform from its
 * description; the module adds what only it serves.
 */
public interface PlatformModule {
  /** What differs about the platform. */
  PlatformDescription description();

  /** Registers the platform's API routes under its prefix. */
  void register(JavalinDefaultRouting router, PlatformServices services);
}
