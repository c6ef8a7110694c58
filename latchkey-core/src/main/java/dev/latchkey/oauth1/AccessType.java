package dev.latchkey.oauth1;

/**
 * X's optional {@code x_auth_access_type} on request_token: ask for less access than the app has.
 *
 * @see <a href="https://docs.x.com/resources/fundamentals/authentication/api-reference">X
 *     request_token</a>
 */
public enum AccessType {
  READ("read"),
  WRITE("write");

  private final String wireName;

  AccessType(String wireName) {
    this.wireName = wireName;
  }

  /** The value sent as {@code x_auth_access_type}. */
  public String wireName() {
    return wireName;
  }
}
