package dev.latchkey.account;

import dev.latchkey.http.ApiException;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.oauth2.OAuth2Exception;
import dev.latchkey.platform.CredentialKind;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.ProblemKind;
import java.time.Duration;
import java.util.List;

/**
 * The fix for each {@link ProblemKind}, in words that name the account and the command that gets
 * the credential again: the one place these sentences are written. What an answer means comes from
 * the platform's error table, never from its name.
 */
final class Remedies {
  private Remedies() {}

  /** The command that gets a credential of this kind again for the account. */
  static String authCommand(AccountId id, CredentialKind kind) {
    return authCommand(id, kind, null);
  }

  /** The same, where {@code id} may be null (an account not named yet) on {@code platform}. */
  static String authCommand(AccountId id, CredentialKind kind, Platform platform) {
    String base = "latchkey auth " + (id != null ? id.platform() : platform.name());
    String account = id == null ? "" : " --account " + id;
    return switch (kind == null ? CredentialKind.OAUTH1_USER : kind) {
      case OAUTH1_USER -> base + account;
      case OAUTH2_USER -> base + " --oauth2" + account;
      case APP_ONLY -> base + " --bearer" + account;
      case API_KEY, NONE ->
          "latchkey keys add " + (id == null ? platform.name() + "/NAME" : id) + " --force";
    };
  }

  static Remedy forApi(Platform platform, AccountId id, CredentialKind kind, ApiException e) {
    return of(e.problemKind(), platform, id, kind, e.retryAfter().orElse(null));
  }

  static Remedy forOAuth2(Platform platform, AccountId id, CredentialKind kind, OAuth2Exception e) {
    ProblemKind problem =
        platform.problem(
            e.httpStatus(),
            e.platformCode().isPresent() ? List.of(e.platformCode().getAsInt()) : List.of(),
            null,
            null,
            e.error().orElse(null),
            null);
    return of(problem, platform, id, kind, null);
  }

  /** The fix for {@code problem} with {@code id}'s credential of {@code kind}. */
  static Remedy of(
      ProblemKind problem, Platform platform, AccountId id, CredentialKind kind, Duration wait) {
    String name = platform.displayName();
    String who = id == null ? "the new account" : id.toString();
    String auth = authCommand(id == null ? null : id, kind, platform);
    String show = id == null ? "latchkey keys list" : "latchkey keys show " + id;
    String what = kind == null ? "credentials" : kind.description();
    String portal = platform.developerPortal().toString();
    return switch (problem) {
      case TOKEN_REVOKED ->
          remedy(
              problem,
              "the " + what + " of " + who + " was revoked or has expired: run " + auth,
              auth);
      case NOT_AUTHENTICATED ->
          remedy(
              problem,
              name
                  + " could not authenticate "
                  + who
                  + ": check its consumer key and secret ("
                  + show
                  + "), or authorize again: "
                  + auth,
              auth);
      case VERIFIER_REJECTED ->
          remedy(
              problem,
              name
                  + " rejected the PIN typed for "
                  + who
                  + ": run the command again and type the PIN the authorize page shows",
              null);
      case APP_CREDENTIALS_REFUSED ->
          remedy(
              problem,
              name
                  + " refused the app's keys of "
                  + who
                  + ": check the consumer key and secret (or OAuth 2 client id and secret) with "
                  + show
                  + ", and replace them with latchkey keys add "
                  + (id == null ? platform.name() + "/NAME" : id)
                  + " --force",
              show);
      case CLOCK_SKEW ->
          remedy(
              problem,
              "this computer's clock is off, so "
                  + name
                  + " refused the request of "
                  + who
                  + ": set the clock right (e.g. timedatectl set-ntp true) and retry",
              null);
      case BAD_AUTHENTICATION_DATA ->
          remedy(
              problem,
              name + " could not read the credentials of " + who + ": check them with " + show,
              show);
      case CALLBACK_NOT_APPROVED ->
          remedy(
              problem,
              "the callback URL is not registered for the app of "
                  + who
                  + ": add it at "
                  + portal
                  + ", or use --pin",
              null);
      case APP_SUSPENDED ->
          remedy(
              problem,
              "the app of " + who + " is invalid or suspended: check it at " + portal,
              null);
      case ACCOUNT_LOCKED ->
          remedy(
              problem,
              "the "
                  + name
                  + " account behind "
                  + who
                  + " is locked or suspended: sign in on "
                  + name
                  + " to see why",
              null);
      case RATE_LIMITED ->
          new Remedy(
              problem,
              who
                  + " is rate limited: retry "
                  + (wait == null ? "later" : "in " + Math.max(1, wait.toSeconds()) + " s"),
              null,
              wait);
      case USAGE_CAPPED ->
          remedy(
              problem,
              "the app of "
                  + who
                  + " has used up its usage cap: wait for the next period, or raise the cap at "
                  + portal,
              null);
      case WRONG_CREDENTIAL_KIND ->
          remedy(
              problem,
              name
                  + " does not take the "
                  + what
                  + " of "
                  + who
                  + " here: choose another credential with --auth, or get one the endpoint takes",
              null);
      case MISSING_SCOPE, SCOPE_NOT_ALLOWED ->
          remedy(
              problem,
              problem == ProblemKind.MISSING_SCOPE
                  ? "the OAuth 2 token of "
                      + who
                      + " lacks a scope this call needs: authorize again with it: "
                      + authCommand(id, CredentialKind.OAUTH2_USER, platform)
                      + " --scopes \"...\""
                  : "the app of "
                      + who
                      + " may not ask for these scopes: ask only for those enabled at "
                      + portal,
              null);
      case ACCESS_LEVEL ->
          remedy(
              problem,
              "the app of "
                  + who
                  + " may only read: give it write access at "
                  + portal
                  + ", then run "
                  + auth,
              auth);
      case API_TIER ->
          remedy(
              problem,
              "the app of "
                  + who
                  + " has no access to this endpoint at its API tier: check the app at "
                  + portal,
              null);
      case GRANT_NOT_ENABLED ->
          remedy(
              problem,
              "this OAuth 2 flow is not enabled for the app of " + who + ": enable it at " + portal,
              null);
      case REFUSED ->
          remedy(problem, name + " refused the " + what + " of " + who + ": run " + auth, auth);
      case FORBIDDEN ->
          remedy(
              problem,
              who
                  + " may not do this: the app's access level or API tier may not allow it; check"
                  + " the app at "
                  + portal,
              null);
      case NOT_FOUND ->
          remedy(
              problem,
              name + " has nothing at that address: check the path and its parameters",
              null);
      case PLATFORM_ERROR -> remedy(problem, name + " failed on its side: retry later", null);
      case UNREACHABLE -> unreachable(platform);
      case UNKNOWN -> remedy(problem, "see " + name + "'s message above", null);
    };
  }

  /** The fix when the platform cannot be reached: it names where its base URL comes from. */
  static Remedy unreachable(Platform platform) {
    return remedy(
        ProblemKind.UNREACHABLE,
        "check the network, or the base URL ("
            + platform.environmentPrefix()
            + "API_BASE, LATCHKEY_SANDBOX or the config file)",
        null);
  }

  private static Remedy remedy(ProblemKind problem, String message, String command) {
    return new Remedy(problem, message, command, null);
  }
}
