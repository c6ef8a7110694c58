/**
 * Accounts in use: what it means to send a request as an account, to check one, to revoke one, to
 * fix a refusal, and to unlock the keychain they live in. The command, the demo, the collector, the
 * agent and the dashboard call this package; none of them re-implements it.
 *
 * <h2>Unlock the keychain</h2>
 *
 * <pre>{@code
 * KeychainAccess access =
 *     KeychainAccess.builder(System.getenv())     // LATCHKEY_PASSPHRASE_FILE, LATCHKEY_PASSPHRASE
 *         .keyring(myKeyring)                       // asked only after `latchkey keys remember`
 *         .prompt(PassphrasePrompt.console())      // or a password field; none() = nobody
 *         .build();
 * try (Keychain keychain = access.open(false)) { ... }
 * }</pre>
 *
 * <h2>Send requests as an account</h2>
 *
 * <pre>{@code
 * Platforms platforms = Platforms.configured(env, Platforms.defaultConfigFile(env));
 * Accounts accounts = Accounts.builder(keychain, platforms).build();   // one per process
 * AccountId alice = AccountId.parse("twitter/alice");
 * ApiResponse page = accounts.send(alice, ApiRequest.get("/2/users/me").build());
 * page.status(); page.rateLimit(); page.date(); page.json();
 * }</pre>
 *
 * <ul>
 *   <li>{@link dev.latchkey.account.Accounts#send(dev.latchkey.keychain.AccountId,
 *       dev.latchkey.http.ApiRequest) send} picks the credential the endpoint takes from what the
 *       account holds, in the order OAuth 1.0a user, OAuth 2 user, app-only bearer, api_key (the
 *       platform's {@link dev.latchkey.platform.Endpoint endpoint table} says what each endpoint
 *       takes); pass a {@link dev.latchkey.platform.CredentialKind} to force one. {@link
 *       dev.latchkey.account.Accounts#credentialFor credentialFor} says which it would use.
 *   <li>An OAuth 2 user token has its scopes checked against the table first, is refreshed a minute
 *       before it expires and once more after a 401; the rotated refresh token is written to the
 *       keychain (under its lock) before the new access token is used. It is refreshed with the
 *       OAuth 2 client it was issued to, which is stored with it.
 *   <li>The platform's refusals stay {@link dev.latchkey.http.ApiException}s carrying its own
 *       answer (status, codes, problem details, rate limit, {@code retryAfter}) and what it means
 *       ({@link dev.latchkey.http.ApiException#problemKind()}); {@link
 *       dev.latchkey.account.Accounts#remedy remedy} turns one into the fix, naming the account.
 *       Refusals before any call (no such account, no credential the endpoint takes, a missing
 *       scope, a refresh that failed) are {@link dev.latchkey.account.AccountException}s with their
 *       {@link dev.latchkey.account.Remedy} attached.
 *   <li>One instance is cheap to call thousands of times (a collector paging through a timeline):
 *       it keeps one HTTP client and one API client per platform and reads accounts from the open
 *       keychain in memory. Pages turn as the endpoint's {@link dev.latchkey.platform.Pagination}
 *       says; its {@link dev.latchkey.platform.RateLimitFamily} names the budget it counts against.
 * </ul>
 *
 * <h2>Check, verify, revoke</h2>
 *
 * <ul>
 *   <li>{@link dev.latchkey.account.Accounts#check check(id)}: what {@code latchkey status} proves,
 *       as data ({@link dev.latchkey.account.AccountCheck}, one {@link
 *       dev.latchkey.account.CredentialCheck} per credential: ok or the platform's refusal with its
 *       remedy, user, access level, scopes, expiry, refreshable, refreshed).
 *   <li>{@link dev.latchkey.account.Accounts#verify verify(candidate)}: the same checks for
 *       credentials not stored yet ({@code keys add}, a dashboard's "Add"); nothing is written.
 *   <li>{@link dev.latchkey.account.Accounts#revoke revoke(id, localOnly)}: every token revoked at
 *       the platform where it has a way (OAuth 1.0a invalidate, app-only invalidate, RFC 7009),
 *       else a note saying what to do on its site; then removed from the keychain. A token the
 *       platform refused to revoke is kept; the app's keys always stay. {@code revoke(id, which,
 *       localOnly)} takes only some {@link dev.latchkey.account.Credential}s.
 *   <li>{@link dev.latchkey.account.Replacement#of Replacement.of(stored, incoming)}: what storing
 *       new credentials over an account replaces, keeps (the same values, tokens of the same app)
 *       or drops (tokens of other app keys), said in one clause.
 *   <li>{@link dev.latchkey.account.Accounts#remedy(dev.latchkey.platform.Platform,
 *       dev.latchkey.keychain.AccountId, dev.latchkey.platform.CredentialKind, Exception)}: the fix
 *       for a refusal met before the account has a name (authorizing a new one); {@link
 *       dev.latchkey.account.Accounts#oauth2Client Accounts.oauth2Client(platform, app, clientId)}:
 *       the OAuth 2 client to authorize with. {@link dev.latchkey.account.When}: times for people,
 *       to the minute or the second.
 *   <li>{@link dev.latchkey.account.AccountReference}: how a person names an account ({@code
 *       twitter/alice}, {@code alice}, {@code twitter}), resolved the same everywhere.
 * </ul>
 */
package dev.latchkey.account;
