package dev.latchkey.sandbox.internal;

import java.util.Map;

/**
 * The sandbox's size bounds for what clients make it remember (issue 9: no map grows without
 * limit). A store that is full refuses the next entry the way X refuses work when it is overloaded,
 * {@code 503} code 130 "Over capacity", and never drops what a client still holds.
 */
public final class Capacity {
  /** Request tokens waiting for their user (each lives 15 minutes). */
  public static final int REQUEST_TOKENS = 100_000;

  /** OAuth 1.0a access tokens issued per platform. */
  public static final int ACCESS_TOKENS = 100_000;

  /** Apps registered through the control API per platform. */
  public static final int APPS = 1_000;

  /** OAuth 2 consent pages, codes, access and refresh tokens held per platform, each. */
  public static final int OAUTH2_ENTRIES = 100_000;

  private Capacity() {}

  /** Throws 503 / 130 when {@code store} already holds {@code max} entries. */
  public static void ensureRoom(Map<?, ?> store, int max) {
    if (store.size() >= max) {
      throw new ApiError(503, 130, "Over capacity");
    }
  }
}
