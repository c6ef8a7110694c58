package dev.latchkey.platform;

import java.util.Objects;

/**
 * An API call that says whose credentials these are, and where the answer keeps the user id and
 * name (as JSON Pointers, RFC 6901).
 *
 * @param path the path under the API base, with any query
 * @param userIdPointer where the user id is, or null when the platform has none
 * @param screenNamePointer where the screen name (Tumblr: primary blog name) is
 * @param acceptsOAuth2 whether the call accepts an OAuth 2 user token (X's v1.1 call does not)
 */
public record IdentityEndpoint(
    String path, String userIdPointer, String screenNamePointer, boolean acceptsOAuth2) {
  public IdentityEndpoint {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(screenNamePointer, "screenNamePointer");
  }

  /** An identity call that accepts OAuth 1.0a and OAuth 2 user tokens alike. */
  public IdentityEndpoint(String path, String userIdPointer, String screenNamePointer) {
    this(path, userIdPointer, screenNamePointer, true);
  }
}
