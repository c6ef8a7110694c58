package dev.latchkey.dashboard.internal;

/** The page needs the keychain and it is locked: the person is sent to the unlock page. */
final class Locked extends RuntimeException {
  private static final long serialVersionUID = 1L;

  Locked() {
    super("the keychain is locked", null, false, false);
  }
}
