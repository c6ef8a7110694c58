package dev.latchkey.dashboard.internal;

/**
 * A user token that only its user can give again after a rotation, with the dashboard's own
 * authorize flow.
 *
 * @param account the account to store it in ({@code twitter/ada}; its app is the new one)
 * @param name the account's name ({@code ada})
 * @param method {@code pin} or {@code oauth2}
 * @param what the credential in words
 * @param user whom to sign in as, in words ({@code @ada_sandbox})
 */
public record RotatePending(String account, String name, String method, String what, String user) {
  /** An HTML id for its button. */
  public String anchor() {
    return account.replace('/', '-').replace('.', '-') + "-" + method;
  }
}
