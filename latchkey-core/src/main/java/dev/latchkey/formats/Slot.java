package dev.latchkey.formats;

/** The parts of an account a credential file can hold. */
enum Slot {
  CONSUMER_KEY(true),
  CONSUMER_SECRET(true),
  TOKEN(true),
  TOKEN_SECRET(true),
  BEARER(true),
  CLIENT_ID(false),
  CLIENT_SECRET(true),
  SCREEN_NAME(false),
  USER_ID(false);

  private final boolean credential;

  Slot(boolean credential) {
    this.credential = credential;
  }

  /** True for the parts that are credentials, as opposed to identity or ids. */
  boolean credential() {
    return credential;
  }
}
