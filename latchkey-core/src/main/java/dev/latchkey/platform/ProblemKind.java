package dev.latchkey.platform;

/**
 * What a platform's refusal means for the person holding the credential, whatever words and codes
 * the platform used to say it. A platform's {@link ErrorRule error table} maps its answers to
 * these; the account layer turns each into the fix, naming the account.
 */
public enum ProblemKind {
  /** The token was revoked, or has expired: authorize again (X code 89, OAuth 2 invalid_grant). */
  TOKEN_REVOKED,
  /** The keys or the token do not authenticate (X code 32): check them, or authorize again. */
  NOT_AUTHENTICATED,
  /** The PIN or verifier typed was not the one the authorize page showed. */
  VERIFIER_REJECTED,
  /** The app's own credentials were refused at the token endpoint (X code 99, invalid_client). */
  APP_CREDENTIALS_REFUSED,
  /** The request's timestamp is outside the platform's window (X code 135): fix the clock. */
  CLOCK_SKEW,
  /** The request was not signed as expected (X code 215). */
  BAD_AUTHENTICATION_DATA,
  /** The callback URL is not registered with the app (X codes 415, 417). */
  CALLBACK_NOT_APPROVED,
  /** The app itself is invalid or suspended (X code 416). */
  APP_SUSPENDED,
  /** The user's account is locked or suspended (X codes 326, 63). */
  ACCOUNT_LOCKED,
  /** Too many calls in the window (X code 88, HTTP 429): wait for the reset. */
  RATE_LIMITED,
  /** A monthly usage cap is spent (X's usage-capped problem). */
  USAGE_CAPPED,
  /** This kind of credential is not accepted here (X's unsupported-authentication, code 220). */
  WRONG_CREDENTIAL_KIND,
  /** The token lacks a scope the endpoint needs. */
  MISSING_SCOPE,
  /** The app may not ask for the scopes requested (OAuth 2 invalid_scope). */
  SCOPE_NOT_ALLOWED,
  /** The app's access level does not allow this (X code 261: a read-only app writing). */
  ACCESS_LEVEL,
  /**
   * The app's API tier or project does not include this endpoint (X code 453, client-forbidden).
   */
  API_TIER,
  /** The grant is not enabled for the app (OAuth 2 unauthorized_client). */
  GRANT_NOT_ENABLED,
  /** The credentials were refused, with nothing more specific said (HTTP 401). */
  REFUSED,
  /** The credentials are fine but not for this (HTTP 403). */
  FORBIDDEN,
  /** What was asked for does not exist (HTTP 404, X codes 17, 34, 50). */
  NOT_FOUND,
  /** The platform failed on its side (HTTP 5xx). */
  PLATFORM_ERROR,
  /** The platform could not be reached (network, wrong base URL). */
  UNREACHABLE,
  /** Nothing in the table says. */
  UNKNOWN
}
