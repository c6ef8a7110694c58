package dev.latchkey.account;

import dev.latchkey.http.Identity;
import dev.latchkey.platform.ProblemKind;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What checking one stored credential against its platform proved: whose it is and what it may do,
 * or why the platform refused it and the fix.
 *
 * @param credential which credential was checked
 * @param ok whether the platform accepted it
 * @param user whose it is (user id, screen name, access level), when the platform said
 * @param scopes the OAuth 2 scopes it carries (empty for other credentials)
 * @param expiresAt when an OAuth 2 token stops working, or null
 * @param refreshable whether an OAuth 2 token can be refreshed (a refresh token and its client)
 * @param refreshed whether the check refreshed an expired OAuth 2 token first (and saved it)
 * @param maskedToken the checked token, masked ({@code AAAA…}), or null for app keys
 * @param failure why it failed, or null
 * @param remedy the fix, or null when it is fine
 */
public record CredentialCheck(
    Credential credential,
    boolean ok,
    Identity user,
    Set<String> scopes,
    Instant expiresAt,
    boolean refreshable,
    boolean refreshed,
    String maskedToken,
    Failure failure,
    Remedy remedy) {

  public CredentialCheck {
    Objects.requireNonNull(credential, "credential");
    scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    if (ok != (failure == null)) {
      throw new IllegalArgumentException("a check failed exactly when it has a failure");
    }
  }

  /** Whose it is, when the platform said. */
  public Optional<Identity> identity() {
    return Optional.ofNullable(user);
  }

  /**
   * Why a check failed.
   *
   * @param problem what the refusal means
   * @param message the platform's own answer in one line (or why no answer came)
   * @param status the HTTP status, or 0 when there was no answer
   * @param code the platform's error code, or null
   */
  public record Failure(ProblemKind problem, String message, int status, Integer code) {
    public Failure {
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(message, "message");
    }
  }
}
