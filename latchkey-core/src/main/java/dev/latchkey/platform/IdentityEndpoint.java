package dev.latchkey.platform;

import java.util.Objects;

/**
 * An API call that says whose credentials these are, and where the answer keeps the user id and
 * name (as JSON Pointers, RFC 6901). Which credentials it takes is the endpoint table's business.
 *
 * @param path the path under the API base, with any query
 * @param userIdPointer where the user id is, or null when the platform has none
 * @param screenNamePointer where the screen name (Tumblr: primary blog name) is
 */
public record IdentityEndpoint(String path, String userIdPointer, String screenNamePointer) {
  public IdentityEndpoint {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(screenNamePointer, "screenNamePointer");
  }

  /** The path without its query, as the endpoint table names it. */
  public String endpointPath() {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }
}
